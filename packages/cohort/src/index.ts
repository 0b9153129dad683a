/**
 * @parcours/cohort: a deterministic, seeded generator of a French-realistic synthetic cohort conforming to the
 * Parcours profiles (see README.md). Synthetic data only.
 */
import type { Resource } from '@medplum/fhirtypes';
import { toDay } from './dates.ts';
import { addHeavyDiary, fitHeavyVisits, HEAVY_PATIENT_ID } from './heavy.ts';
import { meetings } from './meetings.ts';
import type { Reviewable } from './meetings.ts';
import { buildNetwork, PROGRAMMES } from './network.ts';
import type { ProgrammeId, Site } from './network.ts';
import { drawPerson } from './person.ts';
import type { Window } from './person.ts';
import { createRng } from './prng.ts';
import { personRecords } from './records.ts';
import { workshopSessions } from './workshops.ts';

export { HEAVY_PATIENT_ID, HEAVY_ENCOUNTERS, HEAVY_OBSERVATIONS } from './heavy.ts';
export { PROGRAMMES } from './network.ts';
export type { Programme, ProgrammeId } from './network.ts';
export { createRng } from './prng.ts';
export type { Rng } from './prng.ts';

export interface CohortOptions {
  /** PRNG seed; the same seed gives the same resources, byte for byte. Default 20261123. */
  seed?: number;
  /** People besides the heavy person. Default 120. */
  people?: number;
  /** Adds the heavy person (`cohort-heavy`). Default true. */
  heavy?: boolean;
  /** First day of the three-year window the cohort covers (YYYY-MM-DD). Default 2023-11-23, so it ends on 2026-11-23. */
  start?: string;
}

export const DEFAULT_SEED = 20261123;
export const DEFAULT_PEOPLE = 120;
export const DEFAULT_START = '2023-11-23';

/** Programme sites in a repeating pattern of 20 people (30/18/24/24/24 for the default 120). */
const PATTERN: readonly string[] = [
  'belleDeMai', 'roubaix', 'forbach', 'referent', 'joliette', 'belleDeMai', 'roubaix', 'forbach', 'referent', 'belleDeMai',
  'joliette', 'roubaix', 'forbach', 'referent', 'belleDeMai', 'joliette', 'roubaix', 'forbach', 'referent', 'belleDeMai',
];

/**
 * Generates the cohort: organisations and professionals, then each person (Patient, CareTeam, Goals, CarePlan,
 * treatments, then their appointments, encounters, observations, discharges and care-break alerts by date), then
 * the synthesis meetings. References always point to an earlier resource or to a profiles' example.
 */
export function generateCohort(options: CohortOptions = {}): Resource[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.people ?? DEFAULT_PEOPLE;
  const start = toDay(options.start ?? DEFAULT_START);
  const window: Window = { start, end: start + 3 * 365 + 1 };
  const root = createRng(seed);
  const network = buildNetwork();
  const out: Resource[] = [...network.resources];
  const reviewable: Reviewable[] = [];
  const counters = new Map<ProgrammeId, number>();
  // Workshop sessions first: each resident's participation points at its session.
  const workshops = workshopSessions(Object.values(network.sites), window, root.fork('workshops'));
  out.push(...workshops.resources);

  const addPerson = (rngLabel: string, site: Site, id: string, order: number, heavy: boolean): void => {
    const rng = root.fork(rngLabel);
    const person = drawPerson(rng, site.programme, site, id, window, heavy, workshops.bySite.get(site.key));
    if (heavy) fitHeavyVisits(person, rng);
    const records = personRecords(person, order, rng);
    if (heavy) addHeavyDiary(person, records, rng);
    out.push(...records.head, ...records.timeline.sort((a, b) => a.at - b.at).map((t) => t.resource));
    reviewable.push({ patientId: person.id, carePlanId: records.carePlanId, site, start: person.start, end: person.end, firstName: person.given[0] ?? '', heavy });
  };

  for (let i = 0; i < count; i++) {
    const site = network.sites[PATTERN[i % PATTERN.length] ?? 'belleDeMai'];
    if (!site) throw new Error('unknown site');
    const n = (counters.get(site.programme) ?? 0) + 1;
    counters.set(site.programme, n);
    addPerson(`person-${i}`, site, `cohort-${site.programme}-${String(n).padStart(3, '0')}`, i, false);
  }
  if (options.heavy ?? true) {
    const site = network.sites.belleDeMai;
    if (!site) throw new Error('unknown site');
    addPerson('heavy', site, HEAVY_PATIENT_ID, count, true);
  }
  out.push(...meetings(Object.values(network.sites), reviewable, window, root.fork('meetings')));
  return out;
}

/** The programme of a cohort person, from their id (`cohort-<programme>-NNN`); undefined for other ids. */
export function programmeOf(patientId: string): ProgrammeId | undefined {
  if (patientId === HEAVY_PATIENT_ID) return 'microstructure';
  return PROGRAMMES.find((p) => patientId.startsWith(`cohort-${p.id}-`))?.id;
}

export interface CohortSummary {
  people: number;
  byType: Record<string, number>;
}

/** Counts of a generated cohort (people = Patients), for logs and the sandbox page. */
export function cohortSummary(resources: readonly Resource[]): CohortSummary {
  const byType: Record<string, number> = {};
  for (const r of resources) byType[r.resourceType] = (byType[r.resourceType] ?? 0) + 1;
  return { people: byType.Patient ?? 0, byType };
}

/** Organization reference → programme of each programme site (the organisation managing its people's teams). */
export function programmeOrganizations(): Record<string, ProgrammeId> {
  return Object.fromEntries(Object.values(buildNetwork().sites).map((site) => [site.organization, site.programme]));
}
