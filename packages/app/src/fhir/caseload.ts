// The caseload's data (issue 14): a handful of searches across people, sent as one FHIR batch, whose number does not
// grow with the caseload (500 people are one page of each, their encounters and appointments too). The server answers
// with the people of the user's care teams only (user-level scopes bounded by the care-team policy, see the smart
// README): the app never filters people itself.
//   Patient, CareTeam?status=active, CarePlan?status=active, Flag (the watch's care breaks; R4 Flag has no status
//   parameter, so active ones are picked here), open Task, Encounter?status=finished within RECENT_DAYS (then, in a
//   second batch, the rest of WINDOW_DAYS for the people with no held contact in those), Appointment from
//   RECENT_APPOINTMENT_DAYS ago on (in the second batch, the rest of MISSED_LOOKBACK_DAYS for the people whose
//   no-show run those leave open), the directory (Practitioner + roles, Organization), the user's role.
// A server that refuses the batch itself gets the same searches one by one, in parallel.
// A person with no held contact in the window gets their exact last contact on request (lastContactOf), for the
// rows on screen only.
import type { Appointment, Bundle, CarePlan, CareTeam, Encounter, Flag, OperationOutcome, Patient, PractitionerRole, Resource, Task } from '@medplum/fhirtypes';
import { canSee, roleFromPractitionerRoles } from '../roles.ts';
import type { Role } from '../roles.ts';
import { FhirRequestError, toFhirError } from './api.ts';
import type { FhirApi } from './api.ts';
import { caseloadRows, contactMode, peopleWithContactAfter, peopleWithRunEndedAfter } from './caseload-rows.ts';
import type { CaseloadRow, RowContact } from './caseload-rows.ts';
import { refLabel } from './labels.ts';
import { batchOf, caseloadQueries, dayBefore, olderAppointmentQueries, olderEncounterQueries, RECENT_APPOINTMENT_DAYS, RECENT_DAYS, userRolesQuery, WINDOW_DAYS } from './caseload-queries.ts';
import type { CaseloadQuery } from './caseload-queries.ts';

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

/** Pages followed per search at most (a caseload far beyond 500 people: its encounters past the server's largest page). */
const MAX_PAGES = 50;

/** The servers (by their api) that refused a batch: the searches go one by one there from then on. */
const noBatch = new WeakSet<FhirApi>();

/** A search's resources (every page), or the error it got. */
type Answer = { resources: Resource[] } | { error: unknown };

const resourcesOf = (bundle: Bundle): Resource[] => (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));

/** The rest of a search's pages, from its first page's `next` link. */
async function nextPages(api: FhirApi, query: CaseloadQuery, first: Bundle): Promise<Resource[]> {
  const resources = resourcesOf(first);
  let next = first.link?.find((l) => l.relation === 'next')?.url;
  for (let page = 1; next && page < MAX_PAGES; page++) {
    const more = await api.searchPage(query[0], [], next);
    resources.push(...more.resources);
    next = more.next;
  }
  return resources;
}

/** One batch entry's answer: its searchset (and the pages after it), or an error carrying the entry's outcome. */
async function entryAnswer(api: FhirApi, query: CaseloadQuery, entry: NonNullable<Bundle['entry']>[number] | undefined): Promise<Answer> {
  const status = Number.parseInt(entry?.response?.status ?? '', 10);
  const bundle = entry?.resource;
  if (status >= 200 && status < 300 && bundle?.resourceType === 'Bundle') {
    return nextPages(api, query, bundle).then((resources) => ({ resources }), (error: unknown) => ({ error }));
  }
  const outcome = entry?.response?.outcome ?? (bundle?.resourceType === 'OperationOutcome' ? bundle : undefined);
  return { error: new FhirRequestError(`${query[0]} search: ${entry?.response?.status ?? 'no answer'}`, Number.isFinite(status) ? status : undefined, outcome as OperationOutcome | undefined) };
}

/**
 * The searches in one FHIR batch (https://hl7.org/fhir/R4/http.html#transaction), each answer in its entry; a server
 * that refuses the batch itself (no batch support) gets them one by one, in parallel. A refused token is thrown.
 */
async function sendSearches(api: FhirApi, queries: CaseloadQuery[]): Promise<Answer[]> {
  const sent = performance.now();
  const response = noBatch.has(api) ? undefined : await api.transaction(batchOf(queries) as Bundle).catch((error: unknown) => {
    if (error instanceof FhirRequestError && error.status === 401) throw error;
    noBatch.add(api);
    return undefined;
  });
  // For the benchmark (a performance entry, no data in it): the batch sent, answered and its JSON parsed.
  if (response) performance.measure('caseload-batch', { start: sent });
  if (response?.type === 'batch-response' && response.entry?.length === queries.length) {
    return Promise.all(queries.map((q, i) => entryAnswer(api, q, response.entry?.[i])));
  }
  return Promise.all(queries.map((q) => api.search(q[0], q[1], MAX_PAGES).then((resources) => ({ resources }), (error: unknown) => ({ error }))));
}

/**
 * The older parts, in one more batch: the window's encounters (RECENT_DAYS to WINDOW_DAYS back) for the people the
 * recent part gave no held contact, the look-back's appointments for those whose no-show run it leaves open; without
 * those already there (a stay across both parts, the day searched twice).
 */
async function olderParts(api: FhirApi, patients: Patient[], recent: Encounter[], appointments: Appointment[], now: string): Promise<{ encounters: Encounter[]; appointments: Appointment[] }> {
  // As the user's role sees them: a contact hidden from them does not spare the search for an older one.
  const held = peopleWithContactAfter(recent, dayBefore(now, RECENT_DAYS), now);
  const ended = peopleWithRunEndedAfter(appointments, recent, dayBefore(now, RECENT_APPOINTMENT_DAYS), now);
  const ids = patients.flatMap((p) => (p.id ? [p.id] : []));
  const encounterQueries = olderEncounterQueries(now, ids.filter((id) => !held.has(id)));
  const appointmentQueries = olderAppointmentQueries(now, ids.filter((id) => !ended.has(id)));
  if (encounterQueries.length + appointmentQueries.length === 0) return { encounters: [], appointments: [] };
  const answers = await sendSearches(api, [...encounterQueries, ...appointmentQueries]);
  const fresh = <T extends Resource>(from: Answer[], already: T[]): T[] => {
    const seen = new Set(already.map((r) => r.id));
    return from.flatMap((a) => {
      if ('error' in a) throw toFhirError(a.error);
      return (a.resources as T[]).filter((r) => {
        if (!r.id) return true;
        if (seen.has(r.id)) return false;
        seen.add(r.id);
        return true;
      });
    });
  };
  return { encounters: fresh(answers.slice(0, encounterQueries.length), recent), appointments: fresh(answers.slice(encounterQueries.length), appointments) };
}

/** Loads the user's caseload: the searches in one batch, then the rows. */
export async function loadCaseload(api: FhirApi, fhirUser: string | undefined, now: string = new Date().toISOString()): Promise<CaseloadData> {
  const before = api.requestCount;
  const queries = caseloadQueries(now);
  const rolesQuery = userRolesQuery(fhirUser);
  const names = Object.keys(queries);
  const answers = await sendSearches(api, [...Object.values(queries), ...(rolesQuery ? [rolesQuery] : [])]);
  const answer = new Map(names.map((name, i) => [name, answers[i] as Answer]));
  const run = <T extends Resource>(name: string): T[] => {
    const a = answer.get(name);
    if (!a) throw new Error(`no answer for the ${name} search`);
    if ('error' in a) throw toFhirError(a.error);
    return a.resources as T[];
  };
  // The directory is not needed to count anyone: a server that refuses it still gives the rows (unnamed professionals);
  // a user without a readable role gets the least-privileged view, not an error page.
  const optional = <T extends Resource>(name: string): T[] => {
    const a = answer.get(name);
    return a && 'resources' in a ? (a.resources as T[]) : [];
  };
  const rolesAnswer = rolesQuery ? answers[names.length] : undefined;
  const roleResources = rolesAnswer && 'resources' in rolesAnswer ? rolesAnswer.resources : [];
  const patients = run<Patient>('patients');
  const careTeams = run<CareTeam>('careTeams');
  const carePlans = run<CarePlan>('carePlans');
  const flags = optional<Flag>('flags');
  const tasks = run<Task>('tasks');
  const recent = run<Encounter>('encounters');
  const appointments = run<Appointment>('appointments');
  const practitioners = optional<Resource>('practitioners');
  const organizations = optional<Resource>('organizations');
  const refs = new Map<string, Resource>();
  for (const r of [...practitioners, ...organizations, ...roleResources]) if (r.id) refs.set(key(r), r);
  const userPractitionerRoles = roleResources.filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole');
  const role = roleFromPractitionerRoles(userPractitionerRoles);
  const me = new Set<string>([...(fhirUser ? [fhirUser.split('/').slice(-2).join('/')] : []), ...userPractitionerRoles.map(key)]);
  const visible = <T extends Resource>(list: T[]): T[] => list.filter((r) => canSee(role, r));
  const recentSeen = visible(recent);
  const appointmentsSeen = visible(appointments);
  const older = await olderParts(api, patients, recentSeen, appointmentsSeen, now);
  const encounters = [...recentSeen, ...visible(older.encounters)];
  // Marks for the benchmark (performance entries, no data in them): the answers are all here, the rows are built.
  const answered = performance.now();
  const windowStart = dayBefore(now, WINDOW_DAYS);
  const rows = caseloadRows({
    patients, careTeams, carePlans, flags, tasks: visible(tasks), encounters, appointments: [...appointmentsSeen, ...visible(older.appointments)], refs, me, windowStart,
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
