// Which resources are a structure's: the people whose care team the structure manages (CareTeam.managingOrganization,
// MODEL.md "Structure"), and, for resources that concern nobody in particular (a synthesis meeting, a workshop
// session), those the structure provides (Encounter.serviceProvider).
import type { CareTeam, Reference, Resource } from '@medplum/fhirtypes';
import type { FhirSource } from './source.ts';

export interface StructureScope {
  organization: string;
  people: Set<string>;
}

/** The structure's people, from every CareTeam it manages (active or not: a person followed last year counts). */
export async function structureScope(source: FhirSource, organizationId: string, onPage?: (n: number) => void): Promise<StructureScope> {
  const organization = `Organization/${organizationId}`;
  const teams = (await source.search('CareTeam?_elements=subject,managingOrganization', onPage)) as CareTeam[];
  const people = new Set<string>();
  for (const team of teams) {
    if (team.subject?.reference && (team.managingOrganization ?? []).some((o) => o.reference === organization)) people.add(team.subject.reference);
  }
  return { organization, people };
}

type Refs = Reference | Reference[] | undefined;
const first = (value: Refs): string | undefined => (Array.isArray(value) ? value[0]?.reference : value?.reference);

/** The person a resource is the record of (subject, patient, for, or an Appointment's Patient participant). */
export function personOf(resource: Resource): string | undefined {
  const r = resource as Resource & { subject?: Refs; patient?: Refs; for?: Refs; participant?: { actor?: Reference }[] };
  const direct = first(r.subject) ?? first(r.patient) ?? first(r.for);
  if (direct) return direct;
  if (resource.resourceType === 'Appointment') return r.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
  return undefined;
}

/** True when the resource is the structure's: its person is one of the structure's people, or it has no person and the structure provides it. */
export function inScope(resource: Resource, scope: StructureScope): boolean {
  const person = personOf(resource);
  if (person) return scope.people.has(person);
  const provider = (resource as Resource & { serviceProvider?: Reference }).serviceProvider?.reference;
  return provider === scope.organization;
}
