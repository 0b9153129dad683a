/**
 * A validator fed its definitions: `createValidator(source)` with a loaded FHIR package (R4 core plus profiles),
 * no file access, so the same code runs in Node (index.ts loads the full R4 + Parcours set) and in the browser
 * (the app feeds it the compact set of @parcours/definitions). Import it as `@parcours/validator/core`.
 * See https://hl7.org/fhir/R4/resource-operation-validate.html
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { validateBundleRules } from './bundle.ts';
import { capabilityIssues } from './capability.ts';
import type { ExtraDefinitions } from './definitions.ts';
import { createRegistry } from './definitions.ts';
import { validateOne } from './engine.ts';
import { dedupe, issue, outcome } from './issues.ts';
import { exampleUrlIssues, jsonRuleIssues } from './json-rules.ts';
import { activeContentIssues } from './narrative.ts';
import type { DefinitionSource } from './table.ts';

export type { DefinitionSource } from './table.ts';
export type { ExtraDefinitions } from './definitions.ts';

export interface ValidateOptions {
  /** Profiles to validate against, by canonical URL or name (`ParcoursCarePlan`, `parcours-careplan`). Default: meta.profile, else base R4. */
  profile?: string | string[];
  /**
   * Severity of an extension whose definition is unknown and whose URL is outside HL7's space and the example
   * domains: `error` (default, as the HL7 validator) or `information` (the content is then not checked).
   */
  unknownExtensions?: 'error' | 'information';
  /**
   * HTML markup and active content in strings are errors (default true: the FHIR server refuses them on every
   * write). `false` checks narratives only, as the HL7 validator without `-security-checks`.
   */
  securityChecks?: boolean;
  /**
   * URLs in the specification's example domains (example.org, example.com): `allow` (default, as for the
   * specification's own examples) or `error` (as the HL7 validator without `-allow-example-urls`).
   */
  exampleUrls?: 'allow' | 'error';
  /**
   * HTML markup in a `markdown` value: `allow` (default: markdown may embed HTML, and active content is judged
   * by the security checks) or `error` (as the HL7 validator's -html-in-markup / no HTML in markdown).
   */
  htmlInMarkdown?: 'allow' | 'error';
}

export interface Validator {
  /**
   * Validates a FHIR R4 resource (any JSON value is accepted) and returns an OperationOutcome whose issues each
   * carry a severity, a code and a message, and an expression unless the input is not a resource at all. Never throws.
   */
  validate(resource: unknown, options?: ValidateOptions): OperationOutcome;
  /** Adds StructureDefinitions (with a snapshot, or a differential only: the snapshot is generated), ValueSets, CodeSystems and ImplementationGuides (their global profiles apply); a URL already known is replaced. */
  register(defs: ExtraDefinitions): void;
  /** The canonical URL for a profile URL, name (`ParcoursCarePlan`), id (`parcours-careplan`) or R4 resource type; undefined when unknown. */
  resolveProfileName(nameOrUrl: string): string | undefined;
  /** Names and URLs of the profiles on top of R4 this validator knows (for CLI help and tooling). */
  knownProfiles(): { url: string; name?: string }[];
}

/** An issue about the input as a whole (not an object, no resourceType): no element to point an expression at. */
function fail(text: string, code: OperationOutcomeIssue['code'] = 'structure'): OperationOutcome {
  return outcome([{ severity: 'error', code, details: { text } }]);
}

/** Medplum's words for what the JSON rules already said more clearly (null values, empty arrays). */
function withoutRepeats(issues: OperationOutcomeIssue[], json: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const at = new Set(json.map((i) => i.expression?.[0]));
  return issues.filter((i) => {
    const text = i.details?.text ?? '';
    if (text === 'Invalid null value' || /^Invalid JSON type: expected \w+, but got undefined/.test(text)) return false;
    return !(text === 'Invalid empty value' && at.has(i.expression?.[0]));
  });
}

/** A validator over the given definitions. */
export function createValidator(source: DefinitionSource): Validator {
  const defs = createRegistry(source);
  const validate = (resource: unknown, options: ValidateOptions = {}): OperationOutcome => {
    try {
      if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
        const what = resource === null ? 'null' : Array.isArray(resource) ? 'an array' : `a ${typeof resource}`;
        return fail(`Expected a FHIR resource (a JSON object with a "resourceType"), got ${what}`);
      }
      const json = resource as Record<string, unknown>;
      const type = json.resourceType;
      if (typeof type !== 'string' || type.length === 0) return fail('Missing "resourceType": every FHIR resource must say what type it is, e.g. "resourceType": "Patient"', 'required');
      if (!defs.isKnownResourceType(type)) return outcome([issue('error', 'structure', type, `Unknown resourceType "${type}": it is not an R4 resource type (check its spelling and case)`)]);
      const issues: OperationOutcomeIssue[] = [];
      const profiles: string[] = [];
      const requested = options.profile === undefined ? [] : Array.isArray(options.profile) ? options.profile : [options.profile];
      for (const name of requested) {
        const url = defs.resolveProfileName(name);
        if (url) profiles.push(url);
        else issues.push(issue('error', 'not-found', type, `Unknown profile "${name}": give a canonical URL or a Parcours profile name such as ParcoursPatient`));
      }
      if (requested.length === 0) {
        const meta = json.meta as { profile?: unknown } | undefined;
        if (Array.isArray(meta?.profile)) for (const p of meta.profile) if (typeof p === 'string') profiles.push(p);
      }
      issues.push(...validateOne(defs, json, profiles, { entriesApart: true, requested: requested.length ? profiles : undefined, unknownExtensions: options.unknownExtensions, htmlInMarkdown: options.htmlInMarkdown }));
      const jsonIssues = jsonRuleIssues(json);
      issues.push(...jsonIssues);
      if (options.exampleUrls === 'error') issues.push(...exampleUrlIssues(json));
      // The FHIR server refuses the same on every write; without security checks only narratives are judged.
      const active = activeContentIssues(json);
      issues.push(...(options.securityChecks === false ? active.filter((i) => i.expression?.[0]?.endsWith('.div')) : active));
      if (type === 'Bundle') issues.push(...validateBundleRules(defs, json, options));
      if (type === 'CapabilityStatement' && Array.isArray(json.rest)) issues.push(...capabilityIssues(json, source.searchParameterTypes));
      return outcome(dedupe(jsonIssues.length ? withoutRepeats(issues, jsonIssues) : issues));
    } catch (err) {
      return fail(`The validator failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`, 'exception');
    }
  };
  return {
    validate,
    register: (extra) => defs.register(extra),
    resolveProfileName: (name) => defs.resolveProfileName(name),
    knownProfiles: () => [...defs.profiles().byUrl.values()].map((sd) => ({ url: sd.url, name: sd.name })),
  };
}

/** True when the outcome holds at least one `error` or `fatal` issue. */
export function hasErrors(result: OperationOutcome): boolean {
  return (result.issue ?? []).some((i) => i.severity === 'error' || i.severity === 'fatal');
}
