/**
 * @parcours/validator (Node): offline validation of FHIR R4 resources against base R4 and the Parcours profiles.
 * `validate` uses one shared validator fed the full R4 + Parcours set on first use (loadParcoursR4); build your
 * own with `createValidator(definitions)`. The browser imports `@parcours/validator/core` (no file access).
 * See README.md and https://hl7.org/fhir/R4/resource-operation-validate.html
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { loadParcoursR4 } from './node.ts';
import type { ExtraDefinitions, ValidateOptions, Validator } from './validator.ts';
import { createValidator } from './validator.ts';

export { createValidator, hasErrors } from './validator.ts';
export type { DefinitionSource, ExtraDefinitions, ValidateOptions, Validator } from './validator.ts';
export { loadParcoursR4 } from './node.ts';
export { PackageError, loadPackages, packageCache } from './packages.ts';
export type { LoadedPackage } from './packages.ts';
export { checkFiles } from './files.ts';
export type { FileResults, Result } from './files.ts';
export { validateFilesInThreads } from './threads.ts';
export type { ThreadOptions } from './threads.ts';

let shared: Validator | undefined;

/** The validator `validate` uses: R4 + Parcours, created on first use. */
export function defaultValidator(): Validator {
  shared ??= createValidator(loadParcoursR4());
  return shared;
}

/**
 * Validates a FHIR R4 resource (any JSON value is accepted) against R4 and the Parcours profiles and returns an
 * OperationOutcome; when valid, one `information` issue says so. Synchronous, never throws.
 */
export function validate(resource: unknown, options: ValidateOptions = {}): OperationOutcome {
  return defaultValidator().validate(resource, options);
}

/** Adds your own profiles (with a snapshot or a differential only), terminology and guides to the shared validator, on top of Parcours. */
export function register(defs: ExtraDefinitions): void {
  defaultValidator().register(defs);
}

/** Names and URLs of the Parcours profiles the shared validator knows (for CLI help and tooling). */
export function knownProfiles(): { url: string; name?: string }[] {
  return defaultValidator().knownProfiles();
}

/** The canonical URL for what a user typed as a profile (URL, name, id or R4 resource type); undefined when unknown. */
export function resolveProfileName(nameOrUrl: string): string | undefined {
  return defaultValidator().resolveProfileName(nameOrUrl);
}
