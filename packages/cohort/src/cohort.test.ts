// The cohort is what the sandbox, the e2e tests and the benchmarks stand on: every resource must validate against
// its Parcours profile, references must resolve, and the same seed must give the same bytes.
import type { Appointment, CarePlan, Communication, Encounter, Observation, Reference, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { examples, ExtensionUrl, ProfileUrl } from '@parcours/profiles';
import { hasErrors, validate } from '@parcours/validator';
import { describe, expect, it } from 'vitest';
import { cohortSummary, generateCohort, HEAVY_PATIENT_ID, programmeOf } from './index.ts';
import { level } from './trends.ts';

const cohort = generateCohort();
const key = (r: Resource): string => `${r.resourceType}/${r.id}`;

function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

const subjectOf = (r: Resource): string | undefined => (r as { subject?: Reference }).subject?.reference;

describe('generateCohort', () => {
  it('generates about 120 people plus the heavy person, every programme represented', () => {
    const summary = cohortSummary(cohort);
    expect(summary.people).toBe(121);
    const patients = cohort.filter((r) => r.resourceType === 'Patient');
    const byProgramme = new Map<string, number>();
    for (const p of patients) byProgramme.set(programmeOf(p.id ?? '') ?? 'none', (byProgramme.get(programmeOf(p.id ?? '') ?? 'none') ?? 0) + 1);
    expect(Object.fromEntries(byProgramme)).toEqual({ microstructure: 49, 'rdr-alcool': 24, 'residence-sociale': 24, referent: 24 });
    for (const type of ['CareTeam', 'CarePlan', 'Goal', 'Appointment', 'Encounter', 'Observation', 'Task', 'Communication', 'Composition', 'MedicationStatement', 'Provenance']) {
      expect(summary.byType[type], type).toBeGreaterThan(0);
    }
  });

  it('validates every generated resource against its Parcours profile with zero errors', () => {
    const failures: string[] = [];
    for (const resource of cohort) {
      expect(resource.meta?.profile?.[0], key(resource)).toMatch(/^https:\/\/fhir\.parcours\.fr\/StructureDefinition\/parcours-/);
      const outcome = validate(resource);
      if (hasErrors(outcome)) {
        const issues = (outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
        failures.push(`${key(resource)}: ${issues.map((i) => `${i.expression?.join(',') ?? ''} ${i.details?.text ?? i.diagnostics ?? ''}`).join('; ')}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  }, 240_000);

  it('detects an invalid resource (the validity test can fail)', () => {
    const patient = structuredClone(cohort.find((r) => r.resourceType === 'Patient' && r.id === HEAVY_PATIENT_ID)) as Resource & { extension?: unknown };
    delete patient.extension; // an INS without the birth place identity trait
    expect(hasErrors(validate(patient))).toBe(true);
  });

  it('has unique cohort- ids and references that resolve to an earlier resource or a profiles example', () => {
    const known = new Set(examples.map(key));
    const ids = new Set<string>();
    const unresolved: string[] = [];
    for (const resource of cohort) {
      expect(resource.id, key(resource)).toMatch(/^cohort-[A-Za-z0-9-]{1,57}$/);
      for (const reference of references(resource)) {
        if (!known.has(reference)) unresolved.push(`${key(resource)} -> ${reference}`);
      }
      expect(ids.has(key(resource)), key(resource)).toBe(false);
      ids.add(key(resource));
      known.add(key(resource));
    }
    expect(unresolved.slice(0, 10)).toEqual([]);
  });

  it('gives each person their own INS, different from the examples\' (the exchange matches people by INS)', () => {
    const ins = (r: Resource): string[] => (r.resourceType === 'Patient' ? (r.identifier ?? []).filter((i) => i.system === 'urn:oid:1.2.250.1.213.1.4.8').map((i) => i.value ?? '') : []);
    const all = [...examples, ...cohort].flatMap(ins);
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all).size).toBe(all.length);
  });

  it('is deterministic: the same seed gives identical JSON, another seed another cohort', () => {
    const a = JSON.stringify(generateCohort({ seed: 42, people: 20 }));
    const b = JSON.stringify(generateCohort({ seed: 42, people: 20 }));
    expect(a).toBe(b);
    expect(JSON.stringify(generateCohort({ seed: 43, people: 20 }))).not.toBe(a);
    expect(JSON.stringify(generateCohort())).toBe(JSON.stringify(cohort));
  }, 60_000); // three cohorts generated: seconds on a loaded two-core machine

  it('keeps each person when the cohort grows (a larger cohort for benchmarks starts with the same people)', () => {
    const small = generateCohort({ people: 10, heavy: false }).filter((r) => r.resourceType === 'Patient');
    const large = generateCohort({ people: 40, heavy: false });
    expect(large.filter((r) => r.resourceType === 'Patient')).toHaveLength(40);
    for (const patient of small) expect(large.find((r) => key(r) === key(patient))).toEqual(patient);
  });

  it('gives the heavy person 3 years, 1,500 observations, 150 contacts and 24 case reviews', () => {
    const own = cohort.filter((r) => subjectOf(r) === `Patient/${HEAVY_PATIENT_ID}`);
    const observations = own.filter((r): r is Observation => r.resourceType === 'Observation');
    expect(observations).toHaveLength(1500);
    const reviews = own.filter((r) => r.meta?.profile?.[0] === ProfileUrl.EncounterCaseReview);
    expect(own.filter((r) => r.resourceType === 'Encounter').length - reviews.length).toBe(150);
    expect(reviews).toHaveLength(24);
    const dates = observations.map((o) => o.effectiveDateTime ?? '').sort();
    const span = (Date.parse(dates[dates.length - 1] ?? '') - Date.parse(dates[0] ?? '')) / 86_400_000;
    expect(span).toBeGreaterThan(3 * 365 - 30);
    expect(generateCohort({ people: 0 }).filter((r) => r.resourceType === 'Patient').map((r) => r.id)).toEqual([HEAVY_PATIENT_ID]);
  });

  it('puts the sandbox users in many teams (the GP through their PractitionerRole)', () => {
    const teams = cohort.filter((r) => r.resourceType === 'CareTeam');
    const withMember = (ref: string): number => teams.filter((t) => references(t).includes(ref)).length;
    expect(withMember('PractitionerRole/PractitionerRoleMicrostructureGpExample')).toBeGreaterThanOrEqual(30);
    expect(withMember('Practitioner/PractitionerMicrostructurePsychologistExample')).toBeGreaterThanOrEqual(20);
    expect(withMember('Practitioner/PractitionerMicrostructureSocialWorkerExample')).toBeGreaterThanOrEqual(15);
    expect(withMember('Practitioner/PractitionerReferentExample')).toBeGreaterThanOrEqual(10);
    expect(withMember('Practitioner/PractitionerSortieHospitalistExample')).toBeGreaterThanOrEqual(5);
  });

  it('records what funders count: held and missed appointments, phone and in-person encounters, synthesis meetings', () => {
    const status = (s: string): number => cohort.filter((r) => r.resourceType === 'Appointment' && (r as { status?: string }).status === s).length;
    expect(status('fulfilled')).toBeGreaterThan(status('noshow'));
    expect(status('noshow')).toBeGreaterThan(100);
    expect(status('booked')).toBeGreaterThan(50);
    const classes = new Map<string, number>();
    for (const r of cohort) if (r.resourceType === 'Encounter') classes.set((r as { class: { code: string } }).class.code, (classes.get((r as { class: { code: string } }).class.code) ?? 0) + 1);
    for (const c of ['AMB', 'VR', 'HH', 'FLD', 'IMP']) expect(classes.get(c), c).toBeGreaterThan(10);
    const meetings = cohort.filter((r) => r.resourceType === 'Encounter' && JSON.stringify(r).includes('reunion-synthese'));
    expect(meetings.length).toBeGreaterThan(100);
    expect(meetings.every((m) => subjectOf(m) === undefined)).toBe(true);
    // Each person reviewed has their own review (partOf the meeting) and a decision Task pointing at it.
    const reviews = cohort.filter((r): r is Encounter => r.meta?.profile?.[0] === ProfileUrl.EncounterCaseReview);
    expect(meetings.every((m) => reviews.some((r) => r.partOf?.reference === key(m)))).toBe(true);
    const decisions = cohort.filter((r): r is Task => r.meta?.profile?.[0] === ProfileUrl.TaskMeetingDecision);
    expect(decisions).toHaveLength(reviews.length);
    expect(reviews.every((r) => subjectOf(r)?.startsWith('Patient/') && decisions.some((d) => d.reasonReference?.reference === key(r)))).toBe(true);
    // Partners attend by organisation; psychologists' notes are labelled PSY, the others are not.
    expect(meetings.filter((m) => JSON.stringify(m).includes(ExtensionUrl.MeetingPartner)).length).toBeGreaterThan(30);
    const notes = cohort.filter((r): r is Communication => r.meta?.profile?.[0] === ProfileUrl.CommunicationReviewNote);
    const psychologist = (n: Communication): boolean => /Psychologist|psy-/.test(n.sender?.reference ?? '');
    expect(notes.filter(psychologist).length).toBeGreaterThan(0);
    expect(notes.every((n) => psychologist(n) === !!n.meta?.security?.some((s) => s.code === 'PSY'))).toBe(true);
  });

  it('records the team\'s work (issue 15): planned vs held by mode, workshops, orientations by partner type, intensity', () => {
    type Coded = { coding?: { system?: string; code?: string }[] };
    const codeOf = (c: Coded | undefined): string | undefined => c?.coding?.[0]?.code;
    const appointments = cohort.filter((r): r is Appointment => r.resourceType === 'Appointment');
    expect(appointments.every((a) => codeOf(a.appointmentType) !== undefined)).toBe(true);
    // The planned mode is the one the contact then has (MODEL.md: appointmentType = the Encounter.class it becomes),
    // from the first year to the last: within the ValueSet, and equal to the class of the Encounter that honoured it.
    expect(new Set(appointments.map((a) => codeOf(a.appointmentType)))).toEqual(new Set(['AMB', 'VR', 'HH', 'FLD']));
    const appointmentsById = new Map(appointments.map((a) => [`Appointment/${a.id ?? ''}`, a]));
    const honoured = cohort.filter((r): r is Encounter => r.resourceType === 'Encounter' && !!r.appointment?.length);
    expect(honoured.length).toBeGreaterThan(1000);
    const mismatched = honoured.filter((e) => codeOf(appointmentsById.get(e.appointment?.[0]?.reference ?? '')?.appointmentType) !== e.class.code);
    expect(mismatched.map((e) => e.id)).toEqual([]);
    const firstYear = appointments.filter((a) => (a.start ?? '') < '2024-11-23');
    expect(firstYear.length).toBeGreaterThan(500);
    expect(firstYear.every((a) => a.appointmentType?.coding?.[0]?.system === 'http://terminology.hl7.org/CodeSystem/v3-ActCode')).toBe(true);
    expect(appointments.filter((a) => a.status === 'cancelled').every((a) => a.cancelationReason)).toBe(true);
    // The social-housing psychologist books phone interviews too, and fewer of them are held than in person.
    const psy = appointments.filter((a) => a.participant.some((p) => p.actor?.reference?.startsWith('Patient/cohort-residence-sociale-')) && codeOf(a.serviceType?.[0]) === 'consultation-psychologue' && a.status !== 'booked');
    const held = (mode: string): number => psy.filter((a) => codeOf(a.appointmentType) === mode && a.status === 'fulfilled').length / psy.filter((a) => codeOf(a.appointmentType) === mode).length;
    expect(psy.filter((a) => codeOf(a.appointmentType) === 'VR').length).toBeGreaterThan(30);
    expect(held('VR')).toBeLessThan(held('AMB'));
    expect(held('AMB')).toBeLessThan(0.75);
    // Held contacts carry a length in minutes and their domains (a review in a synthesis meeting is not a contact).
    const contacts = cohort.filter((r): r is Encounter => r.resourceType === 'Encounter' && r.subject !== undefined && !['sejour-hospitalier', 'revue-synthese'].includes(codeOf(r.type?.[0]) ?? ''));
    expect(contacts.every((e) => e.length?.code === 'min' && (e.reasonCode ?? []).length > 0)).toBe(true);
    const domains = new Set(contacts.flatMap((e) => (e.reasonCode ?? []).map((c) => codeOf(c))));
    for (const d of ['sante', 'addiction', 'sante-mentale', 'droits', 'logement', 'emploi-formation']) expect(domains.has(d), d).toBe(true);
    // Workshops: sessions without subject, participations partOf them, outside counts on the session.
    const sessions = cohort.filter((r): r is Encounter => r.resourceType === 'Encounter' && codeOf(r.type?.[0]) === 'atelier-groupe' && !r.subject);
    const participations = cohort.filter((r): r is Encounter => r.resourceType === 'Encounter' && codeOf(r.type?.[0]) === 'atelier-groupe' && !!r.subject);
    expect(sessions.length).toBeGreaterThan(15);
    expect(participations.every((p) => sessions.some((s) => `Encounter/${s.id}` === p.partOf?.reference))).toBe(true);
    expect(sessions.filter((s) => participations.filter((p) => p.partOf?.reference === `Encounter/${s.id}`).length >= 3).length).toBeGreaterThan(5);
    expect(sessions.every((s) => s.extension?.some((x) => x.url === ExtensionUrl.OutsideParticipants && typeof x.valueUnsignedInt === 'number'))).toBe(true);
    // Orientations: a ServiceRequest by partner type with its follow-through Task.
    const requests = cohort.filter((r): r is ServiceRequest => r.resourceType === 'ServiceRequest');
    const types = new Set(requests.map((r) => codeOf(r.performerType)));
    for (const t of ['medecin-generaliste', 'urgences', 'csapa', 'caarud', 'cmp-psychiatrie', 'services-sociaux']) expect(types.has(t), t).toBe(true);
    const tasks = cohort.filter((r): r is Task => r.resourceType === 'Task' && codeOf(r.code) === 'orientation');
    expect(tasks).toHaveLength(requests.length);
    expect(new Set(tasks.map((t) => codeOf(t.businessStatus)))).toEqual(new Set(['envoyee', 'acceptee', 'rdv-pris', 'vue', 'refusee', 'sans-suite']));
    // Intensity on every plan; the referents follow far more people by phone than in reinforced accompaniment.
    const plans = cohort.filter((r): r is CarePlan => r.resourceType === 'CarePlan');
    const intensity = (p: CarePlan): string | undefined => p.extension?.find((x) => x.url === ExtensionUrl.FollowUpIntensity)?.valueCoding?.code;
    expect(plans.every((p) => intensity(p) !== undefined)).toBe(true);
    const referent = plans.filter((p) => p.subject?.reference?.startsWith('Patient/cohort-referent-'));
    expect(referent.filter((p) => intensity(p) === 'orientation-telephonique').length).toBeGreaterThan(referent.filter((p) => intensity(p) === 'intensif').length);
    expect(new Set(plans.map(intensity))).toEqual(new Set(['intensif', 'orientation-telephonique', 'appui-conseil']));
  });

  it('labels consumption data SUD and psychologists\' encounters PSY', () => {
    for (const r of cohort) {
      const profile = r.meta?.profile?.[0];
      if (r.resourceType === 'Observation' || profile === ProfileUrl.MedicationStatementOpioidSubstitution) {
        expect(r.meta?.security?.map((s) => s.code), key(r)).toContain('SUD');
      }
    }
    expect(cohort.some((r) => r.resourceType === 'Encounter' && r.meta?.security?.some((s) => s.code === 'PSY'))).toBe(true);
  });

  it('makes drinking trends follow events: lower after a hospital stay, higher during a care break', () => {
    const base = { baseline: 10, goal: 4, pace: 200, start: 0, breaks: [], stays: [] };
    const withStay = { ...base, stays: [{ from: 300, to: 307 }] };
    expect(level(withStay, 320)).toBeLessThan(level(base, 320) / 3);
    expect(level(withStay, 290)).toBeGreaterThan(level(base, 290));
    const withBreak = { ...base, breaks: [{ from: 300, to: 360 }] };
    expect(level(withBreak, 355)).toBeGreaterThan(level(base, 355) * 1.5);
    expect(level(withBreak, 500)).toBeCloseTo(level(base, 500));
    // In the cohort: people recorded drinking less in the 2 months after a discharge than in the 2 months before.
    const drinks = cohort.filter((r): r is Observation => r.resourceType === 'Observation' && r.meta?.profile?.[0] === ProfileUrl.ObservationAlcoholUse);
    let before = 0;
    let after = 0;
    for (const stay of cohort.filter((r) => r.resourceType === 'Encounter' && (r as { class: { code: string } }).class.code === 'IMP')) {
      const { start, end } = (stay as { period: { start: string; end: string } }).period;
      const own = drinks.filter((o) => o.subject?.reference === subjectOf(stay));
      const mean = (from: number, to: number): number => {
        const values = own.filter((o) => Date.parse(o.effectiveDateTime ?? '') >= from && Date.parse(o.effectiveDateTime ?? '') < to).map((o) => o.valueQuantity?.value ?? 0);
        return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
      };
      const b = mean(Date.parse(start) - 60 * 86_400_000, Date.parse(start));
      const a = mean(Date.parse(end), Date.parse(end) + 60 * 86_400_000);
      if (!Number.isNaN(a) && !Number.isNaN(b)) {
        before += b;
        after += a;
      }
    }
    expect(after).toBeLessThan(before / 2);
  });
});
