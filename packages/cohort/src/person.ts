// Draws one person of a programme: identity, follow-up period, team, consumption profile, care breaks and hospital
// stays, and the plan of their visits. Everything comes from the person's own PRNG, so a person does not change
// when the cohort grows.
import { fromDay } from './dates.ts';
import type { Pro, ProgrammeId, Site } from './network.ts';
import { BIRTH_PLACES, HOMES, ORIGIN_MIX, ORIGINS, STREETS } from './names.ts';
import type { Place } from './names.ts';
import type { Rng } from './prng.ts';
import { TSO } from './fhir.ts';
import type { EncounterClass, TobaccoStatus, TsoKind } from './fhir.ts';
import { inPeriods } from './trends.ts';
import type { Period, TrendModel } from './trends.ts';
import type { WorkshopSession } from './workshops.ts';

export interface Substance {
  code: 'cannabis' | 'cocaine' | 'crack' | 'heroine' | 'benzodiazepines' | 'amphetamines';
  intensity: number;
  route: 'injection' | 'inhalation' | 'sniff' | 'orale';
  context: 'seul' | 'entre-pairs' | 'festif' | 'rue';
}

export interface Visit {
  day: number;
  minutes: number;
  duration: number;
  kind: 'gp' | 'psy' | 'sw' | 'pharma' | 'nurse' | 'rdr' | 'referent' | 'accomp' | 'workshop' | 'post-discharge';
  pro: Pro;
  others?: readonly Pro[];
  /** Activity code of the appointment (serviceType). */
  service: string;
  /** Encounter type code. */
  type: string;
  cls: EncounterClass;
  /** Booked in advance (an Appointment) or not (a call, a workshop). */
  scheduled: boolean;
  status: 'fulfilled' | 'noshow' | 'cancelled' | 'booked';
  /** Index of the hospital stay this visit follows up. */
  afterStay?: number;
  /** Workshop: the session Encounter this participation is part of. */
  session?: string;
}

export interface Person {
  id: string;
  programme: ProgrammeId;
  site: Site;
  heavy: boolean;
  gender: 'male' | 'female';
  given: string[];
  family: string;
  birthDate: string;
  birthPlace: Place;
  home: Place;
  street: string;
  phone?: string;
  ins: boolean;
  start: number;
  end: number;
  active: boolean;
  gp: Pro;
  coordinator: Pro;
  members: Pro[];
  alcohol: boolean;
  trend: TrendModel;
  tobacco: TobaccoStatus;
  quitsTobacco?: number;
  substances: Substance[];
  tso?: { kind: TsoKind; since: number; doses: number[]; change?: number };
  hepatitisC: boolean;
  reinforced: boolean;
  breaks: Period[];
  stays: Period[];
  visits: Visit[];
  /** A referral to a partner (funders count partners solicited by type). */
  orientation?: { partner: 'csapa' | 'caarud' | 'cmp'; organization: string; day: number };
}

export interface Window {
  start: number;
  end: number;
}

function placePeriods(rng: Rng, count: number, from: number, to: number, length: [number, number], avoid: readonly Period[]): Period[] {
  const periods: Period[] = [];
  for (let attempt = 0; attempt < count * 8 && periods.length < count; attempt++) {
    if (to - from < length[1] + 10) break;
    const start = rng.int(from, to - length[1]);
    const p = { from: start, to: start + rng.int(length[0], length[1]) };
    const clash = [...periods, ...avoid].some((q) => p.from <= q.to + 20 && q.from <= p.to + 20);
    if (!clash) periods.push(p);
  }
  return periods.sort((a, b) => a.from - b.from);
}

const NOSHOW: Record<ProgrammeId, number> = { microstructure: 0.08, 'rdr-alcool': 0.16, 'residence-sociale': 0.12, referent: 0.1 };

interface Track {
  kind: Visit['kind'];
  pro: Pro;
  others?: readonly Pro[];
  every: number;
  jitter: number;
  duration: number;
  service: string;
  type: string;
  /** Modality of each occurrence: [class, weight, scheduled]. */
  modes: readonly (readonly [EncounterClass, number, boolean])[];
  /** Interval after the first 90 days. */
  later?: number;
  /** No-show rate by planned mode, when it differs from the programme's. */
  noshow?: Partial<Record<EncounterClass, number>>;
}

function tracks(person: Person, rng: Rng): Track[] {
  const s = person.site;
  const inPerson = [['AMB', 1, true]] as const;
  const list: Track[] = [];
  const first = <T>(items: readonly T[]): T => rng.pick(items);
  switch (person.programme) {
    case 'microstructure': {
      list.push({ kind: 'gp', pro: person.gp, every: 28, jitter: 5, duration: 30, service: 'consultation-medecin', type: 'consultation-individuelle', modes: inPerson });
      if (s.psychologists.length) list.push({ kind: 'psy', pro: first(s.psychologists), every: 14, later: rng.pick([21, 28, 35]), jitter: 3, duration: 30, service: 'consultation-psychologue', type: 'consultation-individuelle', modes: [['AMB', 9, true], ['VR', 1, false]] });
      if (s.socialWorkers.length) list.push({ kind: 'sw', pro: first(s.socialWorkers), every: 45, jitter: 12, duration: 30, service: 'consultation-travailleur-social', type: 'consultation-individuelle', modes: [['AMB', 6, true], ['VR', 4, false]] });
      if (person.tso && s.pharmacists.length) list.push({ kind: 'pharma', pro: first(s.pharmacists), every: 90, jitter: 15, duration: 20, service: 'consultation-pharmacien', type: 'consultation-individuelle', modes: inPerson });
      if (s.nurses.length && person.hepatitisC) list.push({ kind: 'nurse', pro: first(s.nurses), every: 60, jitter: 10, duration: 30, service: 'consultation-infirmier', type: 'consultation-individuelle', modes: inPerson });
      break;
    }
    case 'rdr-alcool': {
      list.push({ kind: 'rdr', pro: person.coordinator, every: 7, later: rng.pick([14, 21]), jitter: 2, duration: 45, service: 'entretien-rdr', type: 'consultation-individuelle', modes: [['VR', 4, false], ['AMB', 3, true], ['HH', 2, true], ['FLD', 1, true]] });
      list.push({ kind: 'gp', pro: person.gp, every: 42, jitter: 10, duration: 30, service: 'consultation-medecin', type: 'consultation-individuelle', modes: inPerson });
      break;
    }
    case 'residence-sociale': {
      const psy = first(s.psychologists);
      const sw = first(s.socialWorkers);
      // Phone interviews are booked too; the field's rates: 21 of 38 phone and 64 of 104 in-person interviews held.
      list.push({ kind: 'psy', pro: psy, every: 14, jitter: 2, duration: 45, service: 'consultation-psychologue', type: 'consultation-individuelle', modes: [['AMB', 11, true], ['VR', 4, true]], noshow: { AMB: 0.35, VR: 0.42 } });
      list.push({ kind: 'sw', pro: sw, every: 45, jitter: 10, duration: 30, service: 'consultation-travailleur-social', type: 'consultation-individuelle', modes: [['AMB', 7, true], ['VR', 3, false]] });
      list.push({ kind: 'gp', pro: person.gp, every: 75, jitter: 15, duration: 30, service: 'consultation-medecin', type: 'consultation-individuelle', modes: inPerson });
      break;
    }
    case 'referent': {
      list.push({ kind: 'referent', pro: person.coordinator, every: 30, jitter: 8, duration: 20, service: 'ouverture-droits', type: 'consultation-individuelle', modes: [['VR', 1, false]] });
      if (person.reinforced) list.push({ kind: 'accomp', pro: person.coordinator, every: 30, jitter: 8, duration: 120, service: 'accompagnement-rdv', type: 'accompagnement', modes: [['FLD', 1, true]] });
      list.push({ kind: 'gp', pro: person.gp, every: 60, jitter: 15, duration: 30, service: 'consultation-medecin', type: 'consultation-individuelle', modes: inPerson });
      break;
    }
  }
  return list;
}

const SLOTS = [510, 540, 570, 600, 630, 660, 690, 840, 870, 900, 930, 960, 990, 1020];

function planVisits(person: Person, rng: Rng, window: Window, sessions: readonly WorkshopSession[]): Visit[] {
  const visits: Visit[] = [];
  for (const track of tracks(person, rng)) {
    let day = person.start + rng.int(0, Math.min(track.every, 14));
    let booked = false;
    while (!booked) {
      const d = day;
      day += (d - person.start > 90 && track.later ? track.later : track.every) + rng.int(-track.jitter, track.jitter);
      if (d > person.end || inPeriods(person.stays, d)) {
        if (d > person.end) {
          // The next appointment of people still followed is already booked.
          if (person.active && d <= window.end + 35) {
            const [cls, , scheduled] = rng.weighted(track.modes.map((m) => [m, m[1]] as const));
            if (scheduled) visits.push({ ...visitBase(track, d, rng), cls, scheduled, status: 'booked' });
          }
          booked = true;
        }
        continue;
      }
      const [cls, , scheduled] = rng.weighted(track.modes.map((m) => [m, m[1]] as const));
      const base = { ...visitBase(track, d, rng), cls, scheduled };
      if (inPeriods(person.breaks, d)) {
        if (scheduled) visits.push({ ...base, status: 'noshow' });
        continue;
      }
      if (!scheduled) {
        visits.push({ ...base, status: 'fulfilled' });
        continue;
      }
      const r = rng.next();
      const noshow = track.noshow?.[cls] ?? NOSHOW[person.programme];
      visits.push({ ...base, status: r < noshow ? 'noshow' : r < noshow + 0.03 ? 'cancelled' : 'fulfilled' });
    }
  }
  // The site's workshops: about half of the sessions during the follow-up (none during a stay or a care break).
  for (const session of sessions) {
    if (session.day < person.start || session.day > person.end || inPeriods([...person.stays, ...person.breaks], session.day) || !rng.chance(0.5)) continue;
    const [pro, ...others] = session.facilitators;
    if (!pro) continue;
    visits.push({ day: session.day, minutes: session.minutes, duration: session.duration, kind: 'workshop', pro, others, service: 'atelier-groupe', type: 'atelier-groupe', cls: 'AMB', scheduled: false, status: 'fulfilled', session: session.id });
  }
  // A GP consultation within 7 days of each discharge (the follow-up the discharge asks for).
  person.stays.forEach((stay, index) => {
    const d = stay.to + rng.int(2, 7);
    if (d > window.end) {
      visits.push({ ...visitBase(postDischarge(person), d, rng), cls: 'AMB', scheduled: true, status: 'booked', afterStay: index });
    } else if (d <= person.end) {
      visits.push({ ...visitBase(postDischarge(person), d, rng), cls: 'AMB', scheduled: true, status: rng.chance(0.85) ? 'fulfilled' : 'noshow', afterStay: index });
    }
  });
  return visits.sort((a, b) => a.day - b.day || a.minutes - b.minutes);
}

function postDischarge(person: Person): Track {
  return { kind: 'post-discharge', pro: person.gp, every: 0, jitter: 0, duration: 30, service: 'suivi-post-hospitalisation', type: 'consultation-individuelle', modes: [['AMB', 1, true]] };
}

function visitBase(track: Track, day: number, rng: Rng): Pick<Visit, 'day' | 'minutes' | 'duration' | 'kind' | 'pro' | 'service' | 'type' | 'others'> {
  const minutes = track.kind === 'workshop' ? 1020 : track.kind === 'accomp' ? rng.pick([540, 840]) : rng.pick(SLOTS);
  return { day: weekdayOf(day), minutes, duration: track.duration, kind: track.kind, pro: track.pro, service: track.service, type: track.type, ...(track.others ? { others: track.others } : {}) };
}

/** Visits happen on working days. */
function weekdayOf(day: number): number {
  const w = (new Date(day * 86_400_000).getUTCDay() + 6) % 7;
  return w === 5 ? day + 2 : w === 6 ? day + 1 : day;
}

const AGES: Record<ProgrammeId, [number, number]> = { microstructure: [24, 60], 'rdr-alcool': [35, 65], 'residence-sociale': [28, 66], referent: [22, 70] };

export function drawPerson(rng: Rng, programme: ProgrammeId, site: Site, id: string, window: Window, heavy: boolean, sessions: readonly WorkshopSession[] = []): Person {
  const gender = rng.chance(programme === 'rdr-alcool' ? 0.62 : 0.7) ? 'male' : 'female';
  const region = site.homes === HOMES.roubaix ? 'roubaix' : site.homes === HOMES.forbach ? 'forbach' : 'marseille';
  const pool = ORIGINS[rng.weighted(ORIGIN_MIX[region])];
  // Given names follow the family's origin, with French given names common in every family.
  const givenPool = rng.chance(0.75) ? pool : ORIGINS.french;
  const names = gender === 'male' ? givenPool.male : givenPool.female;
  const given: string[] = [rng.pick(names)];
  if (rng.chance(0.25)) {
    const second = rng.pick(names);
    if (second !== given[0] && !second.includes('-') && !(given[0] ?? '').includes('-')) given.push(second);
  }
  const [minAge, maxAge] = AGES[programme];
  const birthYear = Number(fromDay(window.end).slice(0, 4)) - rng.int(minAge, maxAge);
  const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const home = rng.pick(site.homes);
  const local = rng.chance(0.55);
  const birthPlace = local ? rng.pick(BIRTH_PLACES.filter((p) => p.city === home.city || p.insee.slice(0, 2) === home.postalCode.slice(0, 2))) : rng.pick(BIRTH_PLACES);

  // Follow-up: at least one year of history, up to three; about one person in eight has left.
  const start = heavy ? window.start : window.start + rng.int(0, 700);
  const active = heavy || window.end - start < 420 || !rng.chance(0.12);
  const end = active ? window.end : start + rng.int(365, window.end - start - 30);

  const gp = rng.pick(site.gps);
  const coordinator = programme === 'rdr-alcool' ? rng.pick(site.workers) : programme === 'referent' ? rng.pick(site.referents) : programme === 'residence-sociale' ? rng.pick(site.psychologists) : gp;
  const members: Pro[] = [];
  const add = (list: readonly Pro[], p: number): void => {
    if (list.length && rng.chance(p)) members.push(rng.pick(list));
  };
  if (programme === 'microstructure') {
    add(site.psychologists, heavy ? 1 : 0.9);
    add(site.socialWorkers, heavy ? 1 : 0.8);
  } else if (programme === 'residence-sociale') {
    add(site.socialWorkers, 1);
  }

  const alcoholShare: Record<ProgrammeId, number> = { microstructure: 0.45, 'rdr-alcool': 1, 'residence-sociale': 0.7, referent: 0.5 };
  const alcohol = heavy || rng.chance(alcoholShare[programme]);
  const baseline = alcohol ? (programme === 'rdr-alcool' || heavy ? rng.int(8, 20) : rng.int(3, 12)) : rng.int(0, 2);
  const goal = alcohol ? (rng.chance(0.15) ? 0 : rng.int(2, Math.max(2, Math.min(6, baseline - 2)))) : 0;
  const tsoShare: Record<ProgrammeId, number> = { microstructure: 0.6, 'rdr-alcool': 0.03, 'residence-sociale': 0.1, referent: 0.2 };
  const hasTso = heavy || rng.chance(tsoShare[programme]);
  const substances: Substance[] = [];
  if (hasTso || rng.chance(programme === 'microstructure' ? 0.6 : 0.25)) {
    const pool: Substance['code'][] = hasTso ? ['heroine', 'cocaine', 'benzodiazepines', 'crack'] : ['cannabis', 'cocaine', 'amphetamines'];
    const count = heavy ? 2 : rng.int(1, 2);
    for (const c of shuffle(rng, pool).slice(0, count)) {
      substances.push({
        code: c,
        intensity: 0.3 + rng.next() * 0.6,
        route: c === 'heroine' ? rng.pick(['injection', 'sniff', 'inhalation'] as const) : c === 'crack' ? 'inhalation' : c === 'cocaine' ? rng.pick(['sniff', 'injection'] as const) : c === 'cannabis' ? 'inhalation' : 'orale',
        context: rng.pick(['seul', 'entre-pairs', 'festif', 'rue'] as const),
      });
    }
  }
  if (!substances.some((s) => s.code === 'cannabis') && rng.chance(0.3)) substances.push({ code: 'cannabis', intensity: 0.5 + rng.next() * 0.4, route: 'inhalation', context: rng.pick(['seul', 'entre-pairs'] as const) });
  const tobacco = rng.weighted<TobaccoStatus>([['daily', 70], ['occasional', 10], ['ex', 10], ['never', 10]]);

  const breakCount: Record<ProgrammeId, [number, number]> = { microstructure: [0, 2], 'rdr-alcool': [1, 3], 'residence-sociale': [0, 2], referent: [0, 1] };
  const stayChance: Record<ProgrammeId, number> = { microstructure: 0.25, 'rdr-alcool': 0.55, 'residence-sociale': 0.2, referent: 0.2 };
  const stays = placePeriods(rng, heavy ? 2 : rng.chance(stayChance[programme]) ? rng.int(1, 2) : 0, start + 60, end - 10, [3, 10], []);
  const breaks = placePeriods(rng, heavy ? 2 : rng.int(...breakCount[programme]), start + 60, end - 30, [28, 84], stays);
  // Some people still followed are in a care break today: it shows on their plan.
  if (active && !heavy && rng.chance(0.1) && !inPeriods([...stays, ...breaks], end - 40) && !breaks.some((b) => b.to > end - 60)) {
    breaks.push({ from: end - rng.int(25, 50), to: end + 60 });
  }

  const person: Person = {
    id, programme, site, heavy, gender, given, family: rng.pick(pool.family), birthDate, birthPlace, home,
    street: `${rng.int(1, 140)} ${rng.pick(STREETS)}`,
    ...(rng.chance(0.75) ? { phone: `0${rng.pick([6, 7])} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}` } : {}),
    ins: heavy || rng.chance(programme === 'residence-sociale' ? 0.6 : 0.88),
    start, end, active, gp, coordinator, members, alcohol,
    trend: { baseline, goal, pace: rng.int(120, 420), start, breaks, stays },
    tobacco,
    ...(tobacco === 'daily' && rng.chance(0.15) ? { quitsTobacco: start + rng.int(120, Math.max(121, end - start)) } : {}),
    substances,
    ...(hasTso ? { tso: tsoOf(rng, start, end) } : {}),
    hepatitisC: programme === 'microstructure' && (heavy || rng.chance(0.3)),
    reinforced: programme === 'referent' && rng.chance(0.3),
    breaks, stays, visits: [],
  };
  person.visits = planVisits(person, rng, window, sessions);
  const partners = (['csapa', 'caarud', 'cmp'] as const).filter((p) => site[p] && (p !== 'caarud' || substances.length > 0));
  if (partners.length && end - start > 90 && (programme === 'referent' || rng.chance(0.35))) {
    const partner = programme === 'referent' ? 'csapa' : rng.pick(partners);
    const organization = site[partner];
    if (organization) person.orientation = { partner, organization, day: start + (programme === 'referent' ? 45 : rng.int(30, end - start - 30)) };
  }
  return person;
}

function tsoOf(rng: Rng, start: number, end: number): NonNullable<Person['tso']> {
  const kind = rng.weighted<TsoKind>([['buprenorphine', 5], ['methadone', 4], ['suboxone', 1]]);
  const options = TSO[kind].doses;
  const index = rng.int(1, options.length - 1);
  const since = start - rng.int(30, 2000);
  if (rng.chance(0.4)) {
    // The dose is lowered once during the follow-up, as the person stabilises.
    return { kind, since, doses: [options[index] ?? 8, options[index - 1] ?? 4], change: start + rng.int(90, Math.max(91, end - start - 30)) };
  }
  return { kind, since, doses: [options[index] ?? 8] };
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
