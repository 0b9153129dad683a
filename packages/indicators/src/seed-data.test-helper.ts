// A constructed year of the psychologist-in-social-housing programme (../shared/seeds/psychologist-in-social-housing-
// moselle.txt): « 38 entretiens téléphoniques posés, 21 effectifs, 104 entretiens en présentiel posés, 64 effectifs »,
// « 27 réunions de synthèse », and the partners solicited (médecin traitant 10, spécialistes 3, dentistes 1,
// urgences 8, CSAPA 5, CAARUD 4, AIDES (TROD) 1, mission locale 0, CMP/psychiatrie 10).
import type { Appointment, CareTeam, Encounter, Organization, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';

export const SEED_ORG = 'seed-residence-moselle';
export const OTHER_ORG = 'seed-autre-structure';
const CS = 'https://fhir.parcours.fr/CodeSystem';
export const SEED_PARTNERS: Record<string, number> = {
  'medecin-generaliste': 10, specialiste: 3, dentiste: 1, urgences: 8, csapa: 5, caarud: 4, 'aides-trod': 1, 'mission-locale': 0, 'cmp-psychiatrie': 10,
};

const day = (n: number): string => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

export function seedData(): Resource[] {
  const out: Resource[] = [];
  const org = (id: string, name: string): Organization => ({ resourceType: 'Organization', id, name, active: true });
  out.push(org(SEED_ORG, 'Résidence sociale (Moselle)'), org(OTHER_ORG, 'Autre structure'));
  out.push({ resourceType: 'PractitionerRole', id: 'seed-psy', active: true, practitioner: { reference: 'Practitioner/seed-psy' }, organization: { reference: `Organization/${SEED_ORG}` }, code: [{ coding: [{ system: `${CS}/parcours-careteam-role`, code: 'psychologue' }] }] });
  const people = 30;
  for (let i = 0; i < people; i++) {
    const id = `seed-p${i}`;
    const patient: Patient = { resourceType: 'Patient', id, gender: 'unknown' };
    const team: CareTeam = { resourceType: 'CareTeam', id: `${id}-team`, status: 'active', subject: { reference: `Patient/${id}` }, managingOrganization: [{ reference: `Organization/${i < 28 ? SEED_ORG : OTHER_ORG}` }], participant: [{ member: { reference: 'PractitionerRole/seed-psy' } }] };
    out.push(patient, team);
  }
  let n = 0;
  const appointment = (mode: 'VR' | 'AMB', status: Appointment['status']): Appointment => {
    const i = n++;
    return {
      resourceType: 'Appointment', id: `seed-apt-${i}`, status,
      appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: mode }] },
      start: `${day(i % 360)}T10:00:00+01:00`, end: `${day(i % 360)}T10:45:00+01:00`,
      participant: [{ actor: { reference: `Patient/seed-p${i % 28}` }, status: 'accepted' }, { actor: { reference: 'PractitionerRole/seed-psy' }, status: 'accepted' }],
    };
  };
  const planned = (mode: 'VR' | 'AMB', total: number, held: number): void => {
    for (let i = 0; i < total; i++) out.push(appointment(mode, i < held ? 'fulfilled' : i % 3 === 0 ? 'cancelled' : 'noshow'));
  };
  planned('VR', 38, 21);
  planned('AMB', 104, 64);
  // Not counted: entered in error, last year's, another structure's person.
  out.push({ ...appointment('AMB', 'entered-in-error') }, { ...appointment('AMB', 'fulfilled'), id: 'seed-apt-2025', start: '2025-12-31T23:30:00+01:00' });
  out.push({ ...appointment('VR', 'fulfilled'), id: 'seed-apt-other', participant: [{ actor: { reference: 'Patient/seed-p29' }, status: 'accepted' }] });
  for (let i = 0; i < 27; i++) {
    const meeting: Encounter = {
      resourceType: 'Encounter', id: `seed-meeting-${i}`, status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      type: [{ coding: [{ system: `${CS}/parcours-encounter-type`, code: 'reunion-synthese' }] }],
      period: { start: `${day(i * 13)}T14:00:00+01:00`, end: `${day(i * 13)}T15:30:00+01:00` }, serviceProvider: { reference: `Organization/${SEED_ORG}` },
      participant: [{ individual: { reference: 'PractitionerRole/seed-psy' } }],
    };
    out.push(meeting);
  }
  out.push({ resourceType: 'Encounter', id: 'seed-meeting-other', status: 'finished', class: { code: 'AMB' }, type: [{ coding: [{ system: `${CS}/parcours-encounter-type`, code: 'reunion-synthese' }] }], period: { start: '2026-05-05T14:00:00+01:00' }, serviceProvider: { reference: `Organization/${OTHER_ORG}` } });
  let s = 0;
  for (const [type, count] of Object.entries(SEED_PARTNERS)) {
    for (let i = 0; i < count; i++) {
      const request: ServiceRequest = {
        resourceType: 'ServiceRequest', id: `seed-sr-${s}`, status: 'active', intent: 'order', subject: { reference: `Patient/seed-p${s % 28}` },
        authoredOn: `${day(s * 7)}T09:00:00+01:00`, requester: { reference: 'PractitionerRole/seed-psy' },
        performerType: { coding: [{ system: `${CS}/parcours-partner-type`, code: type }] },
      };
      out.push(request, {
        resourceType: 'Task', id: `seed-sr-task-${s}`, status: 'completed', intent: 'order', for: request.subject, focus: { reference: `ServiceRequest/seed-sr-${s}` },
        code: { coding: [{ system: `${CS}/parcours-task-code`, code: 'orientation' }] },
        businessStatus: { coding: [{ system: `${CS}/parcours-orientation-outcome`, code: s % 2 === 0 ? 'vue' : 'rdv-pris' }] },
      });
      s++;
    }
  }
  return out;
}
