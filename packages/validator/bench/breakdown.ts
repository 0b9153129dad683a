/**
 * Where validate() spends its time: Medplum's structural validation, the walker, the Bundle rules, measured
 * separately on the same sets as validate.ts. Prints figures; asserts nothing.
 * Run: node packages/validator/bench/breakdown.ts
 */
import type { InternalTypeSchema } from '@medplum/core';
import { getDataType } from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { validate } from '../src/index.ts';
import { walk } from '../src/walker.ts';
import { defs, officialSample, rawProfiled, timedPass } from './common.ts';

type Json = Record<string, unknown>;


function target(r: Resource): { schema: InternalTypeSchema; url?: string } {
  const url = r.meta?.profile?.[0];
  const schema = url ? defs.profileSchema(url) : undefined;
  return url && schema ? { schema, url } : { schema: getDataType(r.resourceType) };
}

function walkOnly(r: Resource): void {
  const t = target(r);
  const issues: OperationOutcomeIssue[] = [];
  walk(r as unknown as Json, t.schema, r.resourceType, { defs, issues, root: t.schema, profileUrl: t.url, resource: r as unknown as Json, skipEntryResources: r.resourceType === 'Bundle', handled: new WeakSet(), walked: new WeakSet() });
}

/** CPU time per resource (user+system of this process, less disturbed by other processes than wall time): best of rounds. */
function cost(resources: Resource[], fn: (r: Resource) => void, rounds = 5, minMs = 300): number {
  for (const r of resources.slice(0, 200)) fn(r);
  let best = Infinity;
  for (let k = 0; k < rounds; k++) {
    const pass = timedPass(resources, fn, minMs);
    best = Math.min(best, pass.cpuMicros / pass.done);
  }
  return best;
}

function report(name: string, resources: Resource[]): void {
  for (const r of resources) {
    defs.ensureResourceType(r.resourceType);
    defs.ensureNestedResourceTypes(r);
  }
  const parts: [string, (r: Resource) => void][] = [
    ['validate()', (r) => validate(r)],
    ['Medplum structural', rawProfiled],
    ['walker alone', walkOnly],
    ['ensureNestedResourceTypes', (r) => defs.ensureNestedResourceTypes(r)],
  ];
  console.log(`${name} (${resources.length} resources), CPU time per resource (best of 5)`);
  for (const [label, fn] of parts) console.log(`  ${label.padEnd(28)} ${cost(resources, fn).toFixed(1).padStart(7)} µs`);
}

const only = process.argv[2];
if (!only || only === 'parcours') report('Parcours examples', examples as Resource[]);
if (!only || only === 'r4') report('Official R4 examples, first 500 under 50 KB', officialSample(500));

if (process.argv[3] === 'top') {
  const set = only === 'r4top' ? officialSample(500) : (examples as Resource[]);
  const rows = set.map((r) => {
    const one = [r];
    const v = cost(one, (x) => validate(x), 3, 20);
    const s = cost(one, rawProfiled, 3, 20) + cost(one, walkOnly, 3, 20);
    return { id: `${r.resourceType}/${r.id ?? ''}`, v, s, extra: v - s };
  });
  rows.sort((a, b) => b.extra - a.extra);
  const total = rows.reduce((n, r) => n + r.extra, 0);
  console.log(`extra (validate - structural - walk) total ${total.toFixed(0)} µs over ${rows.length}`);
  for (const r of rows.slice(0, 15)) console.log(`  ${r.id.padEnd(50)} validate ${r.v.toFixed(0).padStart(6)}  parts ${r.s.toFixed(0).padStart(6)}  extra ${r.extra.toFixed(0).padStart(6)}`);
}
