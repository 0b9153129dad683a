// Bootstrap of a person who has no care team yet (access-policy.ts): the user who creates their first CarePlan
// becomes the coordinator of a first CareTeam the server creates in the same transaction, with the person in it (the
// Parcours CareTeam profile wants both), and the plan's `careTeam` names it. A first CareTeam written by the user
// themselves (alone or before the plan in a transaction) is the other way in; see the fhir-server README.
import type { CarePlan, CareTeam, CareTeamParticipant, Coding, PractitionerRole } from '@medplum/fhirtypes';
import type { DatabaseSync } from 'node:sqlite';
import { CareTeamRoleCode, CodeSystemUrl, ProfileUrl } from '@parcours/profiles';
import { rowsReferencing } from './access-policy.ts';

const role = (code: string): Coding => ({ system: CodeSystemUrl.CareTeamRole, code });

/** The user's professional care-team roles, from their active PractitionerRoles (codes of the Parcours role system). */
function professionalRoles(db: DatabaseSync, user: string): Coding[] {
  const roles = user.startsWith('Practitioner/') ? (rowsReferencing(db, 'PractitionerRole', 'practitioner', user) as PractitionerRole[]) : [];
  const codes = new Set<string>();
  for (const r of roles.filter((x) => x.active !== false)) {
    for (const c of (r.code ?? []).flatMap((cc) => cc.coding ?? [])) {
      if (c.system === CodeSystemUrl.CareTeamRole && c.code && c.code !== CareTeamRoleCode.Coordinator) codes.add(c.code);
    }
  }
  return [...codes].map(role);
}

/** The first CareTeam of `patient`: the person, and the user as coordinator (with their professional roles), from today. */
export function firstTeam(db: DatabaseSync, user: string, patient: string, now: number): CareTeam {
  const start = new Date(now).toISOString().slice(0, 10);
  const person: CareTeamParticipant = { role: [{ coding: [role(CareTeamRoleCode.Person)] }], member: { reference: `Patient/${patient}` }, period: { start } };
  const creator: CareTeamParticipant = {
    role: [...professionalRoles(db, user).map((c) => ({ coding: [c] })), { coding: [role(CareTeamRoleCode.Coordinator)] }],
    member: { reference: user },
    period: { start },
  };
  return {
    resourceType: 'CareTeam',
    meta: { profile: [ProfileUrl.CareTeam] },
    status: 'active',
    name: 'Équipe de soins / Care team',
    subject: { reference: `Patient/${patient}` },
    period: { start },
    participant: [person, creator],
  };
}

/** True when a CarePlan is one the server may give a first team: the bootstrap person's, naming no team yet. */
export function needsFirstTeam(resource: { resourceType: string }, patient: string): resource is CarePlan {
  if (resource.resourceType !== 'CarePlan') return false;
  const plan = resource as CarePlan;
  return plan.subject?.reference === `Patient/${patient}` && (plan.careTeam ?? []).length === 0;
}
