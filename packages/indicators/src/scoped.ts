// A structure's searches: each Measure's search restricted to the structure's people (`patient=` lists, in batches)
// and, for Encounters, to the sessions it provides (`service-provider=`), so a structure reads its own records
// instead of the whole server. Only standard search parameters: any FHIR R4 server answers them.
// https://hl7.org/fhir/R4/search.html#reference · https://hl7.org/fhir/R4/search.html#combining
import type { Resource } from '@medplum/fhirtypes';
import type { FhirSource } from './source.ts';
import type { StructureScope } from './structure.ts';

/** The types the Measures read whose R4 `patient` search parameter names the person a resource is the record of. */
const PATIENT_PARAMETER = new Set(['Appointment', 'CarePlan', 'Communication', 'Encounter', 'Flag', 'Goal', 'ServiceRequest', 'Task']);

export interface ScopeOptions {
  /**
   * Longest `patient=` value per search, in characters once URL-encoded: over HTTP a list must stay well inside
   * what servers accept in a URL (8 KiB is a common limit); in process, the batches can be large.
   */
  maxListChars: number;
}

/** The people in batches whose encoded `patient=` value stays under `maxChars` (sorted: the same batches every time, so a cache shares them). */
function peopleBatches(people: Iterable<string>, maxChars: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const person of [...people].sort()) {
    const size = encodeURIComponent(person).length + 3; // the encoded comma
    if (current.length && length + size > maxChars) {
      batches.push(current);
      current = [];
      length = 0;
    }
    current.push(person);
    length += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

function withParameter(query: string, name: string, value: string): string {
  return `${query}${query.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/**
 * `Type?query` for the structure only. The results are a superset of the structure's resources of that query
 * (evaluate.ts keeps those `inScope`): an Appointment of one of its people with someone else, an Encounter it
 * provides for someone else's person. A type without a `patient` parameter, or people that are not all Patients,
 * are searched whole: never fewer resources than the unrestricted search would have given `inScope`.
 */
export function scopedSource(inner: FhirSource, scope: StructureScope, options: ScopeOptions): FhirSource {
  const patientsOnly = [...scope.people].every((p) => p.startsWith('Patient/'));
  return {
    async search(query, onPage) {
      const type = query.split('?')[0] ?? '';
      if (!PATIENT_PARAMETER.has(type) || !patientsOnly) return inner.search(query, onPage);
      const queries = peopleBatches(scope.people, options.maxListChars).map((batch) => withParameter(query, 'patient', batch.join(',')));
      // Sessions (a workshop, a synthesis meeting) have no person: the structure's are those it provides.
      if (type === 'Encounter') queries.push(`${withParameter(query, 'service-provider', scope.organization)}&subject:missing=true`);
      const seen = new Set<string>();
      const out: Resource[] = [];
      for (const q of queries) {
        const before = out.length;
        for (const resource of await inner.search(q, (n) => onPage?.(before + n))) {
          const key = resource.id ?? JSON.stringify(resource);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(resource);
        }
        onPage?.(out.length);
      }
      return out;
    },
  };
}
