// Issue 13's attacks, sent as an attacker would: real tokens from the sandbox's real flows (EHR simulator page,
// SMART code flow with PKCE), plain HTTP against the FHIR API. Person A = cohort-microstructure-001 (the
// microstructure GP, psychologist and referent are in their team), person B = PatientRdrAlcoolExample (not theirs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, Bundle, BundleEntry, Encounter, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { authorize, ehrForm, ehrLaunch, ehrLaunchUrl } from './testing.ts';
import { seedResources } from './seed.ts';

const A = 'cohort-microstructure-001';
const B = 'PatientRdrAlcoolExample';
const B_INS = '268045935012345';
const INS = 'urn:oid:1.2.250.1.213.1.4.8';

let sandbox: Sandbox;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parcours-attacks-'));
  sandbox = await startSandbox({ port: 0, dataDir });
}, 180_000);
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer<T = Resource> { status: number; body: T }

async function call<T = Resource>(token: string, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(`${sandbox.fhirBaseUrl}/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function token(user: string, patient: string, scope = 'launch openid fhirUser patient/*.cruds'): Promise<string> {
  return (await ehrLaunch(sandbox, user, patient, scope)).access_token;
}

/** A stored resource as a template for a new one (no id, no version). */
async function template<T extends Resource>(type: T['resourceType'], id: string): Promise<T> {
  const { id: _id, meta, ...rest } = (await sandbox.fhir.repository.readResource(type, id)) as T & { id: string };
  return { ...rest, meta: { ...(meta?.profile ? { profile: meta.profile } : {}), ...(meta?.security ? { security: meta.security } : {}) } } as unknown as T;
}

const ids = (bundle: Bundle | undefined): string[] => (bundle?.entry ?? []).map((e) => `${e.resource?.resourceType ?? e.request?.url}/${e.resource?.id ?? ''}`);

describe('1. psychotherapy notes through history', () => {
  it('a version written before the PSY label is hidden wherever history reaches, from readers who may not see PSY', async () => {
    const psy = await token('psychologist', A, 'launch openid fhirUser patient/Encounter.crus');
    const base = await template<Encounter>('Encounter', `${A}-enc-0001`);
    const { security: _s, ...meta } = base.meta ?? {};
    const created = await call<Encounter>(psy, 'POST', 'Encounter', { ...base, meta });
    expect(created.status).toBe(201);
    const id = created.body.id!;
    const labelled = await call(psy, 'PUT', `Encounter/${id}`, { ...created.body, meta: { ...meta, security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] } });
    expect(labelled.status).toBe(200);
    expect((await call(psy, 'GET', `Encounter/${id}/_history/1`)).status).toBe(200);

    const referent = await token('referent', A, 'launch openid fhirUser patient/*.rs');
    expect((await call(referent, 'GET', `Encounter/${A}-enc-0001`)).status).toBe(200); // in the team: reads A's other encounters
    for (const path of [`Encounter/${id}/_history/1`, `Encounter/${id}/_history`, `Encounter/${id}`]) {
      expect((await call(referent, 'GET', path)).status, path).toBe(404);
    }
    for (const path of ['Encounter/_history?_count=1000', '_history?_count=1000']) {
      const history = await call<Bundle>(referent, 'GET', path);
      expect(history.status).toBe(200);
      expect(ids(history.body).filter((r) => r.endsWith(`/${id}`)), path).toEqual([]);
      expect(history.body.total).toBe(history.body.entry?.length ?? 0);
    }
  });

  it('only a reader allowed to see a label may remove it', async () => {
    const referent = await token('referent', A, 'launch openid fhirUser patient/*.cruds');
    const psyEncounter = (await sandbox.fhir.repository.readResource('Encounter', `${A}-enc-0002`)) as Encounter;
    const { meta: _m, ...unlabelled } = psyEncounter;
    const attempt = await call(referent, 'PUT', `Encounter/${psyEncounter.id}`, unlabelled);
    expect(attempt.status).toBe(403);
    const stored = (await sandbox.fhir.repository.readResource('Encounter', `${A}-enc-0002`)) as Encounter;
    expect(stored.meta?.security?.map((c) => c.code)).toContain('PSY');
  });
});

describe('2. writing into another person\'s record', () => {
  it('a patient-scoped token for A cannot write into B, whatever other reference names A', async () => {
    const gp = await token('gp', A);
    const observation = await template<Observation>('Observation', `${A}-obs-0001`);
    const before = (await sandbox.fhir.repository.search({ resourceType: 'Observation', filters: [{ code: 'subject', operator: 'eq', value: `Patient/${B}` }], count: 0 })).total;
    const attempts: [string, Resource][] = [
      ['Observation', { ...observation, subject: { reference: `Patient/${B}` }, performer: [{ reference: `Patient/${A}` }] }],
      ['Task', { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: `Patient/${B}` }, focus: { reference: `Patient/${A}` }, description: 'Injecté' }],
      ['Communication', { resourceType: 'Communication', status: 'completed', subject: { reference: `Patient/${B}` }, recipient: [{ reference: `Patient/${A}` }], payload: [{ contentString: 'Injecté' }] }],
    ];
    for (const [type, resource] of attempts) {
      const res = await call<OperationOutcome>(gp, 'POST', type, resource);
      expect(res.status, type).toBe(403);
      expect(res.body.issue[0]?.code).toBe('forbidden');
    }
    const transaction = await call(gp, 'POST', '', { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: attempts[0]![1], request: { method: 'POST', url: 'Observation' } }] });
    expect(transaction.status).toBe(403);
    const own = (await sandbox.fhir.repository.readResource('Observation', `${A}-obs-0001`)) as Observation;
    expect((await call(gp, 'PUT', `Observation/${own.id}`, { ...own, subject: { reference: `Patient/${B}` } })).status).toBe(403);
    const provenance = (targets: string[]): Resource => ({ resourceType: 'Provenance', recorded: '2026-11-30T10:00:00Z', target: targets.map((reference) => ({ reference })), agent: [{ who: { reference: 'PractitionerRole/PractitionerRoleMicrostructureGpExample' } }] });
    const bObservation = (await sandbox.fhir.repository.search({ resourceType: 'Observation', filters: [{ code: 'subject', operator: 'eq', value: `Patient/${B}` }], count: 1 })).entry?.[0]?.resource;
    expect((await call(gp, 'POST', 'Provenance', provenance([`Observation/${own.id}`, `Observation/${bObservation?.id}`]))).status).toBe(403);
    // the same writes into A's own record go through: the refusals are about B
    expect((await call(gp, 'POST', 'Observation', { ...observation, effectiveDateTime: '2026-11-29T10:00:00+01:00' })).status).toBe(201);
    expect((await call(gp, 'POST', 'Provenance', provenance([`Observation/${own.id}`]))).status).toBe(201);
    const after = (await sandbox.fhir.repository.search({ resourceType: 'Observation', filters: [{ code: 'subject', operator: 'eq', value: `Patient/${B}` }], count: 0 })).total;
    expect(after).toBe(before);
    const bTasks = (await sandbox.fhir.repository.search({ resourceType: 'Task', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${B}` }], count: 1000 })).entry ?? [];
    expect(bTasks.filter((e) => (e.resource as { description?: string }).description === 'Injecté')).toEqual([]);
  });
});

describe('3. existence and count oracles', () => {
  it('counts, chains, _has and reads answer for B exactly as for nobody', async () => {
    const gp = await token('gp', A, 'launch openid fhirUser patient/*.rs');
    const total = async (path: string): Promise<number | undefined> => (await call<Bundle>(gp, 'GET', path)).body.total;
    expect(await total(`Patient?identifier=${INS}|${B_INS}`)).toBe(0);
    expect(await total(`Patient?identifier=${INS}|999999999999999`)).toBe(0);
    expect(await total('Patient?family=Lefebvre')).toBe(0);
    expect(await total('Patient?family=Meziane')).toBe(1); // A: the query works, B is filtered
    expect(await total(`Observation?subject:Patient.identifier=${INS}|${B_INS}&_summary=count`)).toBe(0);
    expect(await total('Patient?_has:Observation:patient:status=final&_summary=count')).toBe(1);
    const hidden = await call<OperationOutcome>(gp, 'GET', `Patient/${B}`);
    const missing = await call<OperationOutcome>(gp, 'GET', 'Patient/nobody-at-all');
    expect([hidden.status, hidden.body.issue[0]?.code]).toEqual([missing.status, missing.body.issue[0]?.code]);
    expect(hidden.status).toBe(404);
  });

  it('PSY sessions cannot be counted or dated by a reader who may not see them', async () => {
    const query = `Encounter?subject=Patient/${A}&_security=PSY&_summary=count`;
    const referent = await token('referent', A, 'launch openid fhirUser patient/*.rs');
    expect((await call<Bundle>(referent, 'GET', query)).body.total).toBe(0);
    expect((await call<Bundle>(referent, 'GET', `Encounter?subject=Patient/${A}&_security=PSY&date=ge2020-01-01`)).body.total).toBe(0);
    expect((await call<Bundle>(referent, 'GET', `Patient?_has:Encounter:patient:_security=PSY`)).body.total).toBe(0);
    const psychologist = await token('psychologist', A, 'launch openid fhirUser patient/*.rs');
    expect((await call<Bundle>(psychologist, 'GET', query)).body.total).toBeGreaterThan(10);
  });

  it('history lists no deleted id of anyone else, and its total is what it lists', async () => {
    const other = (await sandbox.fhir.repository.search({ resourceType: 'Goal', filters: [{ code: 'subject', operator: 'eq', value: `Patient/${B}` }], count: 1 })).entry?.[0]?.resource;
    expect(other?.id).toBeDefined();
    await sandbox.fhir.repository.deleteResource('Goal', other!.id!);
    const gp = await token('gp', A, 'launch openid fhirUser patient/*.rs');
    for (const path of ['Goal/_history?_count=1000', '_history?_count=1000']) {
      const history = (await call<Bundle>(gp, 'GET', path)).body;
      expect(ids(history).some((r) => r.includes(other!.id!)), path).toBe(false);
      expect((history.entry ?? []).every((e: BundleEntry) => !e.resource || (e.resource as { subject?: { reference?: string } }).subject?.reference !== `Patient/${B}`)).toBe(true);
    }
  });
});

describe('4. scopes inside batch and transaction', () => {
  it('an entry needs the permission its interaction needs, as the same request sent alone', async () => {
    const gp = await token('gp', A, 'launch openid fhirUser patient/Observation.crs patient/CarePlan.rus');
    const plan = `CarePlan/${A}-plan`;
    expect((await call(gp, 'DELETE', plan)).status).toBe(403);
    const tx = await call(gp, 'POST', '', { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'DELETE', url: plan } }] });
    expect(tx.status).toBe(403);
    await expect(sandbox.fhir.repository.readResource('CarePlan', `${A}-plan`)).resolves.toMatchObject({ id: `${A}-plan` });
    const observation = (await sandbox.fhir.repository.readResource('Observation', `${A}-obs-0001`)) as Observation;
    const batch = await call<Bundle>(gp, 'POST', '', { resourceType: 'Bundle', type: 'batch', entry: [
      { resource: { ...observation, status: 'amended' }, request: { method: 'PUT', url: `Observation/${observation.id}` } },
      { request: { method: 'DELETE', url: `Observation/${observation.id}` } },
      { request: { method: 'GET', url: `Observation/${observation.id}` } },
    ] });
    expect(batch.body.entry?.map((e) => e.response?.status?.slice(0, 3))).toEqual(['403', '403', '200']);
    expect(((await sandbox.fhir.repository.readResource('Observation', observation.id!)) as Observation).status).toBe('final');
  });
});

describe('5. a user reaches only the people of their care teams', () => {
  it('a user-level token (the caseload) reaches the people of the user’s active care teams only, and totals count only them', async () => {
    // What the policy should give, computed here from the seeded data: active teams with the GP (their Practitioner,
    // PractitionerRole or its organisation) an active participant today.
    const now = new Date().toISOString().slice(0, 10);
    const covers = (p?: { start?: string; end?: string }): boolean => !p || ((!p.start || p.start.slice(0, 10) <= now) && (!p.end || p.end.slice(0, 10) >= now));
    const me = new Set(['Practitioner/PractitionerMicrostructureGpExample', 'PractitionerRole/PractitionerRoleMicrostructureGpExample', 'Organization/OrganizationMicrostructureOfficeExample']);
    const expected = new Set(seedResources().flatMap((r) => r.resourceType === 'CareTeam' && r.status === 'active' && covers(r.period)
      && (r.participant ?? []).some((p) => me.has(p.member?.reference ?? '') && covers(p.period)) ? [r.subject?.reference?.slice('Patient/'.length) ?? ''] : []));
    expect(expected.has(A)).toBe(true);
    expect(expected.has(B)).toBe(false);
    const launched = await ehrLaunch(sandbox, 'gp', '', 'launch openid fhirUser user/Patient.rs user/Encounter.rs user/Flag.rs');
    expect(launched.scope.split(' ')).toContain('user/Patient.rs');
    expect(launched.patient).toBeUndefined();
    const people = await call<Bundle>(launched.access_token, 'GET', 'Patient?_count=1000&_elements=name');
    expect(people.status).toBe(200);
    expect(new Set(ids(people.body).map((r) => r.slice('Patient/'.length)))).toEqual(expected);
    expect(people.body.total).toBe(expected.size);
    const page = await call<Bundle>(launched.access_token, 'GET', 'Patient?_count=5');
    expect(page.body.total).toBe(expected.size);
    // A search across people of another type: every match is the record of someone reachable, and so is the count.
    const encounters = await call<Bundle>(launched.access_token, 'GET', 'Encounter?status=finished&date=ge2026-09-01&_count=1000&_elements=subject');
    // (A group session, a workshop or a meeting, has no subject: it is read through a participation the user reaches.)
    const owners = new Set(encounters.body.entry?.flatMap((e) => { const s = (e.resource as Encounter).subject?.reference; return s ? [s.slice('Patient/'.length)] : []; }));
    expect(owners.size).toBeGreaterThan(0);
    expect([...owners].every((o) => expected.has(o))).toBe(true);
    expect(encounters.body.total).toBe(encounters.body.entry?.length);
    const counted = await call<Bundle>(launched.access_token, 'GET', 'Encounter?_summary=count');
    // What the store holds for those people now (earlier tests of this file wrote some), counted past the policy.
    // The count is what the same token can list, page after page (theirs, and the group sessions it reaches).
    let listed = 0;
    let next: string | undefined = 'Encounter?_count=1000&_elements=subject';
    while (next) {
      const page: { body: Bundle } = await call<Bundle>(launched.access_token, 'GET', next);
      listed += page.body.entry?.length ?? 0;
      const link = page.body.link?.find((l) => l.relation === 'next')?.url;
      next = link ? link.slice(link.indexOf('/Encounter') + 1) : undefined;
    }
    expect(counted.body.total).toBe(listed);
    expect(counted.body.total).toBeGreaterThan(0);
    // Someone else's record is not there, by read or by search.
    expect((await call(launched.access_token, 'GET', `Patient/${B}`)).status).toBe(404);
    expect((await call<Bundle>(launched.access_token, 'GET', `Encounter?subject=Patient/${B}`)).body.total).toBe(0);
  });

  it('a launch on a person outside the team is refused naming the coordinator', async () => {
    const outside = await token('gp', B, 'launch openid fhirUser patient/*.rs');
    const refused = await call<OperationOutcome>(outside, 'GET', `Patient/${B}`);
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0]?.details?.text).toContain('Samia Benali');
    expect(refused.body.issue[0]?.details?.text).toMatch(/^Vous ne faites pas partie de l’équipe de soins/);
    // B's own GP reaches B
    expect((await call(await token('gp-rdr', B, 'launch openid fhirUser patient/*.rs'), 'GET', `Patient/${B}`)).status).toBe(200);
  });
});

describe('6. appointments of psychotherapy sessions', () => {
  it('the appointment of a PSY encounter is hidden with it', async () => {
    const appointment = `Appointment/${A}-apt-0002`;
    const referent = await token('referent', A, 'launch openid fhirUser patient/*.rs');
    expect((await call(referent, 'GET', appointment)).status).toBe(404);
    const listed = await call<Bundle>(referent, 'GET', `Appointment?patient=Patient/${A}&_count=1000`);
    expect(ids(listed.body)).not.toContain(appointment);
    expect(listed.body.entry?.length).toBeGreaterThan(0);
    const psychologist = await token('psychologist', A, 'launch openid fhirUser patient/*.rs');
    expect((await call(psychologist, 'GET', appointment)).status).toBe(200);
  });
});

describe('7. launch ids', () => {
  it('a launch id gives one authorization code, never a second', async () => {
    const launch = (await ehrLaunchUrl(sandbox, 'gp', A)).searchParams.get('launch') ?? '';
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    expect((await authorize(sandbox, launch, 'launch patient/*.rs', challenge)).searchParams.get('code')).toBeTruthy();
    const second = await authorize(sandbox, launch, 'launch patient/*.rs', challenge);
    expect(second.searchParams.get('code')).toBeNull();
    expect(second.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('8. the EHR simulator page', () => {
  it('has a CSP with frame-ancestors and refuses a cross-site launch', async () => {
    const page = await fetch(`${sandbox.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const form = { user: 'gp', patient: A, target: 'tab' };
    const crossSite = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', headers: { Origin: 'https://evil.example' }, body: new URLSearchParams(form), redirect: 'manual' });
    expect(crossSite.status).toBe(403);
    const { cookie, csrf } = await ehrForm(sandbox);
    const forgedOrigin = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', headers: { Origin: 'https://evil.example', Cookie: cookie }, body: new URLSearchParams({ ...form, csrf }), redirect: 'manual' });
    expect(forgedOrigin.status).toBe(403);
    const noCookie = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', body: new URLSearchParams({ ...form, csrf }), redirect: 'manual' });
    expect(noCookie.status).toBe(403);
    const genuine = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ ...form, csrf }), redirect: 'manual' });
    expect(genuine.status).toBe(303);
  });
});

describe('9. script-bearing narratives and HTML in texts', () => {
  it('is refused with 422 and an OperationOutcome naming the element', async () => {
    const gp = await token('gp', A);
    const observation = await template<Observation>('Observation', `${A}-obs-0001`);
    for (const div of ['<img src="x" onerror="alert(1)"/>', '<svg><set onbegin="alert(1)"/></svg>', '<a href="javascript:alert(1)">x</a>', '<iframe srcdoc="x"></iframe>', '<details ontoggle="alert(1)">x</details>']) {
      const res = await call<OperationOutcome>(gp, 'POST', 'Observation', { ...observation, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${div}</div>` } });
      expect(res.status, div).toBe(422);
      expect(res.body.issue[0]?.expression).toEqual(['Observation.text.div']);
    }
    const noted = await call<OperationOutcome>(gp, 'POST', 'Observation', { ...observation, note: [{ text: '<b onmouseover="alert(1)">lisez</b>' }] });
    expect(noted.status).toBe(422);
    expect(noted.body.issue[0]?.expression).toEqual(['Observation.note[0].text']);
  });
});

describe('audit trail', () => {
  it('reads, searches and refusals leave an AuditEvent naming who, for whom and the outcome; the API cannot change them', async () => {
    const gp = await token('gp', A, 'launch openid fhirUser patient/*.rs patient/AuditEvent.rs');
    expect((await call(gp, 'GET', `CarePlan?subject=Patient/${A}`)).status).toBe(200);
    await call(await token('gp', B, 'launch openid fhirUser patient/*.rs'), 'GET', `Patient/${B}`);
    const events = (await sandbox.fhir.repository.search<AuditEvent>({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${A}` }], count: 1000 })).entry?.map((e) => e.resource!) ?? [];
    // The app's search (the sandbox's backend watch searches too, as its own client).
    const search = events.find((e) => e.subtype?.[0]?.code === 'search-type' && e.outcome === '0' && e.agent.some((a) => a.who?.identifier?.value === 'parcours-app'));
    expect(search?.agent.find((a) => a.requestor)?.who?.reference).toBe('Practitioner/PractitionerMicrostructureGpExample');
    // Named, so « Qui a consulté ce dossier » reads who even when they are not in the person's team.
    expect(search?.agent.find((a) => a.requestor)?.who?.display).toBe('Dr Claire Rossi');
    expect(search?.agent.some((a) => a.who?.reference === 'Organization/OrganizationMicrostructureOfficeExample')).toBe(true);
    expect(search?.agent.some((a) => a.who?.identifier?.value === 'parcours-app')).toBe(true);
    const refusals = (await sandbox.fhir.repository.search<AuditEvent>({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${B}` }], count: 1000 })).entry ?? [];
    expect(refusals.some((e) => e.resource?.outcome === '4')).toBe(true);
    // the GP reads who consulted A's record, and cannot change or delete an entry
    const trail = await call<Bundle<AuditEvent>>(gp, 'GET', `AuditEvent?patient=Patient/${A}&_count=5`);
    expect(trail.status).toBe(200);
    const entry = trail.body.entry?.[0]?.resource;
    expect(entry).toBeDefined();
    const writer = await token('gp', A, 'launch openid fhirUser patient/*.cruds');
    expect((await call(writer, 'PUT', `AuditEvent/${entry!.id}`, { ...entry, outcome: '0' })).status).toBe(403);
    expect((await call(writer, 'DELETE', `AuditEvent/${entry!.id}`)).status).toBe(403);
    expect((await call(writer, 'POST', 'AuditEvent', { ...entry, id: undefined })).status).toBe(403);
  });
});
