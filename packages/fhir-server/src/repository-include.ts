// `_include` / `_revinclude` (with `:iterate`). See http://hl7.org/fhir/R4/search.html#include
import type { IncludeTarget, SearchRequest } from '@medplum/core';
import { DEFAULT_MAX_SEARCH_COUNT, Operator } from '@medplum/core';
import type { FhirRepository } from '@medplum/fhir-router';
import { getSearchIncludeEntries, getSearchRevIncludeEntries } from '@medplum/fhir-router';
import type { BundleEntry, Resource } from '@medplum/fhirtypes';

const MAX_DEPTH = 5;

/**
 * Appends the included resources to `entries`, as Medplum's `getExtraEntries` does, with one difference that
 * changes no result: an `_include=Type:param` only looks at the resources of that Type. Medplum evaluates the
 * parameter's FHIRPath on every resource found so far (a person's plan: ~300 resources × 7 includes), where it
 * can only yield something on resources of the named type.
 */
export async function addIncludes(repo: FhirRepository, baseUrl: string, searchRequest: SearchRequest, resources: Resource[], entries: BundleEntry[]): Promise<void> {
  const options = { fullUrl: (type: string, id: string): string => `${baseUrl}/${type}/${id}` };
  const seen = new Set<string>(resources.map((r) => `${r.resourceType}/${r.id}`));
  let base: Resource[] = resources;
  let iterateOnly = false;
  let depth = 0;
  const wanted = (p: IncludeTarget): boolean => !iterateOnly || p.modifier === Operator.ITERATE;
  while (base.length > 0) {
    if (depth >= MAX_DEPTH || entries.length > DEFAULT_MAX_SEARCH_COUNT) {
      throw new Error(`Search with _(rev)include reached query scope limit: depth=${depth}, results=${entries.length}`);
    }
    const current = base;
    const includes = (searchRequest.include ?? []).filter(wanted).flatMap((p) => {
      const ofType = current.filter((r) => r.resourceType === p.resourceType);
      return ofType.length > 0 ? [getSearchIncludeEntries(repo, p, ofType, options)] : [];
    });
    const revIncludes = (searchRequest.revInclude ?? []).filter(wanted).map((p) => getSearchRevIncludeEntries(repo, p, current, options));
    const included = (await Promise.all([...includes, ...revIncludes])).flat();
    base = [];
    for (const entry of included) {
      const resource = entry.resource as Resource;
      base.push(resource);
      const ref = `${resource.resourceType}/${resource.id}`;
      if (!seen.has(ref)) entries.push(entry);
      seen.add(ref);
    }
    iterateOnly = true;
    depth++;
  }
}
