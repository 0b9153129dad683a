#!/usr/bin/env node
/**
 * parcours-validate: validates FHIR R4 JSON and NDJSON files offline against base R4 and the Parcours profiles.
 * Exit codes: 0 no errors, 1 at least one error (including malformed JSON), 2 usage or I/O error.
 */
import { globSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExtraDefinitions } from './definitions.ts';
import type { FileResults } from './files.ts';
import { count, formatJson, formatJunit, formatOperationOutcome, formatText } from './cli-report.ts';
import { checkFiles } from './files.ts';

const FORMATS = ['text', 'json', 'junit', 'operationoutcome'];
/**
 * With --threads auto, fewer files than this are validated in the main thread: each worker pays its own start
 * (definitions, the types it meets, the JIT), over a second of CPU on a varied folder, which fewer files do not repay.
 */
const AUTO_THREADS_FROM = 2_000;

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
  --threads <n|auto>     validate files over n worker threads; auto (default): one per core from
                         ${AUTO_THREADS_FROM.toLocaleString('en')} files on, the main thread alone below (each thread starts on
                         its own). The report is the same, in the same order, for any number of threads
  -h, --help             show this help

Exit codes: 0 no errors, 1 errors found (also malformed JSON), 2 usage or I/O error.

Examples:
  pnpm validate examples/patient.json
  pnpm validate --profile ParcoursCarePlan careplans/
  pnpm validate --ig hl7.fhir.fr.core#2.0.1 --ig my-guide.tgz patient.json
  pnpm validate --threads 4 exports/
  cat export.ndjson | pnpm validate --format junit - > report.xml`;

class UsageError extends Error {}

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

/**
 * --ig: the packages and their dependencies, registered (and returned, for the worker threads); one that cannot
 * be loaded is a usage error saying why.
 */
async function loadIgs(specs: string[], register: (defs: ExtraDefinitions) => void): Promise<ExtraDefinitions[]> {
  const { PackageError, loadPackages } = await import('./packages.ts');
  try {
    const loaded: ExtraDefinitions[] = [];
    for (const pkg of loadPackages(specs)) {
      register(pkg.definitions);
      loaded.push(pkg.definitions);
      for (const w of pkg.warnings) process.stderr.write(`parcours-validate: ${w}\n`);
    }
    return loaded;
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
        threads: { type: 'string', default: 'auto' },
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
  const threadsAsked = args.values.threads ?? 'auto';
  if (threadsAsked !== 'auto' && !/^[1-9]\d*$/.test(threadsAsked)) throw new UsageError(`Invalid --threads "${threadsAsked}": give a number of threads (1 or more) or auto.`);

  const started = performance.now();
  const { validate, knownProfiles, register, resolveProfileName } = await import('./index.ts');
  const definitions = args.values.ig?.length ? await loadIgs(args.values.ig, register) : [];
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
  const showProgress = process.stderr.isTTY === true && files.length > 20;
  const onProgress = showProgress ? progress : undefined;
  // Standard input is read by this thread only.
  const threads = files.includes('-') ? 1 : threadsAsked === 'auto' ? (files.length >= AUTO_THREADS_FROM ? availableParallelism() : 1) : Number(threadsAsked);
  let done: FileResults;
  if (threads > 1 && files.length > 1) {
    const { validateFilesInThreads } = await import('./threads.ts');
    done = await validateFilesInThreads(files, { ...options, threads, definitions, onProgress });
  } else done = checkFiles(files, (value) => validate(value, options), onProgress);
  const { results } = done;
  ioErrors.push(...done.ioErrors);

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
