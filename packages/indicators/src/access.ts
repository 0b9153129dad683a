// Who may see a structure's figures (aggregates only; README "Who may see the figures"):
// - a backend client (system level) whose token may read Measure (the guard checked the scope);
// - a user who coordinates at the structure: an active PractitionerRole of the structure with the `coordinateur`
//   code, or the coordinator role in an active CareTeam the structure manages;
// - a funder of the structure: an active PractitionerRole with the `financeur` code at a funding body (its
//   `organization`), and an active OrganizationAffiliation saying that body funds the structure (`organization` the
//   funding body, `participatingOrganization` the structure, `code` payer). The figures name nobody.
// Everything else is refused (403) without saying whether the structure exists.
import type { FhirRepository } from '@medplum/fhir-router';
import type { CareTeam, OrganizationAffiliation, Period, PractitionerRole } from '@medplum/fhirtypes';
import { CodeSystemUrl } from '@parcours/profiles';
import { fail } from '@parcours/outcomes';

/** The caller as the FHIR server's guard describes it (structurally the fhir-server's AccessPrincipal). */
export interface Caller {
  level: 'patient' | 'user' | 'system';
  user?: string;
}

export const FUNDER_ROLE = 'financeur';
export const COORDINATOR_ROLE = 'coordinateur';
/** OrganizationAffiliation.code of a funding relation (R4 organization-role `payer`). */
const FUNDING_ROLE = { system: 'http://hl7.org/fhir/organization-role', code: 'payer' } as const;

function covers(period: Period | undefined, now: number): boolean {
  if (period?.start && Date.parse(period.start) > now) return false;
  if (period?.end && Date.parse(period.end) + (period.end.length === 10 ? 86_399_999 : 0) < now) return false;
  return true;
}

function hasRole(codes: { coding?: { system?: string; code?: string }[] }[] | undefined, code: string): boolean {
  return (codes ?? []).some((c) => (c.coding ?? []).some((x) => x.system === CodeSystemUrl.CareTeamRole && x.code === code));
}

async function rolesOf(repository: FhirRepository, user: string, now: number): Promise<PractitionerRole[]> {
  const one = user.startsWith('PractitionerRole/') ? await repository.readReference<PractitionerRole>({ reference: user }).catch(() => undefined) : undefined;
  const roles: PractitionerRole[] = user.startsWith('PractitionerRole/')
    ? (one ? [one] : [])
    : await repository.searchResources<PractitionerRole>({ resourceType: 'PractitionerRole', filters: [{ code: 'practitioner', operator: 'eq', value: user }], count: 1000 });
  return roles.filter((r) => r.active !== false && covers(r.period, now));
}

/** True when the user coordinates at least one active team the structure manages. */
async function coordinatesTeam(repository: FhirRepository, members: string[], organization: string, now: number): Promise<boolean> {
  const teams = await repository.searchResources<CareTeam>({ resourceType: 'CareTeam', filters: [{ code: 'participant', operator: 'eq', value: members.join(',') }], count: 1000 });
  return teams.some((team) => team.status === 'active' && (team.managingOrganization ?? []).some((o) => o.reference === organization)
    && (team.participant ?? []).some((p) => !!p.member?.reference && members.includes(p.member.reference) && covers(p.period, now) && hasRole(p.role, COORDINATOR_ROLE)));
}

/** True when one of the funding bodies the user works for (their `financeur` roles) funds the structure now. */
async function funds(repository: FhirRepository, roles: PractitionerRole[], organization: string, now: number): Promise<boolean> {
  const bodies = new Set(roles.filter((r) => hasRole(r.code, FUNDER_ROLE)).flatMap((r) => (r.organization?.reference ? [r.organization.reference] : [])));
  if (!bodies.size) return false;
  const funding = await repository.searchResources<OrganizationAffiliation>({ resourceType: 'OrganizationAffiliation', filters: [{ code: 'participating-organization', operator: 'eq', value: organization }], count: 1000 });
  return funding.some((a) => a.active !== false && covers(a.period, now) && bodies.has(a.organization?.reference ?? '')
    && (a.code ?? []).some((c) => (c.coding ?? []).some((x) => x.system === FUNDING_ROLE.system && x.code === FUNDING_ROLE.code)));
}

/** Refuses (403 OperationOutcome) a caller who may not see the structure's figures. */
export async function checkMaySee(repository: FhirRepository, caller: Caller | undefined, structureId: string, now = Date.now()): Promise<void> {
  if (!caller || caller.level === 'system') return;
  const organization = `Organization/${structureId}`;
  const refuse = (): never => fail('forbidden', 'forbidden', 'subject', `Vous ne pouvez pas voir les indicateurs de cette structure : il faut en être coordinateur ou financeur. / You may not see this structure's figures: only its coordinators and funders may.`);
  if (!caller.user) return refuse();
  const roles = await rolesOf(repository, caller.user, now);
  if (await funds(repository, roles, organization, now)) return;
  if (roles.some((r) => r.organization?.reference === organization && hasRole(r.code, COORDINATOR_ROLE))) return;
  const members = [caller.user, ...roles.map((r) => `PractitionerRole/${r.id}`)];
  if (await coordinatesTeam(repository, members, organization, now)) return;
  refuse();
}
