import type { Bundle, CarePlan, Communication, Composition, Encounter, MedicationRequest, OperationOutcome, Patient, Resource, Task } from '@medplum/fhirtypes';
import { hasErrors, validate } from '@parcours/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyHash } from './apply.ts';
import { EXCHANGE_IDENTIFIER_SYSTEM } from './constants.ts';
import type { Exchange } from './exchange.ts';
import type { InboxMessage } from './inbox.ts';
import { bundleKey } from './intake.ts';
import { DISCHARGE_GP, DISCHARGE_PATIENT, IPP_SYSTEM, dischargeBundleExample, startBackend, startExchangeHttp, waitFor, tempDirs } from './testing.ts';
import type { Backend, ExchangeHttp } from './testing.ts';

const temp = tempDirs();
const tempDir = (): string => temp.make();

let backend: Backend;
let ex: ExchangeHttp;
let exchange: Exchange;
let base: string;
let hospital: string;
let operator: string;
let reader: string;

beforeAll(async () => {
  backend = await startBackend({ dataDir: tempDir() });
  ex = await startExchangeHttp(backend, { dataDir: tempDir() });
  exchange = ex.exchange;
  base = ex.base;
  hospital = await backend.token('chu-roubaix');
  operator = await backend.token('exchange-operator');
  reader = await backend.token('parcours-exchange');
}, 60_000);

afterAll(async () => {
  await ex.close();
  await backend.close();
  temp.removeAll();
});

async function fhirGet<T extends Resource>(path: string): Promise<T> {
  const res = await fetch(`${backend.fhirUrl}/${path}`, { headers: { Authorization: `Bearer ${reader}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function search<T extends Resource>(path: string): Promise<T[]> {
  const bundle = await fhirGet<Bundle<T>>(path);
  return (bundle.entry ?? []).map((e) => e.resource as T);
}

async function postBundle(bundle: unknown, token = hospital): Promise<Response> {
  return fetch(`${base}/exchange/fhir/Bundle`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(bundle),
  });
}

async function messageOf(res: Response): Promise<InboxMessage> {
  const id = res.headers.get('x-exchange-message-id');
  expect(id).toBeTruthy();
  const detail = await fetch(`${base}/exchange/messages/${id}`, { headers: { Authorization: `Bearer ${operator}` } });
  return (await detail.json()) as InboxMessage;
}

async function settled(id: string): Promise<InboxMessage> {
  return waitFor(async () => {
    const res = await fetch(`${base}/exchange/messages/${id}`, { headers: { Authorization: `Bearer ${operator}` } });
    const message = (await res.json()) as InboxMessage;
    return message.status !== 'pending' ? message : undefined;
  }, `message ${id} to leave pending`);
}

function tasksOf(key: string): Promise<Task[]> {
  return search<Task>(`Task?identifier=${encodeURIComponent(`${EXCHANGE_IDENTIFIER_SYSTEM}|${keyHash(key)}/task`)}`);
}

function withIdentifier(bundle: Bundle, value: string): Bundle {
  return { ...bundle, identifier: { system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sortie', value } };
}

describe('FHIR discharge Bundle', () => {
  it('applies the discharge example as one transaction with the Task, CarePlan activity and team notification', async () => {
    const bundle = dischargeBundleExample();
    const res = await postBundle(bundle);
    expect(res.status).toBe(202);
    const accepted = await messageOf(res);
    const message = await settled(accepted.id);
    expect(message.status, message.lastError).toBe('applied');

    const tasks = await tasksOf(bundleKey(bundle));
    expect(tasks).toHaveLength(1);
    const task = tasks[0] as Task;
    expect(task.status).toBe('requested');
    expect(task.owner?.reference).toBe(DISCHARGE_GP);
    expect(task.for?.reference).toBe(`Patient/${DISCHARGE_PATIENT}`);
    expect(task.restriction?.period?.end).toBe('2024-04-14');
    expect(task.basedOn?.[0]?.reference).toBe('CarePlan/CarePlanSortieExample');
    expect(task.focus?.reference).toBe('CarePlan/CarePlanSortieExample');

    const plan = await fhirGet<CarePlan>('CarePlan/CarePlanSortieExample');
    expect(plan.activity?.map((a) => a.reference?.reference)).toEqual([`Task/${task.id}`]);
    expect(plan.meta?.versionId).toBe('2');

    // The seeded stay is updated in place (conditional update on its identifier), not duplicated.
    const stays = await search<Encounter>(`Encounter?identifier=${encodeURIComponent('https://chu-roubaix.exemple.fr/fhir/identifiers/sejour|SEJ-2024-118822')}`);
    expect(stays).toHaveLength(1);
    expect(stays[0]?.status).toBe('finished');
    expect(stays[0]?.hospitalization?.dischargeDisposition?.coding?.[0]?.code).toBe('home');
    expect(stays[0]?.subject?.reference).toBe(`Patient/${DISCHARGE_PATIENT}`);
    expect(task.encounter?.reference).toBe(`Encounter/${stays[0]?.id}`);

    const compositions = await search<Composition>(`Composition?subject=Patient/${DISCHARGE_PATIENT}`);
    const composition = compositions.find((c) => c.section?.some((s) => s.entry?.some((e) => e.reference === `Task/${task.id}`)));
    expect(composition?.encounter?.reference).toBe(`Encounter/${stays[0]?.id}`);
    const meds = await search<MedicationRequest>(`MedicationRequest?subject=Patient/${DISCHARGE_PATIENT}&encounter=Encounter/${stays[0]?.id}`);
    expect(meds.length).toBeGreaterThanOrEqual(1);
    const communications = await search<Communication>(`Communication?subject=Patient/${DISCHARGE_PATIENT}&category=sortie-hospitaliere`);
    const notice = communications.find((c) => c.identifier?.some((i) => i.system === EXCHANGE_IDENTIFIER_SYSTEM));
    expect(notice?.recipient?.[0]?.reference).toBe('CareTeam/CareTeamSortieExample');
    expect(notice?.about?.map((a) => a.reference)).toContain(`Task/${task.id}`);

    // Everything written validates against the Parcours profiles.
    for (const resource of [task, plan, stays[0], composition, notice, ...meds] as Resource[]) {
      const result = validate(resource);
      expect(hasErrors(result), `${resource.resourceType}: ${JSON.stringify(result.issue)}`).toBe(false);
    }
  });

  it('applies a bundle delivered twice only once', async () => {
    const bundle = withIdentifier(dischargeBundleExample(), 'SORTIE-TWICE-1');
    const first = await postBundle(bundle);
    expect(first.status).toBe(202);
    const second = await postBundle(bundle);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-exchange-message-id')).toBe(first.headers.get('x-exchange-message-id'));
    const message = await settled((await messageOf(first)).id);
    expect(message.status).toBe('applied');
    expect(await tasksOf(bundleKey(bundle))).toHaveLength(1);
    const plan = await fhirGet<CarePlan>('CarePlan/CarePlanSortieExample');
    const task = (await tasksOf(bundleKey(bundle)))[0];
    expect(plan.activity?.filter((a) => a.reference?.reference === `Task/${task?.id}`)).toHaveLength(1);
  });

  it('keeps the hospital’s own extensions it does not know (FR Core) and applies the discharge', async () => {
    const bundle = withIdentifier(dischargeBundleExample(), 'SORTIE-FRCORE-1');
    const url = 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-encounter-estimated-discharge-date';
    const stay = bundle.entry?.find((e) => e.resource?.resourceType === 'Encounter')?.resource as Encounter;
    stay.extension = [...(stay.extension ?? []), { url, valueDateTime: '2026-11-20' }];
    const res = await postBundle(bundle);
    expect(res.status).toBe(202);
    expect((await settled((await messageOf(res)).id)).status).toBe('applied');
    expect(await tasksOf(bundleKey(bundle))).toHaveLength(1);
    const stored = await search<Encounter>(`Encounter?class=IMP&_count=100`);
    expect(stored.some((e) => e.extension?.some((x) => x.url === url))).toBe(true);
  });

  it('rejects an invalid bundle with an OperationOutcome, applies nothing and keeps it as a dead letter', async () => {
    const before = exchange.counts();
    const bundle = withIdentifier(dischargeBundleExample(), 'SORTIE-INVALID');
    const patient = bundle.entry?.[1]?.resource as Patient;
    delete patient.identifier;
    const res = await postBundle(bundle);
    expect(res.status).toBe(422);
    const result = (await res.json()) as OperationOutcome;
    expect(result.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(result.issue)).toContain('parcours-discharge-bundle');
    const ref = /Réf\. ([0-9a-f-]{36})/.exec(JSON.stringify(result.issue))?.[1];
    expect(exchange.counts()).toEqual({ ...before, dead: before.dead + 1 });
    expect(exchange.inbox.get(ref ?? '')).toMatchObject({ status: 'dead', source: 'fhir', bundle: '' });
    const notJson = await fetch(`${base}/exchange/fhir/Bundle`, { method: 'POST', headers: { Authorization: `Bearer ${hospital}` }, body: '{oops' });
    expect(notJson.status).toBe(400);
    const notBundle = await postBundle({ resourceType: 'Patient' });
    expect(notBundle.status).toBe(400);
    expect(exchange.counts()).toEqual({ ...before, dead: before.dead + 1 });
  });

  it('authenticates the sender with a backend token carrying a system/ write scope', async () => {
    const bundle = withIdentifier(dischargeBundleExample(), 'SORTIE-AUTH');
    const anonymous = await fetch(`${base}/exchange/fhir/Bundle`, { method: 'POST', body: JSON.stringify(bundle) });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as OperationOutcome).issue?.[0]?.code).toBe('login');
    const forged = await postBundle(bundle, `${hospital.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    const readOnly = await postBundle(bundle, operator);
    expect(readOnly.status).toBe(403);
    const operatorList = await fetch(`${base}/exchange/dead-letters`, { headers: { Authorization: `Bearer ${hospital}` } });
    expect(operatorList.status).toBe(403);
  });

  it('parks a discharge for an unknown person, and applies it once an operator names the person', async () => {
    const bundle = withIdentifier(dischargeBundleExample(), 'SORTIE-UNKNOWN');
    const patient = bundle.entry?.[1]?.resource as Patient;
    patient.identifier = [{ system: IPP_SYSTEM, value: 'IPP-0000000' }];
    const res = await postBundle(bundle);
    expect(res.status).toBe(202);
    const message = await settled((await messageOf(res)).id);
    expect(message.status).toBe('parked');
    expect(message.parkReason).toContain('IPP-0000000');
    const parked = (await (await fetch(`${base}/exchange/parked`, { headers: { Authorization: `Bearer ${operator}` } })).json()) as { messages: InboxMessage[] };
    expect(parked.messages.map((m) => m.id)).toContain(message.id);
    expect(await tasksOf(bundleKey(bundle))).toHaveLength(0);

    const resolved = await fetch(`${base}/exchange/parked/${message.id}/resolve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ patient: `Patient/${DISCHARGE_PATIENT}` }),
    });
    expect(resolved.status).toBe(200);
    expect((await settled(message.id)).status).toBe('applied');
    expect(await tasksOf(bundleKey(bundle))).toHaveLength(1);
  });

  it('parks when the hospital identifier designates several persons (never guesses)', async () => {
    const server = backend.server();
    for (const id of ['twin-a', 'twin-b']) {
      await server.repository.updateResource({ resourceType: 'Patient', id, identifier: [{ system: IPP_SYSTEM, value: 'IPP-TWIN' }], name: [{ family: 'Double' }] });
    }
    const bundle = withIdentifier(dischargeBundleExample(), 'SORTIE-AMBIGUOUS');
    (bundle.entry?.[1]?.resource as Patient).identifier = [{ system: IPP_SYSTEM, value: 'IPP-TWIN' }];
    const res = await postBundle(bundle);
    const message = await settled((await messageOf(res)).id);
    expect(message.status).toBe('parked');
    expect(message.parkReason).toMatch(/ambig/);
  });
});
