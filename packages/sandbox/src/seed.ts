// Loads the sandbox data once: the Parcours profiles' examples (one scenario per field programme) and the
// users' PractitionerRoles. Loading is idempotent (PUT by id) and skipped when the store already holds the data.
import type { Resource } from '@medplum/fhirtypes';
import type { FhirRepository } from '@medplum/fhir-router';
import { examples } from '@parcours/profiles';
import { sandboxPractitionerRoles } from './team.ts';

/** Everything the sandbox loads, in an order where references point backwards. Bundles are not stored. */
export function seedResources(): Resource[] {
  return [...examples.filter((resource) => resource.resourceType !== 'Bundle'), ...sandboxPractitionerRoles()];
}

export interface SeedResult {
  loaded: number;
  skipped: boolean;
}

export async function seed(repository: FhirRepository): Promise<SeedResult> {
  const loaded = await repository.readResource('PractitionerRole', 'sandbox-role-referent').then(() => true, () => false);
  if (loaded) {
    return { loaded: 0, skipped: true };
  }
  const resources = seedResources();
  for (const resource of resources) {
    await repository.updateResource(resource as Resource & { id: string });
  }
  return { loaded: resources.length, skipped: false };
}
