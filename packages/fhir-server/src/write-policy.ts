// Whose record a write may touch, for a caller restricted to some people (access-policy.ts): the element saying
// whose record the resource is must name only people the caller reaches; other references never admit a write.
import type { CareTeam, Encounter, Provenance, Resource } from '@medplum/fhirtypes';
import { OperationOutcomeError } from '@medplum/core';
import type { AccessPrincipal, Reach } from './access-policy.ts';
import { compartmentTypes, isActiveMember, ownerPatients } from './access-policy.ts';
import { hasOwnerParam } from './access-sql.ts';
import { issue, outcome } from '@parcours/outcomes';

export function forbid(fr: string, en: string, expression: string): never {
  throw new OperationOutcomeError(outcome('forbidden', issue('error', 'forbidden', expression, `${fr} / ${en}`)));
}

/** The element holding the owner, for the outcome's expression (FHIRPath of the element at fault). */
function ownerElement(type: string): string {
  const byType: Record<string, string> = { Task: 'Task.for', Appointment: 'Appointment.participant.actor', Coverage: 'Coverage.beneficiary', AuditEvent: 'AuditEvent.entity.what' };
  return byType[type] ?? `${type}.subject`;
}

/** True when one of the session's participants is the user (their Practitioner, PractitionerRole or organisation). */
function ranBy(session: Encounter, members: ReadonlySet<string> | undefined): boolean {
  return !!members && (session.participant ?? []).some((p) => !!p.individual?.reference && members.has(p.individual.reference));
}

/**
 * Refuses a write the caller's reach does not cover. `reachable(reference)` says whether a stored resource (earlier
 * entries of the same transaction included) is visible to the caller: every Provenance target must be.
 */
export async function checkWriteReach(
  resource: Resource,
  principal: AccessPrincipal,
  reach: Reach,
  baseUrl: string,
  reachable: (reference: string) => Promise<boolean>,
  now: number,
): Promise<void> {
  if (resource.resourceType === 'AuditEvent') {
    forbid('Le journal d’accès n’est écrit que par le serveur', 'The audit trail is written by the server only', 'AuditEvent');
  }
  if (principal.level === 'system') return;
  const type = resource.resourceType;
  if (reach.bootstrap) {
    // A person with no care team yet: the user who creates the first team becomes its member (and must be in it).
    const team = resource as CareTeam;
    const ok = type === 'CareTeam' && team.subject?.reference === `Patient/${reach.bootstrap}` && !!reach.members && isActiveMember(team, reach.members, now);
    if (!ok) {
      forbid(
        'Cette personne n’a pas encore d’équipe de soins : créez d’abord son équipe, en y figurant',
        'This person has no care team yet: first create their team, with yourself in it',
        'CareTeam.participant',
      );
    }
    return;
  }
  const patients = new Set(reach.patients ?? []);
  if (type === 'Provenance') {
    const targets = (resource as Provenance).target ?? [];
    for (const [i, target] of targets.entries()) {
      if (!target.reference || !(await reachable(target.reference))) {
        forbid('Une cible de la provenance n’est pas accessible', 'A Provenance target is not reachable', `Provenance.target[${i}]`);
      }
    }
    if (targets.length === 0) forbid('Provenance sans cible', 'Provenance without a target', 'Provenance.target');
    return;
  }
  if (type === 'Patient') {
    if (resource.id && patients.has(resource.id)) return;
    if (principal.level === 'user' && !resource.id) return; // a new person: their team is created next (bootstrap)
    forbid('Ce dossier n’est pas accessible', 'This record is not reachable', 'Patient');
  }
  if (!compartmentTypes().has(type)) return; // directory resources: the scopes decide
  const owners = hasOwnerParam(type) ? ownerPatients(resource, baseUrl) : [];
  // A group session (workshop, case-review meeting) has no subject: those who ran it write it (see sessionSql).
  if (type === 'Encounter' && owners.length === 0 && !(resource as Encounter).subject && ranBy(resource as Encounter, reach.members)) return;
  if (owners.length === 0 || owners.some((p) => !patients.has(p))) {
    forbid(
      'L’élément qui dit de qui est ce dossier doit désigner une personne suivie par votre équipe',
      'The element saying whose record this is must name a person your care team follows',
      ownerElement(type),
    );
  }
}
