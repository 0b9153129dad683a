// Loads one person's plan in at most three FHIR requests after the token, sent in parallel:
//   1. Patient?_id=…&_revinclude=<everything that points at the person>&_include:iterate=<who the team are>
//   2. Observation?subject=Patient/… (the consumption series)
//   3. the user's PractitionerRole (their role and organisation)
// Servers that ignore _revinclude/_include (they may: http://hl7.org/fhir/R4/search.html#revinclude) get
// per-type searches and reads instead: slower, same result.
import type {
  Appointment,
  CarePlan,
  CareTeam,
  Communication,
  Composition,
  Encounter,
  Flag,
  Goal,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  PractitionerRole,
  QuestionnaireResponse,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import { canSee, roleFromPractitionerRoles } from '../roles.ts';
import type { Role } from '../roles.ts';
import type { FhirApi } from './api.ts';
import { userRolesQuery } from './caseload-queries.ts';

export interface PlanUser {
  /** fhirUser, e.g. `Practitioner/123`. */
  reference: string | undefined;
  role: Role;
  practitionerRole: PractitionerRole | undefined;
  organization: Reference | undefined;
}

export interface PlanData {
  patient: Patient;
  carePlan: CarePlan | undefined;
  careTeams: CareTeam[];
  goals: Goal[];
  tasks: Task[];
  encounters: Encounter[];
  appointments: Appointment[];
  observations: Observation[];
  medicationStatements: MedicationStatement[];
  /** Discharge summaries, notifications to the team, and the medications the summaries list (hospital discharges). */
  compositions: Composition[];
  communications: Communication[];
  /** The care-break watch's Flags (ParcoursFlagCareBreak), active and cleared. */
  flags: Flag[];
  medicationRequests: MedicationRequest[];
  /** Orientations to partners (issue 15); their follow-through Tasks are among `tasks`. */
  serviceRequests: ServiceRequest[];
  /** Entry, follow-up and end-of-care records (QuestionnaireResponse, fhir/records.ts). */
  questionnaireResponses: QuestionnaireResponse[];
  /** Practitioners, roles, organisations... by `Type/id`, to display references. */
  refs: Map<string, Resource>;
  user: PlanUser;
  /** Resources withheld from this user because of their sensitivity label. */
  hiddenCount: number;
  /** Older observations still to fetch (the initial plan shows the latest 500). */
  observationsNext: string | undefined;
}

const REVINCLUDES = [
  'CarePlan:subject',
  'CareTeam:subject',
  'Goal:subject',
  'Task:patient',
  'Encounter:subject',
  'Appointment:patient',
  'MedicationStatement:subject',
  'Composition:subject',
  'Communication:subject',
  // The care-break watch's Flags (R4 Flag has `patient`, no `status` parameter: both kinds come, the plan sorts them).
  'Flag:patient',
  'ServiceRequest:subject',
  // Entry, follow-up and end-of-care records (issue 15): in the same request, the plan stays at three.
  'QuestionnaireResponse:subject',
];
// Who the team are and who owns the tasks; for hospital discharges, what the summary lists (medications at
// discharge), who wrote it and the hospital.
const ITERATES = [
  'CareTeam:participant',
  'PractitionerRole:practitioner',
  'PractitionerRole:organization',
  'Composition:entry',
  'Composition:author',
  'Encounter:service-provider',
  'Task:owner',
  // Who was seen, booked or asked: names, not raw references, for professionals outside the team (issue 17).
  'Encounter:participant',
  'Appointment:actor',
  'Task:requester',
  // Workshops (issue 15): the session a participation is part of (theme, facilitators, outside count).
  'Encounter:part-of',
  'QuestionnaireResponse:author',
];

export function planQuery(patientId: string): [string, string][] {
  return [
    ['_id', patientId],
    ...REVINCLUDES.map((r): [string, string] => ['_revinclude', r]),
    ...ITERATES.map((r): [string, string] => ['_include:iterate', r]),
  ];
}

/** Observations on the first screen: the latest 500 (about a year of a daily diary); older pages stream in after. */
export const FIRST_OBSERVATIONS = 500;

export function observationQuery(patientId: string): [string, string][] {
  return [
    ['subject', `Patient/${patientId}`],
    ['_sort', '-date'],
    ['_count', String(FIRST_OBSERVATIONS)],
  ];
}

const key = (r: Resource): string => `${r.resourceType}/${r.id ?? ''}`;

/** `Type/id` of a relative or absolute literal reference. */
export function refKey(ref: Reference | undefined): string | undefined {
  const m = ref?.reference ? /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(\/_history\/.*)?$/.exec(ref.reference) : null;
  return m?.[1];
}

/** The user's PractitionerRoles (and their organisations), from fhirUser; none when unreadable. */
export async function userRoles(api: FhirApi, fhirUser: string | undefined): Promise<Resource[]> {
  const query = userRolesQuery(fhirUser);
  if (!query) return [];
  try {
    return await api.search(query[0], query[1]);
  } catch {
    // A user without a readable role gets the least-privileged view, not an error page.
    return [];
  }
}

function byType<T extends Resource>(all: Resource[], type: T['resourceType']): T[] {
  return all.filter((r): r is T => r.resourceType === type);
}

/** The older observations after the initial plan, page by page (bounded), filtered for the user's role. */
export async function loadMoreObservations(api: FhirApi, data: PlanData, maxPages = 20): Promise<Observation[]> {
  const out: Observation[] = [];
  let next = data.observationsNext;
  for (let page = 0; next && page < maxPages; page++) {
    const result = await api.searchPage<Observation>('Observation', [], next);
    out.push(...result.resources.filter((r) => canSee(data.user.role, r)));
    next = result.next;
  }
  return out;
}

export async function loadPlan(api: FhirApi, patientId: string, fhirUser: string | undefined): Promise<PlanData> {
  const [main, firstObservations, roleResources] = await Promise.all([
    api.search('Patient', planQuery(patientId), 5),
    api.searchPage<Observation>('Observation', observationQuery(patientId)),
    userRoles(api, fhirUser),
  ]);
  const observations = firstObservations.resources;
  let all = main;
  const patient = byType<Patient>(all, 'Patient').find((p) => p.id === patientId) ?? (await api.read<Patient>('Patient', patientId));
  if (!all.some((r) => r.resourceType !== 'Patient')) {
    // Nothing but the person: either there is nothing about them, or the server ignored _revinclude. Ask each type.
    const types = REVINCLUDES.map((r) => r.split(':') as [string, string]);
    const lists = await Promise.all(types.map(([type, param]) => api.search(type, [[param, `Patient/${patientId}`]])));
    all = [patient, ...lists.flat()];
  }
  const refs = new Map<string, Resource>();
  for (const r of [...all, ...roleResources]) if (r.id) refs.set(key(r), r);
  // The plan's resources by type, in one pass: picking each of the ~15 types from the ~800 resources of a heavy
  // record one filter at a time was the first self time of loadPlan in a CPU profile (issue 17).
  const grouped = new Map<string, Resource[]>();
  for (const r of all) {
    const list = grouped.get(r.resourceType);
    if (list) list.push(r);
    else grouped.set(r.resourceType, [r]);
  }
  const ofType = <T extends Resource>(type: T['resourceType']): T[] => (grouped.get(type) ?? []) as T[];

  // References the server did not include (no _include support): read them, in parallel.
  const careTeams = ofType<CareTeam>('CareTeam');
  const wanted = new Set<string>();
  const want = (ref: Reference | undefined, only?: string): void => {
    const k = refKey(ref);
    // A Device (the care-break watch requesting a re-contact) is not read: patient tokens hold no Device scope, the
    // read was refused and cost a fourth request after the token (measured on the throttled bench).
    if (k && !refs.has(k) && !k.startsWith('Patient/') && !k.startsWith('Device/') && (!only || k.startsWith(`${only}/`))) wanted.add(k);
  };
  for (const team of careTeams) {
    for (const p of team.participant ?? []) {
      want(p.member);
      want(p.onBehalfOf);
    }
  }
  // Hospital discharges: the medications a summary lists, and the hospital of the stay.
  for (const c of ofType<Composition>('Composition')) {
    for (const s of c.section ?? []) for (const e of s.entry ?? []) want(e, 'MedicationRequest');
    for (const a of c.author ?? []) want(a);
  }
  for (const e of ofType<Encounter>('Encounter')) {
    if (e.hospitalization) want(e.serviceProvider);
    want(e.partOf, 'Encounter');
  }
  for (const t of ofType<Task>('Task')) if (t.status !== 'completed' && t.status !== 'cancelled') { want(t.owner); want(t.requester); }
  const fetched = await Promise.all(
    [...wanted].map(async (k) => {
      const [type, id] = k.split('/') as [Resource['resourceType'], string];
      try {
        return await api.read(type, id);
      } catch {
        return undefined;
      }
    }),
  );
  for (const r of fetched) if (r) refs.set(key(r), r);

  const userPractitionerRoles = byType<PractitionerRole>(roleResources, 'PractitionerRole');
  const role = roleFromPractitionerRoles(userPractitionerRoles);
  const visible = <T extends Resource>(list: T[]): T[] => list.filter((r) => canSee(role, r));
  const hidden = (list: Resource[]): number => list.filter((r) => !canSee(role, r)).length;
  const pick = <T extends Resource>(type: T['resourceType']): T[] => visible(ofType<T>(type));

  const carePlans = pick<CarePlan>('CarePlan');
  const carePlan = carePlans.find((c) => c.status === 'active') ?? carePlans[0];
  const practitionerRole = userPractitionerRoles[0];
  return {
    patient,
    carePlan,
    careTeams: visible(careTeams),
    goals: pick<Goal>('Goal'),
    tasks: pick<Task>('Task'),
    // The person's own encounters; group sessions they took part in (a workshop, a meeting: no subject) stay in refs.
    encounters: pick<Encounter>('Encounter').filter((e) => e.subject?.reference === `Patient/${patientId}`),
    appointments: pick<Appointment>('Appointment'),
    observations: visible(observations),
    medicationStatements: pick<MedicationStatement>('MedicationStatement'),
    compositions: pick<Composition>('Composition'),
    communications: pick<Communication>('Communication'),
    flags: pick<Flag>('Flag'),
    serviceRequests: pick<ServiceRequest>('ServiceRequest'),
    questionnaireResponses: pick<QuestionnaireResponse>('QuestionnaireResponse'),
    medicationRequests: visible([...refs.values()].filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest')),
    refs,
    user: { reference: fhirUser, role, practitionerRole, organization: practitionerRole?.organization },
    hiddenCount: hidden(all) + hidden(observations),
    observationsNext: firstObservations.next,
  };
}
