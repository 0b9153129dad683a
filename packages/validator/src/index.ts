/**
 * @parcours/validator: offline validation of FHIR R4 resources against base R4 and the Parcours profiles.
 * `validate` is synchronous and never throws; it always returns an OperationOutcome with at least one issue.
 * See README.md and https://hl7.org/fhir/R4/resource-operation-validate.html
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { validateBundleRules } from './bundle.ts';
import { isKnownResourceType, parcoursData, resolveProfileName } from './definitions.ts';
import { validateOne } from './engine.ts';
import { dedupe, issue, outcome } from './issues.ts';
import { activeContentIssues } from './narrative.ts';

export { register } from './definitions.ts';

export interface ValidateOptions {
  /** Profiles to validate against, by canonical URL or name (`ParcoursCarePlan`, `parcours-careplan`). Default: meta.profile, else base R4. */
  profile?: string | string[];
}

function fail(text: string, expression = '', code: OperationOutcomeIssue['code'] = 'structure'): OperationOutcome {
  return outcome([{ ...issue('error', code, expression, text), ...(expression ? {} : { expression: undefined }) }]);
}

/**
 * Validates a FHIR R4 resource (any JSON value is accepted) and returns an OperationOutcome whose issues each
 * carry a severity, a code, a FHIRPath expression and a message. When valid, one `information` issue says so.
 */
export function validate(resource: unknown, options: ValidateOptions = {}): OperationOutcome {
  try {
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
      const what = resource === null ? 'null' : Array.isArray(resource) ? 'an array' : `a ${typeof resource}`;
      return fail(`Expected a FHIR resource (a JSON object with a "resourceType"), got ${what}`);
    }
    const json = resource as Record<string, unknown>;
    const type = json.resourceType;
    if (typeof type !== 'string' || type.length === 0) return fail('Missing "resourceType": every FHIR resource must say what type it is, e.g. "resourceType": "Patient"', '', 'required');
    if (!isKnownResourceType(type)) return fail(`Unknown resourceType "${type}": it is not an R4 resource type (check its spelling and case)`, type);
    const issues: OperationOutcomeIssue[] = [];
    const profiles: string[] = [];
    const requested = options.profile === undefined ? [] : Array.isArray(options.profile) ? options.profile : [options.profile];
    for (const name of requested) {
      const url = resolveProfileName(name);
      if (url) profiles.push(url);
      else issues.push(issue('error', 'not-found', type, `Unknown profile "${name}": give a canonical URL or a Parcours profile name such as ParcoursPatient`));
    }
    if (requested.length === 0) {
      const meta = json.meta as { profile?: unknown } | undefined;
      if (Array.isArray(meta?.profile)) for (const p of meta.profile) if (typeof p === 'string') profiles.push(p);
    }
    issues.push(...validateOne(json, profiles, { entriesApart: true }));
    issues.push(...activeContentIssues(json)); // the FHIR server refuses the same on every write
    if (type === 'Bundle') issues.push(...validateBundleRules(json, profiles));
    return outcome(dedupe(issues));
  } catch (err) {
    return fail(`The validator failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`, '', 'exception');
  }
}

/** True when the outcome holds at least one `error` or `fatal` issue. */
export function hasErrors(result: OperationOutcome): boolean {
  return (result.issue ?? []).some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** Names and URLs of the Parcours profiles the validator knows (for CLI help and tooling). */
export function knownProfiles(): { url: string; name?: string }[] {
  return [...parcoursData().byUrl.values()].map((sd) => ({ url: sd.url, name: sd.name }));
}
