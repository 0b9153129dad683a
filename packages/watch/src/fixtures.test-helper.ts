// Constructed histories for the rule tests: one person per scenario with an active shared plan and a team whose
// coordinator is a PractitionerRole, then the appointments, encounters and tasks the scenario needs.
import type { Appointment, CarePlan, CareTeam, Encounter, Patient, Resource, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl } from '@parcours/profiles';

export const COORDINATOR = 'PractitionerRole/watch-coordinator';

export function person(id: string, planStart = '2026-01-05', organization = 'Organization/watch-org'): Resource[] {
  const patient: Patient = { resourceType: 'Patient', id, meta: { profile: [ProfileUrl.Patient] }, name: [{ family: id, given: ['Test'] }] };
  const team: CareTeam = {
    resourceType: 'CareTeam', id: `${id}-team`, status: 'active', subject: { reference: `Patient/${id}` },
    participant: [
      { role: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'personne' }] }], member: { reference: `Patient/${id}` } },
      { role: [{ coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'travailleur-social' }] }, { coding: [{ system: CodeSystemUrl.CareTeamRole, code: 'coordinateur' }] }], member: { reference: COORDINATOR } },
    ],
    managingOrganization: [{ reference: organization }],
  };
  const plan: CarePlan = {
    resourceType: 'CarePlan', id: `${id}-plan`, status: 'active', intent: 'plan', subject: { reference: `Patient/${id}` },
    category: [{ coding: [{ system: CodeSystemUrl.CarePlanCategory, code: 'plan-partage' }] }],
    period: { start: planStart }, careTeam: [{ reference: `CareTeam/${id}-team` }],
  };
  return [patient, team, plan];
}

export function encounter(patient: string, id: string, at: string): Encounter {
  return { resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' }, subject: { reference: `Patient/${patient}` }, period: { start: at, end: at } };
}

export function appointment(patient: string, id: string, at: string, status: Appointment['status']): Appointment {
  return { resourceType: 'Appointment', id, status, start: at, end: at, participant: [{ actor: { reference: `Patient/${patient}` }, status: 'accepted' }, { actor: { reference: COORDINATOR }, status: 'accepted' }] };
}

export function task(patient: string, id: string, code: string, due: string, status: Task['status']): Task {
  return {
    resourceType: 'Task', id, status, intent: 'plan', code: { coding: [{ system: CodeSystemUrl.TaskCode, code }] },
    description: `Tâche ${code}`, for: { reference: `Patient/${patient}` }, owner: { reference: COORDINATOR }, restriction: { period: { end: due } },
  };
}
