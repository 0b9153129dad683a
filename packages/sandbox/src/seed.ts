// Loads the sandbox data once: the Parcours profiles' examples (one scenario per field programme), the synthetic
// cohort (@parcours/cohort) and the users' PractitionerRoles, in ONE SQLite transaction straight into the
// repository (no HTTP, no per-write validation: the cohort's own test proves every resource valid).
// The last resource written carries a tag naming the data it came with (seed, size, and a fingerprint of the
// generator's sources and the examples); finding that tag means everything is there, and any change reloads.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PractitionerRole, Resource } from '@medplum/fhirtypes';
import type { FhirRepository } from '@medplum/fhir-router';
import { DEFAULT_PEOPLE, DEFAULT_SEED, generateCohort } from '@parcours/cohort';
import { examples } from '@parcours/profiles';
import { sandboxFunding, sandboxPractitionerRoles } from './team.ts';

const MARKER_SYSTEM = 'https://fhir.parcours.fr/sandbox/loaded';

export interface SeedOptions {
  /** People in the cohort (plus the heavy person). Default: PARCOURS_COHORT_PEOPLE, else 120. */
  people?: number;
  seed?: number;
}

export interface SeedResult {
  loaded: number;
  skipped: boolean;
  /** Time spent generating the cohort and writing, in milliseconds (0 when skipped). */
  generateMs: number;
  loadMs: number;
}

function resolve(options: SeedOptions): Required<SeedOptions> {
  const fromEnv = Number(process.env.PARCOURS_COHORT_PEOPLE);
  const people = options.people ?? (Number.isInteger(fromEnv) && fromEnv >= 0 && process.env.PARCOURS_COHORT_PEOPLE ? fromEnv : DEFAULT_PEOPLE);
  return { people, seed: options.seed ?? DEFAULT_SEED };
}

let sourcesHash: string | undefined;

/** Hash of what the loaded data is made of: the examples, the roles and the cohort generator's source files. */
function dataFingerprint(): string {
  if (sourcesHash === undefined) {
    const hash = createHash('sha256').update(JSON.stringify(examples)).update(JSON.stringify(sandboxPractitionerRoles())).update(JSON.stringify(sandboxFunding()));
    const dir = dirname(createRequire(import.meta.url).resolve('@parcours/cohort'));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) hash.update(readFileSync(join(dir, file)));
    sourcesHash = hash.digest('hex').slice(0, 16);
  }
  return sourcesHash;
}

function markerCode(options: Required<SeedOptions>): string {
  return `seed${options.seed}-people${options.people}-${dataFingerprint()}`;
}

/** The tag value naming the plan data these options load (the GP's EHR seeds against the same plan data). */
export function dataMarker(options: SeedOptions = {}): string {
  return markerCode(resolve(options));
}

/**
 * Everything the sandbox loads, in an order where references point backwards: examples (Bundles are not
 * stored), the cohort, the funding body (team.ts), then the users' PractitionerRoles, the last one carrying the loaded marker.
 */
export function seedResources(options: SeedOptions = {}): Resource[] {
  const resolved = resolve(options);
  const roles: PractitionerRole[] = sandboxPractitionerRoles();
  const last = roles[roles.length - 1];
  if (last) last.meta = { ...last.meta, tag: [{ system: MARKER_SYSTEM, code: markerCode(resolved) }] };
  return [...examples.filter((resource) => resource.resourceType !== 'Bundle'), ...generateCohort({ people: resolved.people, seed: resolved.seed }), ...sandboxFunding(), ...roles];
}

/** Loads the data unless the store already holds this exact cohort. */
export async function seed(repository: FhirRepository, options: SeedOptions = {}): Promise<SeedResult> {
  const resolved = resolve(options);
  const roles = sandboxPractitionerRoles();
  const last = roles[roles.length - 1];
  if (last?.id) {
    const stored = await repository.readResource('PractitionerRole', last.id).catch(() => undefined);
    if (stored?.meta?.tag?.some((t) => t.system === MARKER_SYSTEM && t.code === markerCode(resolved))) {
      return { loaded: 0, skipped: true, generateMs: 0, loadMs: 0 };
    }
  }
  const started = performance.now();
  const resources = seedResources(resolved);
  const generated = performance.now();
  await repository.withTransaction(async (tx) => {
    for (const resource of resources) await tx.updateResource(resource as Resource & { id: string });
  }, { resourceTypes: [...new Set(resources.map((r) => r.resourceType))] });
  return { loaded: resources.length, skipped: false, generateMs: generated - started, loadMs: performance.now() - generated };
}
