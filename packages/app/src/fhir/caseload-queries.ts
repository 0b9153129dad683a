// The caseload's searches across people (caseload.ts sends them, in one FHIR batch): plain data, no app module behind
// it, so the benchmark sends exactly these too.
/** Held contacts are searched over this many days; older last contacts are read per person, on screen. */
export const WINDOW_DAYS = 120;
/**
 * Held contacts are first searched over this many days, for everyone (a third of the window's encounters on the
 * cohort); the rest of the window only for the people with none in them (a tenth of the people there).
 */
export const RECENT_DAYS = 45;
/**
 * Appointments are first searched from this many days back (and all to come), for everyone; the rest of the
 * missed-in-a-row look-back only for the people whose run these do not end (no held contact and no appointment kept
 * since then).
 */
export const RECENT_APPOINTMENT_DAYS = 21;
/** Up to this many people's older encounters are asked by name (`subject=` lists); beyond, the whole older part. */
const LISTED_PEOPLE = 150;
const SUBJECTS_PER_SEARCH = 50;
const ENCOUNTER_ELEMENTS: [string, string] = ['_elements', 'subject,period,class,participant,type'];
const APPOINTMENT_ELEMENTS: [string, string] = ['_elements', 'status,start,participant,appointmentType'];
/** Missed appointments in a row are counted over this look-back (the watch's default, packages/watch README). */
export const MISSED_LOOKBACK_DAYS = 60;
/**
 * One page of each search holds a caseload of this size (the server's largest page): 500 people's 3,000 encounters of
 * the window are one request, one audit record; larger ones follow `next` links.
 */
const PAGE = 5000;
const OPEN_TASK_STATUSES = 'draft,requested,received,accepted,ready,in-progress,on-hold,failed';

export const dayBefore = (now: string, days: number): string => new Date(Date.parse(now) - days * 86_400_000).toISOString().slice(0, 10);

export type CaseloadQuery = [string, [string, string][]];

/** The searches, each a list of FHIR search parameters (exported for the benchmark and tests). */
export function caseloadQueries(now: string): Record<string, CaseloadQuery> {
  // No Bundle.total: the rows count the people; a total would cost the server a second pass over each search.
  const count: [string, string] = ['_count', String(PAGE)];
  const total: [string, string] = ['_total', 'none'];
  return {
    patients: ['Patient', [count, total, ['_elements', 'name,birthDate']]],
    careTeams: ['CareTeam', [['status', 'active'], count, total, ['_elements', 'subject,participant,managingOrganization,status,period']]],
    carePlans: ['CarePlan', [['status', 'active'], count, total, ['_elements', 'subject,status,extension,period,activity']]],
    flags: ['Flag', [count, total, ['_elements', 'subject,status,code,period']]],
    tasks: ['Task', [['status', OPEN_TASK_STATUSES], count, total, ['_elements', 'for,status,code,restriction,executionPeriod']]],
    encounters: ['Encounter', [['status', 'finished'], ['date', `ge${dayBefore(now, RECENT_DAYS)}`], count, total, ENCOUNTER_ELEMENTS]],
    appointments: ['Appointment', [['date', `ge${dayBefore(now, RECENT_APPOINTMENT_DAYS)}`], count, total, APPOINTMENT_ELEMENTS]],
    practitioners: ['Practitioner', [count, total, ['_elements', 'name'], ['_revinclude', 'PractitionerRole:practitioner']]],
    organizations: ['Organization', [count, total, ['_elements', 'name']]],
  };
}


/**
 * The rest of the window (WINDOW_DAYS back to RECENT_DAYS) for the people with no held contact in the recent part:
 * by name, a few dozen people a search, or the whole older part when they are many. Empty for nobody.
 */
export function olderEncounterQueries(now: string, patientIds: readonly string[]): CaseloadQuery[] {
  return byPerson('Encounter', 'subject', [['status', 'finished'], ['date', `ge${dayBefore(now, WINDOW_DAYS)}`], ['date', `lt${dayBefore(now, RECENT_DAYS)}`], ['_count', String(PAGE)], ['_total', 'none'], ENCOUNTER_ELEMENTS], patientIds);
}

/**
 * The rest of the missed-in-a-row look-back (MISSED_LOOKBACK_DAYS back to the day after RECENT_APPOINTMENT_DAYS:
 * a day over the recent part, whatever the server's time zone) for the people whose run the recent part leaves open.
 */
export function olderAppointmentQueries(now: string, patientIds: readonly string[]): CaseloadQuery[] {
  return byPerson('Appointment', 'patient', [['date', `ge${dayBefore(now, MISSED_LOOKBACK_DAYS)}`], ['date', `lt${dayBefore(now, RECENT_APPOINTMENT_DAYS - 1)}`], ['_count', String(PAGE)], ['_total', 'none'], APPOINTMENT_ELEMENTS], patientIds);
}

/** A search for a few dozen people at a time (`<param>=Patient/a,Patient/b…`), or for everyone when they are many. */
function byPerson(type: string, param: string, params: [string, string][], patientIds: readonly string[]): CaseloadQuery[] {
  if (patientIds.length === 0) return [];
  if (patientIds.length > LISTED_PEOPLE) return [[type, params]];
  const out: CaseloadQuery[] = [];
  for (let i = 0; i < patientIds.length; i += SUBJECTS_PER_SEARCH) {
    out.push([type, [[param, patientIds.slice(i, i + SUBJECTS_PER_SEARCH).map((id) => `Patient/${id}`).join(',')], ...params]]);
  }
  return out;
}

/**
 * The user's PractitionerRoles and their organisations, from fhirUser (the caseload's batch and load-plan.ts's userRoles),
 * or undefined when fhirUser names neither a Practitioner nor a PractitionerRole.
 */
export function userRolesQuery(fhirUser: string | undefined): CaseloadQuery | undefined {
  const [type, id] = (fhirUser ?? '').split('/').slice(-2);
  if (!id) return undefined;
  const include: [string, string] = ['_include', 'PractitionerRole:organization'];
  if (type === 'PractitionerRole') return ['PractitionerRole', [['_id', id], include]];
  if (type === 'Practitioner') return ['PractitionerRole', [['practitioner', `Practitioner/${id}`], include]];
  return undefined;
}

/** A search as a relative URL (a batch entry's `request.url`, or a GET). */
export const searchUrl = ([type, params]: CaseloadQuery): string => `${type}?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;

/**
 * The searches as one FHIR `batch` Bundle of GETs (https://hl7.org/fhir/R4/http.html#transaction): one request
 * instead of ten, so a browser's six connections per server never make two rounds of them.
 */
export function batchOf(queries: readonly CaseloadQuery[]): { resourceType: 'Bundle'; type: 'batch'; entry: { request: { method: 'GET'; url: string } }[] } {
  return { resourceType: 'Bundle', type: 'batch', entry: queries.map((q) => ({ request: { method: 'GET', url: searchUrl(q) } })) };
}
