#!/usr/bin/env node
/**
 * parcours-validate: validates FHIR R4 JSON and NDJSON files offline against base R4 and the Parcours profiles.
 * Exit codes: 0 no errors, 1 at least one error (including malformed JSON), 2 usage or I/O error.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { globSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Result } from './cli-report.ts';
import type { ExtraDefinitions } from './definitions.ts';
import { parseJsonText } from './json-rules.ts';
import { count, formatJson, formatJunit, formatOperationOutcome, formatText } from './cli-report.ts';

const FORMATS = ['text', 'json', 'junit', 'operationoutcome'];

const HELP = `Usage: parcours-validate [options] <path...>

Validates FHIR R4 resources offline against base R4 and the Parcours profiles.

Paths: files (.json, .ndjson), folders (searched recursively for *.json and *.ndjson),
glob patterns (quote them: "examples/**/*.json"), or - to read standard input.
In NDJSON, each line is one resource and issues name the line (file.ndjson:12).

Options:
  --profile <url|name>   validate against this profile instead of meta.profile; a canonical URL,
                         a Parcours name (ParcoursCarePlan) or id (parcours-careplan); repeatable
  --ig <package>         also load a FHIR package: a .tgz, a folder, or id#version from the
                         package cache ($FHIR_PACKAGE_CACHE, else ~/.fhir/packages); repeatable.
                         Its profiles (with a snapshot or a differential only), ValueSets, CodeSystems
                         and its ImplementationGuide's global profiles then apply
  --allow-unknown-extensions
                         report unknown extensions outside HL7's space as information, not errors
  --format <fmt>         text (default), json, junit or operationoutcome (one OperationOutcome,
                         or a Bundle of them for several resources)
  -h, --help             show this help

Exit codes: 0 no errors, 1 errors found (also malformed JSON), 2 usage or I/O error.

Examples:
  pnpm validate examples/patient.json
  pnpm validate --profile ParcoursCarePlan careplans/
  pnpm validate --ig hl7.fhir.fr.core#2.0.1 --ig my-guide.tgz patient.json
  cat export.ndjson | pnpm validate --format junit - > report.xml`;

class UsageError extends Error {}

function fail(outcomeText: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'structure', details: { text: outcomeText } }] };
}

function collect(path: string, out: string[], ioErrors: string[]): void {
  if (path === '-') {
    out.push('-');
    return;
  }
  if (/[*?[{]/.test(path)) {
    const matches = globSync(path).filter((p) => /\.(nd)?json$/i.test(p)).sort();
    if (matches.length === 0) ioErrors.push(`No file matches ${path}: check the pattern (quote it so that your shell does not expand it).`);
    out.push(...matches);
    return;
  }
  let stat;
  try {
    stat = statSync(path);
  } catch {
    ioErrors.push(`Cannot read ${path}: no such file or folder. Check the path.`);
    return;
  }
  if (stat.isDirectory()) {
    const found = readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(nd)?json$/i.test(f) && !f.split(/[\\/]/).includes('node_modules'))
      .map((f) => join(path, f))
      .filter((f) => statSync(f).isFile())
      .sort();
    if (found.length === 0) ioErrors.push(`The folder ${path} holds no .json or .ndjson file.`);
    out.push(...found);
  } else out.push(path);
}

function progress(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`);
  if (done === total) process.stderr.write('\n');
}

/** --ig: the packages and their dependencies, registered; one that cannot be loaded is a usage error saying why. */
async function loadIgs(specs: string[], register: (defs: ExtraDefinitions) => void): Promise<void> {
  const { PackageError, loadPackages } = await import('./packages.ts');
  try {
    for (const pkg of loadPackages(specs)) {
      register(pkg.definitions);
      for (const w of pkg.warnings) process.stderr.write(`parcours-validate: ${w}\n`);
    }
  } catch (err) {
    if (err instanceof PackageError) throw new UsageError(err.message);
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        profile: { type: 'string', multiple: true },
        ig: { type: 'string', multiple: true },
        'allow-unknown-extensions': { type: 'boolean' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}.`);
  }
  if (args.values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const format = args.values.format ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`Unknown format "${format}": use text, json, junit or operationoutcome.`);
  if (args.positionals.length === 0) throw new UsageError('Give at least one file, folder, glob pattern, or - for standard input.');

  const started = performance.now();
  const { validate, knownProfiles, register, resolveProfileName } = await import('./index.ts');
  if (args.values.ig?.length) await loadIgs(args.values.ig, register);
  const profiles: string[] = [];
  for (const p of args.values.profile ?? []) {
    const url = resolveProfileName(p);
    if (!url) {
      const names = knownProfiles().map((k) => k.name).filter(Boolean).join(', ');
      throw new UsageError(`Unknown profile "${p}": give a canonical URL or a profile name${names ? ` (${names})` : ''}.`);
    }
    profiles.push(url);
  }
  const options = { ...(profiles.length ? { profile: profiles } : {}), ...(args.values['allow-unknown-extensions'] ? { unknownExtensions: 'information' as const } : {}) };

  const ioErrors: string[] = [];
  const files: string[] = [];
  for (const p of args.positionals) collect(p, files, ioErrors);
  const results: Result[] = [];
  const showProgress = process.stderr.isTTY === true && files.length > 20;
  const check = (source: string, value: unknown): void => {
    const type = value && typeof value === 'object' && typeof (value as { resourceType?: unknown }).resourceType === 'string' ? (value as { resourceType: string }).resourceType : undefined;
    results.push({ source, resourceType: type, outcome: validate(value, options) });
  };
  files.forEach((file, index) => {
    let text: string;
    try {
      text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    } catch (err) {
      ioErrors.push(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}.`);
      return;
    }
    const ndjson = /\.ndjson$/i.test(file);
    let whole: unknown;
    let wholeError: string | undefined;
    if (!ndjson) {
      try {
        whole = parseJsonText(text);
      } catch (err) {
        wholeError = err instanceof Error ? err.message : String(err);
      }
    }
    const lines = text.split(/\r?\n/);
    const looksNdjson = ndjson || (file === '-' && wholeError !== undefined && lines.filter((l) => l.trim()).length > 1);
    if (!looksNdjson) {
      if (wholeError) results.push({ source: file, outcome: fail(`Malformed JSON: ${wholeError}. Fix the syntax; nothing in this file was validated.`) });
      else check(file, whole);
    } else {
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        const source = `${file}:${i + 1}`;
        try {
          check(source, JSON.parse(line));
        } catch (err) {
          results.push({ source, outcome: fail(`Malformed JSON on line ${i + 1}: ${err instanceof Error ? err.message : String(err)}. In NDJSON each line must be one complete resource.`) });
        }
      });
    }
    if (showProgress) progress(index + 1, files.length);
  });

  const seconds = (performance.now() - started) / 1000;
  const totals = count(results, files.length);
  const output =
    format === 'json' ? formatJson(results, totals) : format === 'junit' ? formatJunit(results, totals, seconds) : format === 'operationoutcome' ? formatOperationOutcome(results) : formatText(results, totals, seconds);
  process.stdout.write(output);
  for (const e of ioErrors) process.stderr.write(`parcours-validate: ${e}\n`);
  if (ioErrors.length > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`parcours-validate: ${err.message}\nRun parcours-validate --help for usage.\n`);
    } else {
      process.stderr.write(`parcours-validate: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exitCode = 2;
  },
);
