/**
 * Runs HL7's public validator test suite (github.com/FHIR/fhir-test-cases, folder validator/) against this
 * validator and prints how often the verdicts (error / no error) agree with the HL7 Java validator's expected
 * outcomes. Only the cases this validator is meant for are run: R4 (`version` 4.0), JSON, no terminology server
 * (`tx-dependent`), packages found on disk; the others are counted as skipped, by reason.
 * Usage: node test/conformance/fhir-test-cases.ts <path to a fhir-test-cases checkout> [--list]
 */
import type { Resource, StructureDefinition } from '@medplum/fhirtypes';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText } from '../../src/json-rules.ts';
import { loadParcoursR4 } from '../../src/node.ts';
import { PackageError, loadPackages } from '../../src/packages.ts';
import type { ExtraDefinitions, ValidateOptions } from '../../src/validator.ts';
import { createValidator, hasErrors } from '../../src/validator.ts';

/** The expected outcome: `errorCount` (older manifests) or an OperationOutcome whose error and fatal issues count. */
interface Expectation {
  errorCount?: number;
  outcome?: { issue?: { severity?: string }[] };
}
interface ProfileStep {
  source: string;
  supporting?: string[];
  java?: Expectation;
}
interface TestCase {
  name: string;
  file: string;
  version?: string;
  'use-test'?: boolean;
  'tx-dependent'?: boolean;
  packages?: string[];
  supporting?: string[];
  profiles?: string[];
  'allowed-extension-domain'?: string;
  'security-checks'?: boolean;
  'allow-comments'?: boolean;
  noHtmlInMarkdown?: boolean;
  examples?: boolean;
  profile?: ProfileStep;
  java?: Expectation;
}

interface Outcome {
  name: string;
  expected: boolean;
  got?: boolean;
  crash?: string;
  firstError?: string;
}

/** How many errors the HL7 validator expects, in either manifest format; undefined when the case says nothing. */
function expectedErrors(e: Expectation | undefined): number | undefined {
  if (e?.errorCount !== undefined) return e.errorCount;
  if (e?.outcome) return (e.outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
  return undefined;
}

/** Why a set of files cannot be run here, or undefined. */
function filesReason(dir: string, files: string[]): string | undefined {
  if (files.some((f) => !f.endsWith('.json'))) return 'XML';
  if (files.some((f) => !existsSync(join(dir, f)))) return 'file missing from this copy';
  return undefined;
}

function skipReason(c: TestCase, dir: string): string | undefined {
  if (c['use-test'] === false) return 'disabled in the manifest';
  if (!c.version?.startsWith('4.0')) return 'not R4';
  if (c['tx-dependent']) return 'needs a terminology server';
  const reason = filesReason(dir, [c.file, ...(c.supporting ?? []), ...(c.profiles ?? [])]);
  if (reason) return reason;
  if (expectedErrors(c.java) === undefined) return 'no expected outcome';
  return undefined;
}

/** Why the profile step of a runnable case is not run, or undefined (no step is not a reason). */
function profileSkipReason(c: TestCase, dir: string): string | undefined {
  if (!c.profile || expectedErrors(c.profile.java) === undefined) return undefined;
  if (!c.profile.source.endsWith('.json') && /^https?:/.test(c.profile.source)) return 'profile from a package';
  return filesReason(dir, [c.profile.source, ...(c.profile.supporting ?? [])]);
}

function definitionsOf(dir: string, files: string[]): ExtraDefinitions {
  const defs: Required<ExtraDefinitions> = { structureDefinitions: [], valueSets: [], codeSystems: [], implementationGuides: [] };
  for (const f of files) {
    const r = parseJsonText(readFileSync(join(dir, f), 'utf8')) as Resource;
    if (r.resourceType === 'StructureDefinition') defs.structureDefinitions.push(r);
    else if (r.resourceType === 'ValueSet') defs.valueSets.push(r);
    else if (r.resourceType === 'CodeSystem') defs.codeSystems.push(r);
    else if (r.resourceType === 'ImplementationGuide') defs.implementationGuides.push(r);
  }
  return defs;
}

/**
 * The manifest's switches that have a counterpart here, as the HL7 CLI's own: `allowed-extension-domain`
 * (-allow-extension-domain), `security-checks` (-security-checks: HTML in strings is an error only then) and
 * `examples` (false: example.org URLs are not allowed, as -allow-example-urls false); `allow-comments`
 * (-allow-comments) is passed to the JSON parser; `noHtmlInMarkdown` is `htmlInMarkdown: 'error'`.
 */
function optionsOf(c: TestCase): ValidateOptions {
  return {
    ...(c['allowed-extension-domain'] ? { unknownExtensions: 'information' as const } : {}),
    securityChecks: c['security-checks'] === true,
    ...(c.examples === false ? { exampleUrls: 'error' as const } : {}),
    ...(c.noHtmlInMarkdown === true ? { htmlInMarkdown: 'error' as const } : {}),
  };
}

/** One case: its base verdict and, when it has one, its verdict against the profile step. */
function run(c: TestCase, dir: string, profileStep: boolean): Outcome[] {
  const validator = createValidator(loadParcoursR4());
  const out: Outcome[] = [];
  const verdict = (name: string, expected: number, options: ValidateOptions): void => {
    let json: unknown;
    try {
      json = parseJsonText(readFileSync(join(dir, c.file), 'utf8'), { allowComments: c['allow-comments'] === true });
    } catch (err) {
      // As the CLI: text that is not JSON is a failed validation (the HL7 validator's fatal parse error), not a crash.
      out.push({ name, expected: expected > 0, got: true, firstError: `Malformed JSON: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    try {
      const o = validator.validate(json, options);
      const firstError = o.issue.find((i) => i.severity === 'error' || i.severity === 'fatal');
      out.push({ name, expected: expected > 0, got: hasErrors(o), firstError: firstError && `${firstError.expression?.[0] ?? ''}: ${firstError.details?.text ?? ''}` });
    } catch (err) {
      out.push({ name, expected: expected > 0, crash: err instanceof Error ? err.message : String(err) });
    }
  };
  try {
    for (const pkg of loadPackages(c.packages?.filter((p) => !p.startsWith('hl7.fhir.r4.core')) ?? [])) validator.register(pkg.definitions);
    validator.register(definitionsOf(dir, [...(c.supporting ?? []), ...(c.profiles ?? [])]));
  } catch (err) {
    return [{ name: c.name, expected: (expectedErrors(c.java) ?? 0) > 0, crash: err instanceof PackageError ? err.message : String(err) }];
  }
  verdict(c.name, expectedErrors(c.java) ?? 0, optionsOf(c));
  const expected = expectedErrors(c.profile?.java);
  if (profileStep && c.profile && expected !== undefined) {
    try {
      validator.register(definitionsOf(dir, [c.profile.source, ...(c.profile.supporting ?? [])]));
      const sd = parseJsonText(readFileSync(join(dir, c.profile.source), 'utf8')) as StructureDefinition;
      verdict(`${c.name} [profile]`, expected, { ...optionsOf(c), profile: sd.url });
    } catch (err) {
      out.push({ name: `${c.name} [profile]`, expected: expected > 0, crash: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

function main(): void {
  const root = process.argv[2];
  if (!root) {
    process.stderr.write('Usage: node test/conformance/fhir-test-cases.ts <path to a fhir-test-cases checkout> [--list]\n');
    process.exitCode = 2;
    return;
  }
  const dir = existsSync(join(root, 'validator', 'manifest.json')) ? join(root, 'validator') : root;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { 'test-cases': TestCase[] };
  const skipped = new Map<string, number>();
  const outcomes: Outcome[] = [];
  const skip = (reason: string): void => void skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  for (const c of manifest['test-cases']) {
    const reason = skipReason(c, dir);
    if (reason) {
      skip(reason);
      continue;
    }
    const stepReason = profileSkipReason(c, dir);
    if (stepReason) skip(`profile step: ${stepReason}`);
    outcomes.push(...run(c, dir, stepReason === undefined));
  }
  const agree = outcomes.filter((o) => o.crash === undefined && o.got === o.expected);
  const crashes = outcomes.filter((o) => o.crash !== undefined);
  const pct = outcomes.length ? (100 * agree.length) / outcomes.length : 0;
  if (process.argv.includes('--list')) {
    for (const o of outcomes) {
      const status = o.crash ? `CRASH ${o.crash}` : o.got === o.expected ? 'agree' : `DISAGREE (HL7: ${o.expected ? 'error' : 'valid'}; here: ${o.got ? `error, ${o.firstError}` : 'valid'})`;
      process.stdout.write(`${o.name}: ${status}\n`);
    }
  }
  process.stdout.write(`Skipped: ${[...skipped].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}\n`);
  process.stdout.write(`Agreement with the HL7 validator: ${agree.length}/${outcomes.length} verdicts = ${pct.toFixed(1)} %; ${crashes.length} crash(es)\n`);
}

main();
