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

interface Expectation {
  errorCount?: number;
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

function skipReason(c: TestCase, dir: string): string | undefined {
  if (c['use-test'] === false) return 'disabled in the manifest';
  if (!c.version?.startsWith('4.0')) return 'not R4';
  if (c['tx-dependent']) return 'needs a terminology server';
  const files = [c.file, ...(c.supporting ?? []), ...(c.profiles ?? []), ...(c.profile ? [c.profile.source, ...(c.profile.supporting ?? [])] : [])];
  if (files.some((f) => !f.endsWith('.json'))) return 'XML';
  if (files.some((f) => !existsSync(join(dir, f)))) return 'file missing from this copy';
  if (c.java?.errorCount === undefined) return 'no expected outcome';
  return undefined;
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

/** One case: its base verdict and, when it has one, its verdict against the profile step. */
function run(c: TestCase, dir: string): Outcome[] {
  const validator = createValidator(loadParcoursR4());
  const out: Outcome[] = [];
  const verdict = (name: string, expected: number, options: ValidateOptions): void => {
    try {
      const o = validator.validate(parseJsonText(readFileSync(join(dir, c.file), 'utf8')), options);
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
    return [{ name: c.name, expected: (c.java?.errorCount ?? 0) > 0, crash: err instanceof PackageError ? err.message : String(err) }];
  }
  const options: ValidateOptions = c['allowed-extension-domain'] ? { unknownExtensions: 'information' } : {};
  verdict(c.name, c.java?.errorCount ?? 0, options);
  if (c.profile?.java?.errorCount !== undefined) {
    validator.register(definitionsOf(dir, [c.profile.source, ...(c.profile.supporting ?? [])]));
    const sd = parseJsonText(readFileSync(join(dir, c.profile.source), 'utf8')) as StructureDefinition;
    verdict(`${c.name} [profile]`, c.profile.java.errorCount, { ...options, profile: sd.url });
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
  for (const c of manifest['test-cases']) {
    const reason = skipReason(c, dir);
    if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    else outcomes.push(...run(c, dir));
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
