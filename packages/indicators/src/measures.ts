// The Parcours indicators (Measures of @parcours/profiles) and how to find one by id or canonical URL.
import type { Measure } from '@medplum/fhirtypes';
import { measures } from '@parcours/profiles';

export const MEASURES: readonly Measure[] = measures;

/** A built-in Measure by id (`parcours-entretiens`) or canonical URL; undefined when unknown. */
export function findMeasure(idOrUrl: string): Measure | undefined {
  const bare = idOrUrl.split('|')[0];
  return MEASURES.find((m) => m.id === bare || m.url === bare || `Measure/${m.id}` === bare);
}
