// Applying a stored discharge: match the person, find the team's GP and the shared CarePlan, then write everything
// in ONE FHIR transaction: the stay Encounter (conditional update on its identifier), the discharge Composition,
// medicines, a ParcoursTask for the GP due within 7 days (linked from the CarePlan, updated with If-Match), and a
// ParcoursCommunication to the team. Every entry is a conditional create keyed on an identifier derived from the
// message key, so re-applying after a crash writes nothing new. https://hl7.org/fhir/R4/http.html#trules
import { createHash, randomUUID } from 'node:crypto';
import type {
  Bundle, BundleEntry, CarePlan, CareTeam, Communication, Composition, Encounter, Identifier, Patient, Reference,
  Resource, Task,
} from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl } from '@parcours/profiles';
import { hasErrors, validate } from '@parcours/validator';
import { EXCHANGE_IDENTIFIER_SYSTEM, FOLLOW_UP_DAYS, LOINC_PLAN_OF_CARE, URI_IDENTIFIER_SYSTEM } from './constants.ts';
import { ApplyError } from './fhir-client.ts';
import type { FhirClient } from './fhir-client.ts';
import { addDays } from './hl7/dates.ts';
import { matchPatient } from './match.ts';
import { outcomeText } from '@parcours/outcomes';

export type ApplyOutcome = { kind: 'applied'; result: Record<string, unknown> } | { kind: 'parked'; reason: string };

export interface ApplyInput {
  key: string;
  bundle: Bundle;
  /** `Patient/<id>` chosen by an operator for a parked message. */
  patient?: string;
  now?: Date;
}

/** Short stable hash of the idempotency key (the value prefix of the identifiers the exchange writes). */
export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

type AnyRecord = Record<string, unknown>;

/** Rewrites every `reference` found in the map (deep). */
/** 2026-11-21 → 21/11/2026, for the French sentences people read (the English ones keep ISO dates). */
function frenchDay(isoDay: string): string {
  const [y, m, d] = isoDay.slice(0, 10).split('-');
  return y && m && d ? `${d}/${m}/${y}` : isoDay;
}

function rewriteReferences(value: unknown, map: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, map);
  } else if (value && typeof value === 'object') {
    const obj = value as AnyRecord;
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'reference' && typeof v === 'string') {
        const target = map.get(v);
        if (target) obj[k] = target;
      } else if (typeof v === 'object') {
        rewriteReferences(v, map);
      }
    }
  }
}

/** Keys under which an entry can be referenced inside its bundle: fullUrl, and Type/id for RESTful full URLs. */
function entryKeys(entry: BundleEntry): string[] {
  const keys: string[] = [];
  if (entry.fullUrl) {
    keys.push(entry.fullUrl);
    const m = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(entry.fullUrl);
    if (m?.[1] && /^https?:/.test(entry.fullUrl)) keys.push(m[1]);
  }
  if (entry.resource?.id) keys.push(`${entry.resource.resourceType}/${entry.resource.id}`);
  return keys;
}

function ownIdentifier(hash: string, role: string): Identifier {
  return { system: EXCHANGE_IDENTIFIER_SYSTEM, value: `${hash}/${role}` };
}

function identifierQuery(identifier: Identifier): string {
  return `identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`;
}

const BUSINESS_SYSTEMS: Record<string, string[]> = {
  Practitioner: ['urn:oid:1.2.250.1.71.4.2.1'],
  Organization: ['urn:oid:1.2.250.1.71.4.2.2'],
};

function isActive(period: { start?: string; end?: string } | undefined, today: string): boolean {
  return !period?.end || period.end.slice(0, 10) >= today;
}

function displayName(patient: Patient): string {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || 'la personne');
}

/** The GP of the team: participant with the medecin-traitant role, still in the team. */
function teamGp(teams: CareTeam[], today: string): { gp?: Reference; team?: CareTeam } {
  for (const team of teams) {
    for (const p of team.participant ?? []) {
      const gp = (p.role ?? []).some((r) => r.coding?.some((c) => c.system === CodeSystemUrl.CareTeamRole && c.code === 'medecin-traitant'));
      if (gp && p.member?.reference && isActive(p.period, today)) return { gp: { reference: p.member.reference }, team };
    }
  }
  return { ...(teams[0] ? { team: teams[0] } : {}) };
}

function latest<T extends Resource>(resources: T[]): T | undefined {
  return [...resources].sort((a, b) => (b.meta?.lastUpdated ?? '').localeCompare(a.meta?.lastUpdated ?? ''))[0];
}

/** Applies one discharge. Throws ApplyError (transient → retry, permanent → dead letter). */
export async function applyDischarge(client: FhirClient, input: ApplyInput): Promise<ApplyOutcome> {
  const now = input.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const hash = keyHash(input.key);
  const taskIdentifier = ownIdentifier(hash, 'task');

  // Already applied (a crash between the FHIR commit and our bookkeeping): the transaction is all-or-nothing,
  // so its Task being there means everything is.
  const existing = await client.search<Task>('Task', { identifier: `${taskIdentifier.system}|${taskIdentifier.value}`, _count: '1' });
  if (existing[0]) return { kind: 'applied', result: { task: `Task/${existing[0].id}`, alreadyApplied: true } };

  const bundle = structuredClone(input.bundle);
  const entries = (bundle.entry ?? []).filter((e) => e.resource);
  const patientEntry = entries.find((e) => e.resource?.resourceType === 'Patient');
  const sourcePatient = patientEntry?.resource as Patient | undefined;
  if (!sourcePatient) throw new ApplyError('Pas de Patient dans le lot / no Patient in the bundle', false);

  // 1. The person.
  let patient: Patient;
  let matchedBy: string;
  if (input.patient) {
    const id = input.patient.replace(/^Patient\//, '');
    const res = await client.request<Patient>('GET', `Patient/${encodeURIComponent(id)}`);
    if (!res.body) throw new ApplyError(`Patient ${id} introuvable / not found`, false);
    patient = res.body;
    matchedBy = 'operator';
  } else {
    const match = await matchPatient(client, sourcePatient.identifier ?? []);
    if (match.kind === 'parked') return match;
    patient = match.patient;
    matchedBy = match.by;
  }
  const patientRef = `Patient/${patient.id}`;

  // 2. The shared plan and the team.
  const plans = await client.search<CarePlan>('CarePlan', {
    subject: patientRef,
    status: 'active',
    category: `${CodeSystemUrl.CarePlanCategory}|plan-partage`,
    _count: '20',
  });
  const plan = latest(plans);
  let teams = await client.search<CareTeam>('CareTeam', { subject: patientRef, status: 'active', _count: '20' });
  const planTeams = new Set((plan?.careTeam ?? []).map((r) => r.reference));
  teams = [...teams.filter((t) => planTeams.has(`CareTeam/${t.id}`)), ...teams.filter((t) => !planTeams.has(`CareTeam/${t.id}`))];
  const { gp: teamGpRef, team } = teamGp(teams, today);

  // 3. Local references → urn:uuid (new) or the matched Patient.
  const map = new Map<string, string>();
  const urnOf = new Map<BundleEntry, string>();
  for (const entry of entries) {
    const target = entry === patientEntry ? patientRef : `urn:uuid:${randomUUID()}`;
    if (entry !== patientEntry) urnOf.set(entry, target);
    for (const key of entryKeys(entry)) map.set(key, target);
  }
  for (const entry of entries) rewriteReferences(entry.resource, map);

  const encounterEntry = entries.find((e) => e.resource?.resourceType === 'Encounter');
  const encounter = encounterEntry?.resource as Encounter | undefined;
  const compositionEntry = entries.find((e) => e.resource?.resourceType === 'Composition');
  const composition = compositionEntry?.resource as Composition | undefined;
  if (!encounter || !encounterEntry || !composition || !compositionEntry) {
    throw new ApplyError('Lot sans Encounter ou Composition / bundle without Encounter or Composition', false);
  }
  const encounterUrn = urnOf.get(encounterEntry) as string;
  const compositionUrn = urnOf.get(compositionEntry) as string;
  const dischargeAt = encounter.period?.end ?? composition.date ?? bundle.timestamp ?? now.toISOString();
  const dischargeDay = dischargeAt.slice(0, 10);

  // 4. The GP's follow-up Task (the sender's, or a new one).
  const taskEntries = entries.filter((e) => e.resource?.resourceType === 'Task');
  let taskEntry =
    taskEntries.find((e) => (e.resource as Task).code?.coding?.some((c) => c.code === 'suivi-post-sortie')) ?? taskEntries[0];
  if (!taskEntry) {
    taskEntry = { fullUrl: `urn:uuid:${randomUUID()}`, resource: { resourceType: 'Task', status: 'requested', intent: 'order' } as Task };
    urnOf.set(taskEntry, taskEntry.fullUrl as string);
    entries.push(taskEntry);
    const followUp = composition.section?.find((s) => s.code?.coding?.some((c) => c.code === LOINC_PLAN_OF_CARE));
    const entryRef = { reference: taskEntry.fullUrl as string };
    if (followUp) followUp.entry = [...(followUp.entry ?? []), entryRef];
    else {
      composition.section = [
        ...(composition.section ?? []),
        {
          title: 'Suites à donner',
          code: { coding: [{ system: 'http://loinc.org', code: LOINC_PLAN_OF_CARE }] },
          text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">Consultation chez le médecin traitant sous ${FOLLOW_UP_DAYS} jours.</div>` },
          entry: [entryRef],
        },
      ];
    }
  }
  const task = taskEntry.resource as Task;
  const taskUrn = urnOf.get(taskEntry) as string;
  const bundleGp = sourcePatient.generalPractitioner?.[0]?.reference;
  const owner = teamGpRef?.reference ?? patient.generalPractitioner?.[0]?.reference ?? bundleGp ?? task.owner?.reference;
  if (!owner) {
    return { kind: 'parked', reason: `Aucun médecin traitant connu pour ${patientRef} (équipe, Patient.generalPractitioner, lot) / no known GP` };
  }
  const plannedEnd = task.restriction?.period?.end ?? addDays(dischargeDay, FOLLOW_UP_DAYS);
  Object.assign(task, {
    meta: { profile: [ProfileUrl.Task] },
    identifier: [...(task.identifier ?? []), taskIdentifier],
    status: 'requested',
    intent: task.intent ?? 'order',
    code: task.code ?? { coding: [{ system: CodeSystemUrl.TaskCode, code: 'suivi-post-sortie', display: "Suivi après sortie d'hospitalisation" }] },
    description:
      task.description ??
      `Revoir ${displayName(patient)} sous ${FOLLOW_UP_DAYS} jours après sa sortie d'hospitalisation du ${frenchDay(dischargeDay)}. / See the person within ${FOLLOW_UP_DAYS} days of discharge (${dischargeDay}).`,
    for: { reference: patientRef },
    encounter: { reference: encounterUrn },
    authoredOn: task.authoredOn ?? dischargeAt,
    ...(task.requester ?? composition.author?.[0] ? { requester: task.requester ?? composition.author?.[0] } : {}),
    owner: { reference: owner },
    restriction: { ...task.restriction, period: { start: task.restriction?.period?.start ?? dischargeDay, end: plannedEnd } },
    ...(plan ? { focus: { reference: `CarePlan/${plan.id}` }, basedOn: [{ reference: `CarePlan/${plan.id}` }] } : {}),
  } satisfies Partial<Task>);

  // 5. The notification to the team.
  const communicationUrn = `urn:uuid:${randomUUID()}`;
  const sender = encounter.serviceProvider ?? composition.custodian ?? composition.author?.[0];
  const communication: Communication = {
    resourceType: 'Communication',
    meta: { profile: [ProfileUrl.Communication] },
    identifier: [ownIdentifier(hash, 'communication')],
    status: 'completed',
    category: [{ coding: [{ system: CodeSystemUrl.CommunicationCategory, code: 'sortie-hospitaliere', display: "Sortie d'hospitalisation" }] }],
    subject: { reference: patientRef },
    encounter: { reference: encounterUrn },
    about: [{ reference: compositionUrn }, { reference: taskUrn }],
    sent: now.toISOString(),
    recipient: [team ? { reference: `CareTeam/${team.id}` } : { reference: owner }],
    ...(sender ? { sender } : {}),
    payload: [
      { contentString: `${displayName(patient)} est sorti(e) d'hospitalisation le ${frenchDay(dischargeDay)}. Le médecin traitant est invité à le/la revoir avant le ${frenchDay(plannedEnd)}.` },
      { contentString: `${displayName(patient)} was discharged from hospital on ${dischargeDay}. The GP is asked for a follow-up visit by ${plannedEnd}.` },
    ],
  };

  // 6. The transaction.
  const tx: BundleEntry[] = [];
  let counter = 0;
  for (const entry of entries) {
    if (entry === patientEntry) continue;
    const resource = entry.resource as Resource & AnyRecord;
    delete resource.id;
    const type = resource.resourceType;
    const fullUrl = urnOf.get(entry) as string;
    const business = (resource.identifier as Identifier[] | Identifier | undefined);
    const identifiers = Array.isArray(business) ? business : business ? [business] : [];
    if (type === 'Encounter' && identifiers.find((i) => i.system && i.value)) {
      const id = identifiers.find((i) => i.system && i.value) as Identifier;
      tx.push({ fullUrl, resource, request: { method: 'PUT', url: `Encounter?${identifierQuery(id)}` } });
      continue;
    }
    let key = (BUSINESS_SYSTEMS[type] ?? []).map((s) => identifiers.find((i) => i.system === s && i.value)).find(Boolean);
    if (!key && type === 'Task' && entry === taskEntry) key = taskIdentifier;
    if (!key) {
      key = entry.fullUrl && /^https?:/.test(entry.fullUrl) && type !== 'Composition' ? { system: URI_IDENTIFIER_SYSTEM, value: entry.fullUrl } : ownIdentifier(hash, `${type.toLowerCase()}-${counter++}`);
      if (type === 'Composition') {
        if (!(resource as Composition).identifier) (resource as Composition).identifier = key;
        else key = (resource as Composition).identifier;
      } else if ('identifier' in resource || ['MedicationRequest', 'MedicationStatement', 'Practitioner', 'Organization', 'PractitionerRole', 'Encounter', 'Task', 'Observation', 'Condition'].includes(type)) {
        resource.identifier = [...identifiers, key];
      }
    }
    tx.push({ fullUrl, resource, request: { method: 'POST', url: type, ifNoneExist: identifierQuery(key as Identifier) } });
  }
  tx.push({ fullUrl: communicationUrn, resource: communication, request: { method: 'POST', url: 'Communication', ifNoneExist: identifierQuery(communication.identifier?.[0] as Identifier) } });
  if (plan?.id) {
    const updated: CarePlan = {
      ...plan,
      activity: [...(plan.activity ?? []), { reference: { reference: taskUrn, display: "Suivi après sortie d'hospitalisation / post-discharge follow-up" } }],
    };
    tx.push({
      fullUrl: `${plan.resourceType}/${plan.id}`,
      resource: updated,
      request: { method: 'PUT', url: `CarePlan/${plan.id}`, ...(plan.meta?.versionId ? { ifMatch: `W/"${plan.meta.versionId}"` } : {}) },
    });
  }

  // 7. Everything written must conform (profile from meta.profile, else base R4).
  for (const entry of tx) {
    const result = validate(entry.resource);
    if (hasErrors(result)) {
      throw new ApplyError(`${entry.resource?.resourceType} non conforme / not conformant: ${outcomeText(result)}`, false, 422, result);
    }
  }

  const response = await client.transaction({ resourceType: 'Bundle', type: 'transaction', entry: tx });
  const locations = (response.entry ?? []).map((e) => e.response?.location?.replace(/\/_history\/.*$/, '') ?? '');
  const at = (resourceType: string): string[] => locations.filter((l) => l.startsWith(`${resourceType}/`));
  return {
    kind: 'applied',
    result: {
      patient: patientRef,
      matchedBy,
      encounter: at('Encounter')[0],
      composition: at('Composition')[0],
      task: locations[tx.findIndex((e) => e.fullUrl === taskUrn)],
      communication: at('Communication')[0],
      medicationRequests: at('MedicationRequest'),
      ...(plan?.id ? { carePlan: `CarePlan/${plan.id}` } : {}),
      owner,
    },
  };
}
