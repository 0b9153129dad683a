// Turns a drawn person into FHIR resources with the shapes of the profiles' examples, ordered so that every
// reference points to a resource emitted before it.
import type { Appointment, CarePlan, CarePlanActivity, CareTeam, CareTeamParticipant, Encounter, Goal, MedicationStatement, Patient, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExtensionUrl, ExternalSystem, IdentifierSystem, ProfileUrl } from '@parcours/profiles';
import { dateTime, fromDay } from './dates.ts';
import { ENCOUNTER_CLASS, SOCIAL_HISTORY, TSO, code, meta, ref, role } from './fhir.ts';
import { insNir } from './identity.ts';
import type { Pro } from './network.ts';
import type { Person, Visit } from './person.ts';
import type { Rng } from './prng.ts';
import { level, observedDrinks } from './trends.ts';
import { goalsOf } from './goals.ts';
import { breakRecords, gpOrganization, stayRecords } from './events.ts';
import { appointmentType, cancelationReason, contactDomains, contactTypes, intensityExtension, minutes } from './contacts.ts';
import { orientationRecords, orientationsOf } from './orientations.ts';
import { audit, drinks, substance, substanceIntensity, tobacco } from './observations.ts';

export interface PersonRecords {
  /** Patient, team, goals, plan, treatments: before everything else of the person. */
  head: Resource[];
  /** Dated resources with their sort key (minutes since 1970), in the order they were produced. */
  timeline: { at: number; resource: Resource }[];
  carePlanId: string;
}

const pad = (n: number, width = 3): string => String(n).padStart(width, '0');

export function fullName(person: Person): string {
  return `${person.given[0] ?? ''} ${person.family}`;
}

function patient(person: Person, order: number): Patient {
  const identifiers: Patient['identifier'] = [];
  if (person.ins) identifiers.push({ use: 'official', system: IdentifierSystem.INS, value: insNir(person.gender, person.birthDate, person.birthPlace.insee, order) });
  identifiers.push({ system: IdentifierSystem.ParcoursLocal, value: `PRC-${pad(order + 1000, 6)}` });
  return {
    resourceType: 'Patient',
    id: person.id,
    meta: meta(ProfileUrl.Patient),
    identifier: identifiers,
    name: [{ use: person.ins ? 'official' : 'usual', family: person.family, given: person.given }],
    ...(person.ins ? { extension: [{ url: ExtensionUrl.PatientBirthPlace, valueAddress: { city: person.birthPlace.city, postalCode: person.birthPlace.insee, country: 'FRA' } }] } : {}),
    ...(person.phone ? { telecom: [{ system: 'phone', value: person.phone }] } : {}),
    address: [{ line: [person.street], city: person.home.city, postalCode: person.home.postalCode }],
    gender: person.gender,
    birthDate: person.birthDate,
    generalPractitioner: [ref(person.gp.ref)],
  };
}

function careTeam(person: Person, rng: Rng): CareTeam {
  const start = fromDay(person.start);
  const end = person.active ? undefined : fromDay(person.end);
  const period = (from: number, to?: number): { start: string; end?: string } => ({ start: fromDay(from), ...(to !== undefined ? { end: fromDay(to) } : end ? { end } : {}) });
  const participants: CareTeamParticipant[] = [{ role: [role('personne')], member: ref(`Patient/${person.id}`), period: period(person.start) }];
  const seen = new Set<string>([person.coordinator.ref]);
  participants.push({ role: [role(person.coordinator.role), role('coordinateur')], member: ref(person.coordinator.ref), period: period(person.start) });
  const member = (p: Pro, from: number, to?: number): void => {
    participants.push({ role: [role(p.role)], member: ref(p.ref), period: period(from, to), ...(p.role === 'travailleur-social' && person.programme === 'residence-sociale' ? { onBehalfOf: ref(person.site.organization) } : {}) });
  };
  if (!seen.has(person.gp.ref)) {
    seen.add(person.gp.ref);
    // Sometimes the GP leaves the team for a while and comes back (a new participant entry).
    const gap = person.end - person.start > 500 && rng.chance(0.12);
    if (gap) {
      const leaves = person.start + rng.int(120, 300);
      member(person.gp, person.start, leaves);
      member(person.gp, leaves + rng.int(60, 150));
    } else member(person.gp, person.start);
  }
  for (const p of person.members) {
    if (seen.has(p.ref)) continue;
    seen.add(p.ref);
    member(p, person.start + (p.role === 'travailleur-social' ? rng.int(0, 60) : 0));
  }
  if (person.tso && person.site.pharmacists[0] && person.programme === 'microstructure') member(person.site.pharmacists[0], person.start);
  if (person.programme === 'microstructure' && person.site.referents[0] && rng.chance(person.heavy ? 1 : 0.15)) member(person.site.referents[0], person.start + rng.int(30, 200));
  for (const stay of person.stays) member(person.site.hospital.physician, stay.from, Math.min(stay.to + 30, person.end));
  return {
    resourceType: 'CareTeam',
    id: `${person.id}-team`,
    meta: meta(ProfileUrl.CareTeam),
    status: person.active ? 'active' : 'inactive',
    name: `Équipe de ${fullName(person)}`,
    subject: ref(`Patient/${person.id}`),
    period: { start, ...(end ? { end } : {}) },
    participant: participants,
    managingOrganization: [ref(person.site.organization)],
  };
}

const STAGES = ['accueil', 'alliance', 'ruptures', 'besoins', 'priorisation', 'engagement', 'co-construction', 'coordination', 'stabilisation', 'maintien'] as const;

/** Stage of the roadmap today: one step about every ten weeks, two steps back after a recent care break. */
function stageOf(person: Person): string {
  const weeks = (person.end - person.start) / 7;
  const recentBreaks = person.breaks.filter((b) => b.from > person.end - 180).length;
  const first = person.programme === 'referent' ? 3 : 0;
  const index = Math.max(0, Math.min(STAGES.length - 1, first + Math.floor(weeks / 10) - 2 * recentBreaks));
  return STAGES[index] ?? 'accueil';
}

function repeatOf(days: number): { frequency: number; period: number; periodUnit: 'wk' | 'mo' } {
  return days >= 28 ? { frequency: 1, period: Math.max(1, Math.round(days / 30)), periodUnit: 'mo' } : { frequency: 1, period: Math.max(1, Math.round(days / 7)), periodUnit: 'wk' };
}

function carePlan(person: Person, goals: Goal[]): CarePlan {
  const status = person.active ? 'in-progress' : 'completed';
  const activity = (codeValue: string, performer: Pro | undefined, extra: Partial<NonNullable<CarePlanActivity['detail']>> = {}): CarePlanActivity => ({
    detail: { code: code(CodeSystemUrl.Activity, codeValue), status, ...(performer ? { performer: [ref(performer.ref)] } : {}), ...extra },
  });
  const goalRef = (c: string): { goal: { reference: string }[] } | Record<string, never> => {
    const g = goals.find((x) => x.description.coding?.[0]?.code === c);
    return g ? { goal: [ref(`Goal/${g.id}`)] } : {};
  };
  const intervals = new Map<string, { pro: Pro; days: number[] }>();
  const visits = person.visits.filter((v) => v.kind !== 'post-discharge');
  for (const v of visits) {
    const entry = intervals.get(v.service) ?? { pro: v.pro, days: [] };
    entry.days.push(v.day);
    intervals.set(v.service, entry);
  }
  const activities: CarePlanActivity[] = [];
  for (const [service, { pro, days }] of intervals) {
    const spacing = days.length > 1 ? ((days[days.length - 1] ?? 0) - (days[0] ?? 0)) / (days.length - 1) : 30;
    activities.push(activity(service, pro, { scheduledTiming: { repeat: repeatOf(spacing) }, ...(service === 'entretien-rdr' || service === 'consultation-medecin' ? goalRef(person.trend.goal === 0 ? 'abstinence' : 'reduire-consommation') : {}) }));
  }
  if (person.tso) activities.push(activity('suivi-tso', person.gp, goalRef('stabiliser')));
  if (person.hepatitisC) {
    const from = person.start + 120;
    activities.push(activity('depistage-vhc', person.gp, { status: 'completed', scheduledPeriod: { start: fromDay(person.start + 20) } }));
    activities.push(activity('traitement-vhc', person.gp, { status: from + 84 < person.end ? 'completed' : status, scheduledPeriod: { start: fromDay(from), end: fromDay(from + 84) }, ...goalRef('traiter-vhc') }));
  }
  if (person.programme === 'microstructure' || person.programme === 'residence-sociale') {
    activities.push(activity('reunion-synthese', person.coordinator, { scheduledTiming: { repeat: { frequency: 1, period: 1, periodUnit: 'mo' } } }));
  }
  if (person.programme === 'referent') activities.push(activity('ouverture-droits', person.coordinator, goalRef('ouvrir-droits')));
  if (person.orientation) {
    const { partner, day } = person.orientation;
    const codeValue = partner === 'cmp' ? 'orientation-psychiatrie' : `orientation-${partner}`;
    activities.push(activity(codeValue, person.coordinator, { status: day + 60 < person.end ? 'completed' : status, scheduledPeriod: { start: fromDay(day) } }));
  }
  if (goals.some((g) => g.description.coding?.[0]?.code === 'logement')) activities.push(activity('accompagnement-logement', person.members.find((m) => m.role === 'travailleur-social') ?? person.coordinator, goalRef('logement')));
  const staged = person.programme === 'rdr-alcool' || person.programme === 'referent';
  return {
    resourceType: 'CarePlan',
    id: `${person.id}-plan`,
    meta: meta(ProfileUrl.CarePlan),
    extension: [
      ...(staged ? [{ url: ExtensionUrl.PathwayStage, valueCodeableConcept: code(CodeSystemUrl.PathwayStage, stageOf(person)) }] : []),
      intensityExtension(person),
    ],
    status: person.active ? 'active' : 'completed',
    intent: 'plan',
    category: [code(CodeSystemUrl.CarePlanCategory, 'plan-partage')],
    title: `Plan partagé de ${fullName(person)}`,
    subject: ref(`Patient/${person.id}`),
    period: { start: fromDay(person.start), ...(person.active ? {} : { end: fromDay(person.end) }) },
    careTeam: [ref(`CareTeam/${person.id}-team`)],
    goal: goals.map((g) => ref(`Goal/${g.id}`)),
    activity: activities,
  };
}

function medicationStatements(person: Person): MedicationStatement[] {
  const tso = person.tso;
  if (!tso) return [];
  const drug = TSO[tso.kind];
  const source = person.site.pharmacists[0] ?? person.gp;
  const statement = (index: number, dose: number, from: number, to: number | undefined): MedicationStatement => ({
    resourceType: 'MedicationStatement',
    id: `${person.id}-tso-${index}`,
    meta: meta(ProfileUrl.MedicationStatementOpioidSubstitution, ['SUD']),
    status: to === undefined ? 'active' : 'completed',
    medicationCodeableConcept: { coding: [{ system: ExternalSystem.ATC, code: drug.atc, display: drug.display }], text: `${drug.text} ${dose} mg` },
    subject: ref(`Patient/${person.id}`),
    effectivePeriod: { start: fromDay(from), ...(to !== undefined ? { end: fromDay(to) } : {}) },
    dateAsserted: fromDay(Math.max(person.start, to ?? person.end)),
    informationSource: ref(source.ref),
    dosage: [{ text: `${dose} mg une fois par jour, délivrance ${tso.kind === 'methadone' ? 'quotidienne puis hebdomadaire' : 'hebdomadaire'} en pharmacie`, doseAndRate: [{ doseQuantity: { value: dose, unit: 'mg', system: ExternalSystem.UCUM, code: 'mg' } }] }],
  });
  const [first, second] = tso.doses;
  if (tso.change !== undefined && second !== undefined) {
    return [statement(1, first ?? second, tso.since, tso.change), statement(2, second, tso.change, person.active ? undefined : person.end)];
  }
  return [statement(1, first ?? 8, tso.since, person.active ? undefined : person.end)];
}

export function personRecords(person: Person, order: number, rng: Rng): PersonRecords {
  const goals = goalsOf(person, rng);
  const plan = carePlan(person, goals);
  const head: Resource[] = [patient(person, order), careTeam(person, rng), ...goals, plan, ...medicationStatements(person)];
  const timeline: PersonRecords['timeline'] = [];
  const emit = (day: number, minutes: number, resource: Resource): void => {
    timeline.push({ at: day * 1440 + minutes, resource });
  };
  const subject = ref(`Patient/${person.id}`);
  const ids = { apt: 0, enc: 0, obs: 0, task: 0, com: 0, doc: 0 };
  const next = (kind: keyof typeof ids): string => `${person.id}-${kind}-${pad(++ids[kind], 4)}`;
  const last = { audit: -1e9, tobacco: -1e9, substance: -1e9 };
  // The team's-work fields (issue 15) come from their own fork: the person's other draws stay as they were.
  const work = rng.fork('teamwork');

  const observe = (visit: Visit, encounterId: string): void => {
    const at = dateTime(visit.day, visit.minutes + visit.duration);
    const base = { status: 'final' as const, category: [SOCIAL_HISTORY], subject, effectiveDateTime: at, performer: [ref(visit.pro.ref)], encounter: ref(`Encounter/${encounterId}`) };
    const clinician = visit.kind === 'gp' || visit.kind === 'post-discharge' || visit.kind === 'rdr';
    const records = clinician || (visit.kind === 'psy' && person.programme === 'residence-sociale' && rng.chance(0.5)) || (visit.kind === 'accomp' && rng.chance(0.5));
    if (person.alcohol && records) {
      emit(visit.day, visit.minutes + 1, drinks(next('obs'), base, observedDrinks(person.trend, visit.day, rng.normal())));
    }
    if (person.alcohol && clinician && visit.day - last.audit >= 80) {
      last.audit = visit.day;
      emit(visit.day, visit.minutes + 2, audit(next('obs'), base, level(person.trend, visit.day) * (1 + 0.1 * rng.normal())));
    }
    if (clinician && visit.day - last.tobacco >= 170) {
      last.tobacco = visit.day;
      emit(visit.day, visit.minutes + 3, tobacco(next('obs'), base, person.quitsTobacco !== undefined && visit.day >= person.quitsTobacco ? 'ex' : person.tobacco));
    }
    if (person.substances.length && (visit.kind === 'gp' || visit.kind === 'post-discharge') && visit.day - last.substance >= 55) {
      last.substance = visit.day;
      for (const s of person.substances) emit(visit.day, visit.minutes + 4, substance(next('obs'), base, s, substanceIntensity(person, s.intensity, visit.day, rng)));
    }
  };

  for (const visit of person.visits) {
    const start = dateTime(visit.day, visit.minutes);
    const end = dateTime(visit.day, visit.minutes + visit.duration);
    let appointmentId: string | undefined;
    if (visit.scheduled) {
      appointmentId = next('apt');
      const appointment: Appointment = {
        resourceType: 'Appointment',
        id: appointmentId,
        meta: meta(ProfileUrl.Appointment),
        status: visit.status,
        ...(visit.status === 'cancelled' ? { cancelationReason: cancelationReason(work) } : {}),
        appointmentType: appointmentType(visit.cls),
        serviceType: [code(CodeSystemUrl.Activity, visit.service)],
        start, end,
        participant: [{ actor: subject, status: 'accepted' }, { actor: ref(visit.pro.ref), status: 'accepted' }],
      };
      emit(visit.day, visit.minutes, appointment);
    }
    if (visit.status !== 'fulfilled') continue;
    const encounterId = next('enc');
    const psy = visit.kind === 'psy';
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: encounterId,
      meta: meta(ProfileUrl.Encounter, psy ? ['PSY'] : []),
      status: 'finished',
      class: ENCOUNTER_CLASS[visit.cls],
      type: contactTypes(visit, work),
      subject,
      participant: [visit.pro, ...(visit.others ?? [])].map((p) => ({ individual: ref(p.ref) })),
      ...(appointmentId ? { appointment: [ref(`Appointment/${appointmentId}`)] } : {}),
      period: { start, end },
      length: minutes(visit.duration),
      reasonCode: contactDomains(visit, work),
      ...(visit.session ? { partOf: ref(`Encounter/${visit.session}`) } : {}),
      ...(visit.cls === 'AMB' || visit.cls === 'HH' ? { serviceProvider: ref(visit.kind === 'gp' || visit.kind === 'post-discharge' ? gpOrganization(person) : person.site.organization) } : {}),
    };
    emit(visit.day, visit.minutes, encounter);
    observe(visit, encounterId);
  }

  person.stays.forEach((stay, index) => {
    const followUp = person.visits.find((v) => v.afterStay === index);
    stayRecords(person, stay, index, followUp, plan.id ?? '', next, emit);
  });
  for (const b of person.breaks) {
    const day = b.from + 21;
    if (day > person.end || day > b.to) continue;
    breakRecords(person, b, day, plan.id ?? '', next, emit);
  }
  orientationRecords(person, orientationsOf(person, work), plan.id ?? '', next, emit, work);
  return { head, timeline, carePlanId: plan.id ?? '' };
}
