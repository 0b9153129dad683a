// The heavy person (performance work): three years in a microstructure, exactly 150 encounters and 1,500
// consumption observations. Their visits are trimmed or completed to the count; their own daily diary
// (drinks per day, other substances twice a week, tobacco monthly, recorded with the team's app) fills the observations.
import type { Observation, Resource } from '@medplum/fhirtypes';
import { dateTime } from './dates.ts';
import { SOCIAL_HISTORY, ref } from './fhir.ts';
import type { Person } from './person.ts';
import type { Rng } from './prng.ts';
import { drinks, substance, substanceIntensity, tobacco } from './observations.ts';
import type { PersonRecords } from './records.ts';
import { inPeriods, observedDrinks } from './trends.ts';

export const HEAVY_PATIENT_ID = 'cohort-heavy';
export const HEAVY_ENCOUNTERS = 150;
export const HEAVY_OBSERVATIONS = 1500;

/** Adjusts the visits so that held visits plus hospital stays make exactly HEAVY_ENCOUNTERS encounters. */
export function fitHeavyVisits(person: Person, rng: Rng): void {
  const target = HEAVY_ENCOUNTERS - person.stays.length;
  const held = (): Person['visits'] => person.visits.filter((v) => v.status === 'fulfilled');
  let excess = held().length - target;
  while (excess > 0) {
    const candidates = held().filter((v) => v.kind !== 'post-discharge');
    const victim = rng.pick(candidates);
    if (victim.scheduled) victim.status = 'cancelled';
    else person.visits.splice(person.visits.indexOf(victim), 1);
    excess -= 1;
  }
  const sw = person.site.socialWorkers[0] ?? person.gp;
  for (let guard = 0; held().length < target && guard < 10_000; guard++) {
    const day = rng.int(person.start + 1, person.end - 1);
    if (inPeriods([...person.breaks, ...person.stays], day) || person.visits.some((v) => v.day === day)) continue;
    person.visits.push({ day, minutes: 600, duration: 15, kind: 'sw', pro: sw, service: 'consultation-travailleur-social', type: 'consultation-individuelle', cls: 'VR', scheduled: false, status: 'fulfilled' });
  }
  person.visits.sort((a, b) => a.day - b.day || a.minutes - b.minutes);
}

/** Adds the person's diary so that the person has exactly HEAVY_OBSERVATIONS observations. */
export function addHeavyDiary(person: Person, records: PersonRecords, rng: Rng): void {
  const clinical = records.timeline.filter((t) => t.resource.resourceType === 'Observation').length;
  const subject = ref(`Patient/${person.id}`);
  const base = (day: number): { status: 'final'; category: typeof SOCIAL_HISTORY[]; subject: typeof subject; effectiveDateTime: string; performer: typeof subject[] } => ({
    status: 'final', category: [SOCIAL_HISTORY], subject, effectiveDateTime: dateTime(day, 1290), performer: [subject],
  });
  const daily: number[] = [];
  const others: { day: number; make: (id: string) => Observation }[] = [];
  for (let day = person.start; day <= person.end; day++) {
    if (inPeriods([...person.breaks, ...person.stays], day)) continue;
    daily.push(day);
    if ((day - person.start) % 7 === 2 || (day - person.start) % 7 === 6) {
      for (const s of person.substances) others.push({ day, make: (id) => substance(id, base(day), s, substanceIntensity(person, s.intensity, day, rng)) });
    }
    if ((day - person.start) % 30 === 15) others.push({ day, make: (id) => tobacco(id, base(day), person.tobacco) });
  }
  const room = HEAVY_OBSERVATIONS - clinical - others.length;
  if (room < 0 || room > daily.length) {
    throw new Error(`heavy person: cannot reach ${HEAVY_OBSERVATIONS} observations (${clinical} clinical, ${others.length} weekly/monthly, ${daily.length} diary days)`);
  }
  // Keep `room` diary days, spread evenly over the three years.
  const kept = new Set<number>();
  for (let i = 0; i < room; i++) kept.add(daily[Math.floor((i * daily.length) / room)] ?? 0);
  const entries: { day: number; make: (id: string) => Observation }[] = [
    ...[...kept].map((day) => ({ day, make: (id: string) => drinks(id, base(day), observedDrinks(person.trend, day, rng.normal())) })),
    ...others,
  ].sort((a, b) => a.day - b.day);
  let n = 0;
  for (const entry of entries) {
    const resource: Resource = entry.make(`${person.id}-diary-${String(++n).padStart(4, '0')}`);
    records.timeline.push({ at: entry.day * 1440 + 1290, resource });
  }
}
