// A small, coherent synthetic person (French-realistic) for the app's tests: a microstructure follow-up with a GP,
// a psychologist and a social worker, monthly synthesis meetings, a hospital stay and a care break.
import type { Resource } from '@medplum/fhirtypes';
import { LOINC, LoincCode, PATHWAY_STAGE_SYSTEM, PATHWAY_STAGE_URL, PSY_LABEL, SECURITY_SYSTEM, SUD_LABEL, TASK_CODE_SYSTEM, UCUM, profile } from '../fhir/codes.ts';

const SUD = [{ system: SECURITY_SYSTEM, code: SUD_LABEL }];
const PSY = [{ system: SECURITY_SYSTEM, code: PSY_LABEL }, ...SUD];
const role = (code: string, display: string): { coding: { system: string; code: string; display: string }[] } => ({
  coding: [{ system: 'http://snomed.info/sct', code, display }],
});

function drinks(day: string, value: number, id: string): Resource {
  return {
    resourceType: 'Observation',
    id,
    meta: { security: SUD },
    status: 'final',
    code: { coding: [{ system: LOINC, code: LoincCode.drinksPerDay, display: 'Alcoholic drinks per day' }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: day,
    valueQuantity: { value, unit: 'verres/jour', system: UCUM, code: '{drinks}/d' },
  };
}

/**
 * A hospital discharge as the exchange applies it (shapes of the profiles' scenario-sortie-hospitaliere): the stay,
 * the summary (with hostile HTML the app must sanitise), a medication at discharge, the GP's follow-up Task (due
 * 7 days after discharge, long past: overdue) and the notification to the team.
 */
export function dischargeFixtures(): Resource[] {
  return [
    { resourceType: 'Organization', id: 'hosp', name: 'Hôpital Nord – addictologie (fictif)' },
    { resourceType: 'Practitioner', id: 'hosp-dr', name: [{ family: 'Roux', given: ['Anne'], prefix: ['Dr'] }] },
    {
      resourceType: 'Encounter',
      id: 'stay1',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
      type: [{ text: 'Séjour pour sevrage alcool' }],
      subject: { reference: 'Patient/p1' },
      participant: [{ individual: { reference: 'Practitioner/hosp-dr' } }],
      period: { start: '2025-01-03T10:00:00+01:00', end: '2025-01-08T11:00:00+01:00' },
      hospitalization: { dischargeDisposition: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'home', display: 'Home' }] } },
      serviceProvider: { reference: 'Organization/hosp' },
    },
    {
      resourceType: 'MedicationRequest',
      id: 'mr1',
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'A11DA01', display: 'thiamine' }], text: 'Thiamine 250 mg' },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/stay1' },
      dosageInstruction: [{ text: '1 comprimé matin et soir pendant 1 mois' }],
    },
    {
      resourceType: 'Task',
      id: 't3',
      meta: { profile: [profile('parcours-task')] },
      status: 'requested',
      intent: 'order',
      code: { coding: [{ system: TASK_CODE_SYSTEM, code: 'suivi-post-sortie' }] },
      description: 'Revoir Mme Martin sous 7 jours : tolérance de la sortie, vitamine B1.',
      for: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/stay1' },
      focus: { reference: 'CarePlan/cp1' },
      basedOn: [{ reference: 'CarePlan/cp1' }],
      authoredOn: '2025-01-08T11:00:00+01:00',
      requester: { reference: 'Practitioner/hosp-dr' },
      owner: { reference: 'Practitioner/gp' },
      restriction: { period: { start: '2025-01-08', end: '2025-01-15' } },
    },
    {
      resourceType: 'Composition',
      id: 'comp1',
      status: 'final',
      type: { coding: [{ system: LOINC, code: '18842-5', display: 'Discharge summary' }] },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/stay1' },
      date: '2025-01-08T11:00:00+01:00',
      author: [{ reference: 'Practitioner/hosp-dr' }],
      title: 'Compte rendu de sortie – sevrage alcool',
      custodian: { reference: 'Organization/hosp' },
      section: [
        { title: 'Séjour', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Sevrage <em>sans complication</em>.</p><script>alert(1)</script><a href="javascript:alert(2)">lien</a></div>' } },
        { title: 'Suites à donner', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Consultation chez le médecin traitant sous 7 jours.</div>' }, entry: [{ reference: 'Task/t3' }] },
        { title: 'Traitements de sortie', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Thiamine.</div>' }, entry: [{ reference: 'MedicationRequest/mr1' }] },
      ],
    },
    {
      resourceType: 'Communication',
      id: 'com1',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/stay1' },
      about: [{ reference: 'Composition/comp1' }, { reference: 'Task/t3' }],
      sent: '2025-01-08T11:06:00+01:00',
      recipient: [{ reference: 'CareTeam/team1' }],
      sender: { reference: 'Organization/hosp' },
      payload: [
        { contentString: 'Mme Martin est sortie ce jour après un sevrage. Merci de la revoir sous 7 jours.' },
        { contentString: 'Ms Martin left hospital today after withdrawal. Please see her within 7 days.' },
      ],
    },
  ] as Resource[];
}

export function fixtures(): Resource[] {
  return [
    {
      resourceType: 'Patient',
      id: 'p1',
      identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: '180017512345678' }],
      name: [{ family: 'Martin', given: ['Sylvie'] }],
      gender: 'female',
      birthDate: '1980-01-17',
    },
    { resourceType: 'Organization', id: 'o1', name: 'Microstructure du Panier, Marseille' },
    { resourceType: 'Practitioner', id: 'gp', name: [{ family: 'Durand', given: ['Claire'], prefix: ['Dr'] }], telecom: [{ system: 'phone', value: '04 91 00 00 01' }] },
    { resourceType: 'Practitioner', id: 'psy', name: [{ family: 'Lefèvre', given: ['Marc'] }] },
    { resourceType: 'Practitioner', id: 'sw', name: [{ family: 'Benali', given: ['Nadia'] }], telecom: [{ system: 'email', value: 'n.benali@example.fr' }] },
    { resourceType: 'PractitionerRole', id: 'gp-role', practitioner: { reference: 'Practitioner/gp' }, organization: { reference: 'Organization/o1' }, code: [role('62247001', 'Médecin généraliste')] },
    { resourceType: 'PractitionerRole', id: 'psy-role', practitioner: { reference: 'Practitioner/psy' }, organization: { reference: 'Organization/o1' }, code: [role('59944000', 'Psychologue')] },
    { resourceType: 'PractitionerRole', id: 'sw-role', practitioner: { reference: 'Practitioner/sw' }, organization: { reference: 'Organization/o1' }, code: [role('106328005', 'Travailleuse sociale')] },
    {
      resourceType: 'CareTeam',
      id: 'team1',
      status: 'active',
      name: 'Équipe de Sylvie Martin',
      subject: { reference: 'Patient/p1' },
      participant: [
        { role: [role('62247001', 'Médecin généraliste')], member: { reference: 'Practitioner/gp' }, onBehalfOf: { reference: 'Organization/o1' }, period: { start: '2023-02-01' } },
        { role: [role('59944000', 'Psychologue')], member: { reference: 'Practitioner/psy' }, period: { start: '2023-03-01' } },
        { role: [role('106328005', 'Travailleuse sociale')], member: { reference: 'Practitioner/sw' }, period: { start: '2023-03-01', end: '2024-06-30' } },
        { role: [{ text: 'La personne / the person' }], member: { reference: 'Patient/p1' } },
      ],
    },
    { resourceType: 'Goal', id: 'g1', lifecycleStatus: 'active', achievementStatus: { coding: [{ code: 'improving', display: 'En amélioration' }] }, description: { text: 'Réduire à 2 verres par jour' }, subject: { reference: 'Patient/p1' }, expressedBy: { reference: 'Patient/p1' }, target: [{ measure: { coding: [{ system: LOINC, code: LoincCode.drinksPerDay }] }, detailQuantity: { value: 2, comparator: '<=', unit: 'verres/jour' }, dueDate: '2025-06-30' }] },
    { resourceType: 'Goal', id: 'g2', lifecycleStatus: 'active', description: { text: 'Trouver un logement stable' }, subject: { reference: 'Patient/p1' } },
    {
      resourceType: 'CarePlan',
      id: 'cp1',
      status: 'active',
      intent: 'plan',
      title: 'Plan partagé',
      extension: [{ url: PATHWAY_STAGE_URL, valueCodeableConcept: { coding: [{ system: PATHWAY_STAGE_SYSTEM, code: 'stabilisation', display: 'Stabilisation' }] } }],
      subject: { reference: 'Patient/p1' },
      careTeam: [{ reference: 'CareTeam/team1' }],
      goal: [{ reference: 'Goal/g1' }, { reference: 'Goal/g2' }],
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Plan coordonné <b>microstructure</b></p><img src="x" onerror="alert(1)"></div>' },
      activity: [
        { detail: { status: 'in-progress', description: 'Consultation psychologue tous les 15 jours', performer: [{ reference: 'Practitioner/psy' }], scheduledString: 'tous les 15 jours' } },
      ],
    },
    { resourceType: 'Task', id: 't1', status: 'requested', intent: 'plan', description: 'Réouverture des droits CSS', for: { reference: 'Patient/p1' }, basedOn: [{ reference: 'CarePlan/cp1' }], owner: { reference: 'Practitioner/sw' }, restriction: { period: { end: '2025-03-15' } } },
    { resourceType: 'Task', id: 't2', status: 'completed', intent: 'plan', description: 'Dépistage hépatite C', for: { reference: 'Patient/p1' }, basedOn: [{ reference: 'CarePlan/cp1' }], owner: { reference: 'Practitioner/gp' }, restriction: { period: { end: '2024-10-01' } } },
    { resourceType: 'Appointment', id: 'a1', status: 'fulfilled', start: '2024-11-05T09:00:00+01:00', end: '2024-11-05T09:30:00+01:00', participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }, { actor: { reference: 'Practitioner/gp' }, status: 'accepted' }] },
    { resourceType: 'Appointment', id: 'a2', status: 'noshow', start: '2024-12-03T14:00:00+01:00', participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }, { actor: { reference: 'Practitioner/psy' }, status: 'accepted' }] },
    { resourceType: 'Appointment', id: 'a3', status: 'booked', start: '2099-01-07T10:00:00+01:00', participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }, { actor: { reference: 'Practitioner/sw' }, status: 'accepted' }] },
    { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: 'Patient/p1' }, period: { start: '2024-11-05T09:00:00+01:00' }, appointment: [{ reference: 'Appointment/a1' }], participant: [{ individual: { reference: 'Practitioner/gp' } }], type: [{ text: 'Consultation médecin généraliste' }] },
    { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' }, subject: { reference: 'Patient/p1' }, period: { start: '2024-11-20T11:00:00+01:00' }, participant: [{ individual: { reference: 'Practitioner/sw' } }], type: [{ text: 'Entretien téléphonique' }] },
    { resourceType: 'Encounter', id: 'e3', meta: { security: PSY }, status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: 'Patient/p1' }, period: { start: '2024-11-12T15:00:00+01:00' }, participant: [{ individual: { reference: 'Practitioner/psy' } }], type: [{ text: 'Séance de psychothérapie' }], reasonCode: [{ text: 'Note de psychothérapie confidentielle' }] },
    { resourceType: 'Encounter', id: 'e4', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, subject: { reference: 'Patient/p1' }, period: { start: '2024-09-02', end: '2024-09-09' }, type: [{ text: 'Hospitalisation (sevrage)' }] },
    { resourceType: 'Encounter', id: 'e5', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: 'Patient/p1' }, period: { start: '2024-10-15T12:00:00+02:00' }, type: [{ coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type', code: 'reunion-synthese', display: 'Réunion de synthèse' }] }], participant: [{ individual: { reference: 'Practitioner/gp' } }, { individual: { reference: 'Practitioner/psy' } }, { individual: { reference: 'Practitioner/sw' } }], reasonCode: [{ text: 'Décision : orienter vers le CSAPA pour le suivi hépatite C' }] },
    drinks('2024-08-01', 9, 'o1'),
    drinks('2024-09-20', 4, 'o2'),
    drinks('2024-11-01', 3, 'o3'),
    drinks('2025-01-10', 2, 'o4'),
    { resourceType: 'Observation', id: 'o5', meta: { security: SUD }, status: 'final', code: { coding: [{ system: LOINC, code: LoincCode.auditCTotal }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2024-11-01', valueInteger: 7 },
    ...dischargeFixtures(),
    { resourceType: 'MedicationStatement', id: 'm1', meta: { security: SUD }, status: 'active', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: { text: 'Buprénorphine' }, effectivePeriod: { start: '2024-05-01' }, dosage: [{ doseAndRate: [{ doseQuantity: { value: 8, unit: 'mg' } }] }] },
  ] as Resource[];
}
