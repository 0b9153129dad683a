/**
 * Validation of one resource: Medplum's structural validation (cardinality, types, fixed/pattern values,
 * invariants, primitive formats, unknown elements) followed by the walker's checks (bindings, extensions,
 * slice content, reference targets), then the Bundle rules when the resource is a Bundle.
 * See https://hl7.org/fhir/R4/validation.html
 */
import type { InternalTypeSchema, TypedValue } from '@medplum/core';
import { OperationOutcomeError, evalFhirPathTyped, getAllDataTypes, getDataType, isResourceType, toTypedValue, validationError } from '@medplum/core';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import type { Registry } from './definitions.ts';
import { entriesApartType } from './entries-apart.ts';
import { issue, rebase } from './issues.ts';
import { structuralIssues } from './structural.ts';
import type { WalkContext } from './walker.ts';
import { walk } from './walker.ts';

type Json = Record<string, unknown>;

/** Profiles and extensions under this base are Parcours ones: one the validator does not know is a typo. */
const PARCOURS_BASE = 'https://fhir.parcours.fr/';

export interface ResourceContext {
  /** Resolves a reference to a resource type inside the enclosing Bundle. */
  resolve?: (reference: string) => string | undefined;
  /** The resource is a Bundle whose entries are validated one by one (bundle.ts): Medplum need not crawl them. */
  entriesApart?: boolean;
  /** Profiles the caller asked for (not only named in meta.profile): one that cannot be loaded is an error. */
  requested?: string[];
  /** Severity of an unknown extension outside HL7's space; default error, as the HL7 validator. */
  unknownExtensions?: 'error' | 'information';
  /** HTML markup in a markdown value is an error (default: allowed). */
  htmlInMarkdown?: 'allow' | 'error';
}

/** Medplum messages reworded so that a person knows what to fix. */
function reword(i: OperationOutcomeIssue): OperationOutcomeIssue {
  const text = i.details?.text ?? '';
  let better: string | undefined;
  if (text === 'Missing required property') better = 'Missing required element: this element must be present';
  else if (text.startsWith('Invalid additional property')) better = `${text}: this element is not defined for this resource type or profile (check its spelling)`;
  else if (text === 'Value did not match expected pattern') better = 'This value does not match the fixed or pattern value the profile requires';
  else if (text === 'Invalid resource type') better = 'Unknown resourceType';
  else if (text.startsWith('Invalid number of values')) better = text.replace('Invalid number of values', 'Wrong number of values');
  return better ? { ...i, details: { ...i.details, text: better } } : i;
}

function keep(i: OperationOutcomeIssue): boolean {
  const text = i.details?.text ?? '';
  // The walker reports these itself, with the right severity and slice matching that understands extensions.
  return !text.startsWith('Invalid reference: got') && !text.startsWith('Incorrect number of values provided for slice');
}

/**
 * Medplum's structural validation (src/structural.ts, its validateTypedValue with a cheaper crawl). Medplum's
 * validateResource(resource, { profile }) re-parses the profile's snapshot on every call, which costs more than
 * the validation itself: the parsed schema is registered once under a private type name, which the typed value
 * names, as Medplum's element lookups go through its registry of types.
 */
function medplum(defs: Registry, resource: Resource, profile: { url: string; schema: InternalTypeSchema } | undefined, entriesApart: boolean): OperationOutcomeIssue[] {
  try {
    if (entriesApart) return structuralIssues({ type: entriesApartType(defs, profile?.schema ?? getDataType('Bundle')), value: resource } as TypedValue);
    if (!profile) {
      // validateResource's own first check.
      if (!isResourceType(resource.resourceType)) throw new OperationOutcomeError(validationError('Invalid resource type'));
      return structuralIssues(toTypedValue(resource));
    }
    const key = `parcours-profile:${profile.url}`;
    const types = getAllDataTypes();
    if (types[key] !== profile.schema) types[key] = profile.schema;
    return structuralIssues({ type: key, value: resource } as TypedValue);
  } catch (err) {
    if (err instanceof OperationOutcomeError) return err.outcome.issue ?? [];
    const message = err instanceof Error ? err.message : String(err);
    return [issue('error', 'exception', resource.resourceType, `The validator could not check this resource: ${message}`)];
  }
}

/**
 * Medplum stops at the first failing invariant of an element. When it reported one on the resource itself, the
 * Parcours invariants it did not get to are evaluated here, so an integrator sees every broken rule at once.
 * An invariant whose FHIRPath cannot be evaluated is an error too (as Medplum reports its own): a rule that
 * never ran must not pass for a rule that holds.
 */
function remainingInvariants(resource: Resource, schema: InternalTypeSchema, reported: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const type = resource.resourceType;
  const failedAtRoot = reported.filter((i) => i.code === 'invariant' && i.expression?.[0] === type);
  if (failedAtRoot.length === 0) return [];
  const typed = toTypedValue(resource);
  const variables = { '%context': typed, '%resource': typed, '%rootResource': typed };
  const extra: OperationOutcomeIssue[] = [];
  for (const constraint of schema.constraints ?? []) {
    if (constraint.severity !== 'error' || !constraint.key.startsWith('parcours-')) continue;
    if (failedAtRoot.some((i) => i.details?.text?.startsWith(`Constraint ${constraint.key} not met`))) continue;
    let holds: boolean;
    try {
      const result = evalFhirPathTyped(constraint.expression, [typed], variables);
      holds = result.length === 0 || result.every((r) => r.value === true);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      extra.push(issue('error', 'processing', type, `Constraint ${constraint.key} could not be evaluated (${message}): the rule was not checked`));
      continue;
    }
    if (!holds) extra.push(issue('error', 'invariant', type, `Constraint ${constraint.key} not met: ${constraint.description}`));
  }
  return extra;
}

/**
 * Validates one resource against the given profile URLs (none: base R4). Issues are expressed from the
 * resource's type (`Patient.name[0]`). Never throws.
 */
export function validateOne(defs: Registry, resource: Json, profiles: string[], rctx: ResourceContext = {}): OperationOutcomeIssue[] {
  const type = resource.resourceType as string;
  if (!defs.ensureResourceType(type)) {
    if (defs.isKnownResourceType(type)) return [issue('error', 'not-supported', type, `The definitions this validator was given do not include the R4 resource type ${type}: it cannot be checked here`)];
    return [issue('error', 'structure', type, `Unknown resourceType "${type}": it is not an R4 resource type`)];
  }
  defs.ensureNestedResourceTypes(resource);
  const issues: OperationOutcomeIssue[] = [];
  const targets: { schema: InternalTypeSchema; sd?: StructureDefinition; url?: string }[] = [];
  const globals = defs.profiles().globals.get(type);
  for (const url of globals ? [...profiles, ...globals.filter((g) => !profiles.includes(g))] : profiles) {
    if (defs.isBaseDefinitionUrl(url)) continue;
    const sd = defs.findStructure(url);
    const schema = sd ? defs.profileSchema(url) : undefined;
    if (sd && !schema) {
      // A profile in error is an error wherever it is named; one we cannot load is ours to say, and an error
      // only when it was asked for (the HL7 validator accepts a resource whose meta.profile it cannot use).
      const failure = defs.loadFailure(url);
      const severity = failure?.inError || rctx.requested?.includes(url) ? 'error' : 'warning';
      issues.push(issue(severity, failure?.inError ? 'invalid' : 'not-supported', `${type}.meta.profile`, `Profile ${url} could not be loaded by the validator: ${failure?.reason ?? 'its definition could not be parsed'}. The resource was not checked against it`));
      continue;
    }
    if (!sd || !schema) {
      // A URL in the Parcours canonical that names no Parcours profile is a mistake, not a profile we lack.
      if (url.startsWith(PARCOURS_BASE)) issues.push(issue('error', 'not-found', `${type}.meta.profile`, `Unknown Parcours profile ${url}: check the URL against the Parcours implementation guide`));
      else issues.push(issue('warning', 'not-supported', `${type}.meta.profile`, `Profile ${url} is not known offline: the resource was checked against base R4 only`));
      continue;
    }
    if (sd.type !== type) {
      issues.push(issue('error', 'invalid', type, `Profile ${url} is for ${sd.type} resources, not ${type}`));
      continue;
    }
    for (const note of defs.profileNotes(url)) issues.push(issue('information', 'informational', type, `Profile ${url}: ${note}`));
    targets.push({ schema, sd, url });
  }
  if (targets.length === 0) targets.push({ schema: getDataType(type) });
  for (const t of targets) {
    const entriesApart = type === 'Bundle' && rctx.entriesApart === true;
    const structural = medplum(defs, resource as unknown as Resource, t.url ? { url: t.url, schema: t.schema } : undefined, entriesApart).filter(keep).map(reword);
    issues.push(...structural, ...remainingInvariants(resource as unknown as Resource, t.schema, structural));
    const ctx: WalkContext = {
      defs,
      issues,
      root: t.schema,
      profileUrl: t.url,
      resource,
      resolve: rctx.resolve,
      skipEntryResources: entriesApart,
      handled: new WeakSet(),
      walked: new WeakSet(),
      unknownExtensions: rctx.unknownExtensions,
      htmlInMarkdown: rctx.htmlInMarkdown,
    };
    try {
      walk(resource, t.schema, type, ctx);
    } catch (err) {
      issues.push(issue('error', 'exception', type, `The validator could not finish checking this resource: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
  return issues;
}

export { rebase };
