// The compiled FHIRPath (fast-path.ts) against Medplum's evaluator, on every expression of the Measures (criteria,
// breakdowns, distinct and sum values, join keys and dates) and every resource of the generated cohort and the
// profiles' examples, with the report's variables: the same values, or the same error.
import { toTypedValue } from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { generateCohort } from '@parcours/cohort';
import { examples } from '@parcours/profiles';
import { describe, expect, it } from 'vitest';
import type { Atom } from './definitions.ts';
import { compileMeasure } from './definitions.ts';
import { evalValues, isCompiled } from './fast-path.ts';
import { MEASURES } from './measures.ts';
import { periodVariables } from './period.ts';

const resources: Resource[] = [...examples.filter((r) => r.resourceType !== 'Bundle'), ...generateCohort({ people: 12 })];

function expressions(): Atom[] {
  return MEASURES.flatMap((m) => compileMeasure(m).groups.flatMap((g) => [
    ...g.populations.flatMap((p) => [p.criteria, ...(p.distinct ? [p.distinct] : []), ...(p.sum ? [p.sum] : [])]),
    ...g.stratifiers.map((s) => s.criteria),
    ...(g.related ? [g.related.key, g.related.on, ...(g.related.window ? [g.related.window.anchor, g.related.window.date] : [])] : []),
  ]));
}

const outcome = (f: () => unknown[]): unknown => {
  try {
    return f();
  } catch (error) {
    return `error: ${(error as Error).message.split(':')[0]}`;
  }
};

describe('the compiled FHIRPath', () => {
  it('compiles every expression of the Measures', () => {
    expect(expressions().filter((a) => !isCompiled(a)).map((a) => a.original)).toEqual([]);
  });

  it('gives Medplum\'s values on every resource, with and without a %related bundle', () => {
    const vars = (resource: Resource, related: Resource[]): Record<string, TypedValue> => ({
      ...Object.fromEntries(Object.entries(periodVariables({ start: '2026-01-01', end: '2026-12-31' })).map(([k, v]) => [k, { type: 'date', value: v }])),
      '%resource': toTypedValue(resource),
      '%related': toTypedValue({ resourceType: 'Bundle', type: 'collection', entry: related.map((r) => ({ resource: r })) }),
    });
    const encounters = resources.filter((r) => r.resourceType === 'Encounter').slice(0, 3);
    const tasks = resources.filter((r) => r.resourceType === 'Task').slice(0, 3);
    const mismatches: string[] = [];
    let compared = 0;
    for (const atom of expressions()) {
      for (const resource of resources) {
        const input = [toTypedValue(resource)];
        for (const related of atom.original.includes('%related') ? [[], [...encounters, ...tasks]] : [[]]) {
          const v = vars(resource, related);
          const medplum = outcome(() => atom.eval({ variables: v }, input).map((x) => x.value as unknown));
          const fast = outcome(() => evalValues(atom, input, v));
          compared++;
          if (JSON.stringify(fast) !== JSON.stringify(medplum) && mismatches.length < 10) mismatches.push(`${atom.original} on ${resource.resourceType}/${resource.id}: ${JSON.stringify(fast)} vs ${JSON.stringify(medplum)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(50_000);
  });
});
