/**
 * What the validator's benchmarks share: the official R4 sample, raw Medplum as the baseline (on base R4, or on
 * the resource's own profile parsed once, which is what validate() builds on), and one timed pass.
 */
import type { TypedValue } from '@medplum/core';
import { OperationOutcomeError, getAllDataTypes, validateResource, validateTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRegistry } from '../src/definitions.ts';
import { useNativeInvariants } from '../src/native-invariants.ts';
import { loadParcoursR4 } from '../src/node.ts';

/** The benchmarks' own view of the definitions (Medplum's schema registry is shared with validate()'s). */
export const defs = createRegistry(loadParcoursR4());

/** The files of the official R4 examples (npm package hl7.fhir.r4.examples) under `maxBytes`, in name order. */
export function officialFiles(maxBytes: number): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'package.json')
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).size <= maxBytes);
}

/** The first `n` official R4 examples under 50 KB. */
export function officialSample(n: number): Resource[] {
  return officialFiles(50_000 - 1)
    .slice(0, n)
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as Resource);
}

/**
 * Raw Medplum on base R4, as Medplum ships: its FHIRPath evaluates every invariant (the validator's native
 * evaluations of the frequent ones, src/native-invariants.ts, live in the type schemas both share).
 */
export function raw(r: Resource): void {
  useNativeInvariants(false);
  try {
    validateResource(r);
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
  } finally {
    useNativeInvariants(true);
  }
}

/** Raw Medplum against the resource's own profile, parsed once (what validate() builds on), or base R4 without one. */
export function rawProfiled(r: Resource): void {
  const url = r.meta?.profile?.[0];
  const schema = url ? defs.profileSchema(url) : undefined;
  if (!url || !schema) return raw(r);
  const key = `bench-profile:${url}`;
  const types = getAllDataTypes();
  if (types[key] !== schema) types[key] = schema;
  useNativeInvariants(false);
  try {
    validateTypedValue({ type: key, value: r } as TypedValue);
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
  } finally {
    useNativeInvariants(true);
  }
}

/** One timed pass: `fn` over all resources, repeated for at least `minMs`; resources done, wall ms and CPU µs. */
export function timedPass(resources: Resource[], fn: (r: Resource) => void, minMs: number): { done: number; wallMs: number; cpuMicros: number } {
  let done = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  do {
    for (const r of resources) fn(r);
    done += resources.length;
  } while (performance.now() - t0 < minMs);
  const cpu = process.cpuUsage(c0);
  return { done, wallMs: performance.now() - t0, cpuMicros: cpu.user + cpu.system };
}
