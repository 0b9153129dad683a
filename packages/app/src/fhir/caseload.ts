// The caseload's data (issue 14): a handful of searches across people, sent in parallel, whose number does not grow
// with the caseload (500 people are one page of each, their encounters and appointments too). The server answers
// with the people of the user's care teams only (user-level scopes bounded by the care-team policy, see the smart
// README): the app never filters people itself.
//   Patient, CareTeam?status=active, CarePlan?status=active, Flag (the watch's care breaks; R4 Flag has no status
//   parameter, so active ones are picked here), open Task, Encounter?status=finished within WINDOW_DAYS,
//   Appointment from MISSED_LOOKBACK_DAYS ago on, the directory (Practitioner + roles, Organization), the user's role.
// A person with no held contact in the window gets their exact last contact on request (lastContactOf), for the
// rows on screen only.
import type { Appointment, CarePlan, CareTeam, Encounter, Flag, Patient, PractitionerRole, Resource, Task } from '@medplum/fhirtypes';
import { canSee, roleFromPractitionerRoles } from '../roles.ts';
import type { Role } from '../roles.ts';
import type { FhirApi } from './api.ts';
import { caseloadRows, contactMode } from './caseload-rows.ts';
import type { CaseloadRow, RowContact } from './caseload-rows.ts';
import { refLabel } from './labels.ts';
import { userRoles } from './load-plan.ts';
import { caseloadQueries, dayBefore, WINDOW_DAYS } from './caseload-queries.ts';

export interface CaseloadData {
  rows: CaseloadRow[];
  role: Role;
  /** `Type/id` → resource, for names (practitioners, roles, organisations). */
  refs: Map<string, Resource>;
  /** The instant the rows were computed at. */
  at: string;
  windowStart: string;
  /** FHIR requests sent for this load. */
  requests: number;
}

const key = (r: Resource): string => `${r.resourceType}/${r.id ?? ''}`;

/** Loads the user's caseload: the searches in parallel, then the rows. */
export async function loadCaseload(api: FhirApi, fhirUser: string | undefined, now: string = new Date().toISOString()): Promise<CaseloadData> {
  const before = api.requestCount;
  const queries = caseloadQueries(now);
  const run = <T extends Resource>(name: string): Promise<T[]> => {
    const [type, params] = queries[name] as [string, [string, string][]];
    return api.search<T>(type, params, 50);
  };
  // The directory is not needed to count anyone: a server that refuses it still gives the rows (unnamed professionals).
  const optional = <T extends Resource>(name: string): Promise<T[]> => run<T>(name).catch(() => []);
  const [patients, careTeams, carePlans, flags, tasks, encounters, appointments, practitioners, organizations, roleResources] = await Promise.all([
    run<Patient>('patients'),
    run<CareTeam>('careTeams'),
    run<CarePlan>('carePlans'),
    optional<Flag>('flags'),
    run<Task>('tasks'),
    run<Encounter>('encounters'),
    run<Appointment>('appointments'),
    optional<Resource>('practitioners'),
    optional<Resource>('organizations'),
    userRoles(api, fhirUser),
  ]);
  // Marks for the benchmark (performance entries, no data in them): the answers are all here, the rows are built.
  const answered = performance.now();
  const refs = new Map<string, Resource>();
  for (const r of [...practitioners, ...organizations, ...roleResources]) if (r.id) refs.set(key(r), r);
  const userPractitionerRoles = roleResources.filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole');
  const role = roleFromPractitionerRoles(userPractitionerRoles);
  const me = new Set<string>([...(fhirUser ? [fhirUser.split('/').slice(-2).join('/')] : []), ...userPractitionerRoles.map(key)]);
  const visible = <T extends Resource>(list: T[]): T[] => list.filter((r) => canSee(role, r));
  const windowStart = dayBefore(now, WINDOW_DAYS);
  const rows = caseloadRows({
    patients, careTeams, carePlans, flags, tasks: visible(tasks), encounters: visible(encounters), appointments: visible(appointments), refs, me, windowStart,
  }, now);
  performance.measure('caseload-rows', { start: answered });
  return { rows, role, refs, at: now, windowStart, requests: api.requestCount - before };
}

/** The exact last held contact of a person with none in the window (one small search), or undefined when there is none. */
export async function lastContactOf(api: FhirApi, data: CaseloadData, patientId: string): Promise<RowContact | undefined> {
  const found = await api.searchPage<Encounter>('Encounter', [
    ['subject', `Patient/${patientId}`], ['status', 'finished'], ['date', `lt${data.windowStart}`], ['_sort', '-date'], ['_count', '5'], ['_elements', 'subject,period,class,participant,type'],
  ]);
  const held = found.resources.filter((e) => canSee(data.role, e) && !(e.type ?? []).some((t) => (t.coding ?? []).some((c) => /synth/i.test(c.code ?? ''))))[0];
  if (!held?.period?.start) return undefined;
  const who = (held.participant ?? []).map((p) => p.individual).filter((r) => r?.reference && !r.reference.includes('Patient/')).map((r) => refLabel(r, data.refs)).join(', ');
  return { date: held.period.start, who, mode: contactMode(held.class?.code) };
}
