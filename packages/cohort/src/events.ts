// The cohort's events around a person's visits: hospital stays with their discharge follow-up, care breaks and
// their messages (partner orientations: orientations.ts).
import type { Communication, Composition, Encounter, Resource, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, ExternalSystem, ProfileUrl } from '@parcours/profiles';
import { dateTime, fromDay } from './dates.ts';
import { ENCOUNTER_CLASS, code, meta, ref, xhtml } from './fhir.ts';
import type { Person, Visit } from './person.ts';


export function gpOrganization(person: Person): string {
  const org: Record<string, string> = {
    'PractitionerRole/PractitionerRoleMicrostructureGpExample': 'Organization/OrganizationMicrostructureOfficeExample',
    'PractitionerRole/cohort-role-gp-joliette': 'Organization/cohort-org-cabinet-joliette',
    'PractitionerRole/cohort-role-gp-forbach': 'Organization/cohort-org-cabinet-forbach',
  };
  return org[person.gp.ref] ?? person.site.organization;
}

export type Next = (kind: 'apt' | 'enc' | 'obs' | 'task' | 'com' | 'doc') => string;
export type Emit = (day: number, minutes: number, resource: Resource) => void;

export function stayRecords(person: Person, stay: { from: number; to: number }, index: number, followUp: Visit | undefined, planId: string, next: Next, emit: Emit): void {
  const hospital = person.site.hospital;
  const subject = ref(`Patient/${person.id}`);
  const encounterId = next('enc');
  const discharge = dateTime(stay.to, 660);
  const encounter: Encounter = {
    resourceType: 'Encounter',
    id: encounterId,
    meta: meta(ProfileUrl.Encounter),
    identifier: [{ system: hospital.system, value: `SEJ-${fromDay(stay.from).slice(0, 4)}-${String(stay.from).slice(-4)}${index}${person.id.length % 10}` }],
    status: 'finished',
    class: ENCOUNTER_CLASS.IMP,
    type: [code(CodeSystemUrl.EncounterType, 'sejour-hospitalier')],
    subject,
    participant: [{ individual: ref(hospital.physician.ref) }],
    period: { start: dateTime(stay.from, 600), end: discharge },
    hospitalization: { dischargeDisposition: code('http://terminology.hl7.org/CodeSystem/discharge-disposition', 'home', 'Home') },
    serviceProvider: ref(hospital.organization),
  };
  const status: Task['status'] = !followUp || followUp.status === 'booked' ? 'requested' : followUp.status === 'fulfilled' ? 'completed' : 'failed';
  const name = `${person.gender === 'male' ? 'M.' : 'Mme'} ${person.family}`;
  const task: Task = {
    resourceType: 'Task',
    id: next('task'),
    meta: meta(ProfileUrl.Task),
    basedOn: [ref(`CarePlan/${planId}`)],
    status,
    intent: 'order',
    code: code(CodeSystemUrl.TaskCode, 'suivi-post-sortie'),
    description: `Revoir ${name} sous 7 jours après sa sortie : tolérance du sevrage, vitamine B1, soutien au projet de réduction.`,
    for: subject,
    encounter: ref(`Encounter/${encounterId}`),
    authoredOn: discharge,
    requester: ref(hospital.physician.ref),
    owner: ref(person.gp.ref),
    restriction: { period: { start: fromDay(stay.to), end: fromDay(stay.to + 7) } },
    ...(status === 'completed' && followUp ? { executionPeriod: { end: dateTime(followUp.day, followUp.minutes + followUp.duration) } } : {}),
  };
  const composition: Composition = {
    resourceType: 'Composition',
    id: next('doc'),
    meta: meta(ProfileUrl.DischargeComposition),
    status: 'final',
    type: code(ExternalSystem.LOINC, '18842-5', 'Discharge summary'),
    subject,
    encounter: ref(`Encounter/${encounterId}`),
    date: discharge,
    author: [ref(hospital.physician.ref)],
    title: 'Compte rendu de sortie – sevrage alcool',
    custodian: ref(hospital.organization),
    section: [
      { title: 'Séjour', code: code(ExternalSystem.LOINC, '8648-8'), text: xhtml(`Sevrage programmé de ${stay.to - stay.from} jours, sans complication. Projet : maintien de la réduction, suivi par l'équipe.`) },
      { title: 'Suites à donner', code: code(ExternalSystem.LOINC, '18776-5'), text: xhtml('Consultation chez le médecin traitant sous 7 jours.'), entry: [ref(`Task/${task.id}`)] },
    ],
  };
  const communication: Communication = {
    resourceType: 'Communication',
    id: next('com'),
    meta: meta(ProfileUrl.Communication),
    status: 'completed',
    category: [code(CodeSystemUrl.CommunicationCategory, 'sortie-hospitaliere')],
    subject,
    about: [ref(`Composition/${composition.id}`)],
    sent: dateTime(stay.to, 666),
    recipient: [ref(person.gp.ref), ref(`CareTeam/${person.id}-team`)],
    sender: ref(hospital.organization),
    payload: [{ contentString: `${name} est sorti${person.gender === 'female' ? 'e' : ''} ce jour après un sevrage. Merci de ${person.gender === 'female' ? 'la' : 'le'} revoir sous 7 jours.` }],
  };
  emit(stay.from, 600, encounter);
  for (const resource of [task, composition, communication]) emit(stay.to, 661, resource);
}

export function breakRecords(person: Person, b: { from: number; to: number }, day: number, planId: string, next: Next, emit: Emit): void {
  const subject = ref(`Patient/${person.id}`);
  const first = person.given[0] ?? '';
  const resumed = b.to <= person.end && b.to <= day + 400 && !(person.active && b.to > person.end - 1);
  const communication: Communication = {
    resourceType: 'Communication',
    id: next('com'),
    meta: meta(ProfileUrl.Communication),
    status: 'completed',
    category: [code(CodeSystemUrl.CommunicationCategory, 'rupture-de-soins')],
    subject,
    sent: dateTime(day, 540),
    recipient: [ref(`CareTeam/${person.id}-team`)],
    sender: ref(person.coordinator.ref),
    payload: [{ contentString: `${first} n'est pas venu${person.gender === 'female' ? 'e' : ''} aux derniers rendez-vous et ne répond plus depuis trois semaines. Je ${person.gender === 'female' ? 'la' : 'le'} rappelle cette semaine.` }],
  };
  const task: Task = {
    resourceType: 'Task',
    id: next('task'),
    meta: meta(ProfileUrl.Task),
    basedOn: [ref(`CarePlan/${planId}`)],
    status: resumed ? 'completed' : 'in-progress',
    intent: 'plan',
    code: code(CodeSystemUrl.TaskCode, 'relance-rupture'),
    description: `Pas de nouvelles depuis trois semaines : rappeler ${first} et proposer un rendez-vous ou une visite à domicile.`,
    for: subject,
    authoredOn: fromDay(day),
    owner: ref(person.coordinator.ref),
    restriction: { period: { end: fromDay(day + 7) } },
    ...(resumed ? { executionPeriod: { end: fromDay(b.to) } } : {}),
  };
  emit(day, 540, communication);
  emit(day, 541, task);
}
