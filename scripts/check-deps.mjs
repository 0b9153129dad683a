#!/usr/bin/env node
// Dependencies point one way (root README, "Packages and data flow"): each internal package may depend only on
// the packages listed for it below, and the app's runtime code (packages/app/src outside its tests) imports no
// server package and no Node built-in. Unused and undeclared dependencies are knip's part (knip.jsonc).
// Prints one sentence per violation and exits 1 if there is any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(import.meta.url)('typescript');

/** packages/<folder> → the internal packages it may depend on (dependencies and devDependencies alike). */
export const ALLOWED = {
  profiles: [],
  definitions: ['profiles'],
  outcomes: ['profiles'],
  http: ['outcomes', 'profiles'],
  validator: ['profiles', 'definitions', 'outcomes'],
  // Its load bench reads the synthetic cohort (devDependency only; cohort itself needs no server).
  'fhir-server': ['profiles', 'validator', 'outcomes', 'http', 'cohort'],
  smart: ['profiles', 'validator', 'outcomes', 'http'],
  exchange: ['profiles', 'validator', 'fhir-server', 'smart', 'outcomes', 'http'],
  cohort: ['profiles', 'validator'],
  // http: its backend-token module only (the SMART Backend Services token client it shares with the exchange).
  watch: ['profiles', 'outcomes', 'http', 'cohort', 'fhir-server', 'smart'],
  // The CLI uses the watch's SMART Backend Services client; its tests run a real server (devDependencies).
  indicators: ['profiles', 'outcomes', 'http', 'watch', 'cohort', 'fhir-server', 'smart'],
  sandbox: ['profiles', 'validator', 'fhir-server', 'smart', 'exchange', 'cohort', 'outcomes', 'http', 'watch', 'indicators'],
  // The app's tests and benches run the servers; its runtime is held apart by APP_RUNTIME below.
  app: ['profiles', 'validator', 'outcomes', 'definitions', 'http', 'fhir-server', 'smart', 'exchange', 'cohort', 'sandbox'],
};
/** What the app ships to the browser may depend on (its `dependencies`, and what they depend on in turn). */
export const APP_RUNTIME = ['profiles', 'definitions', 'validator', 'outcomes'];
/** Packages the app's runtime code must never import. */
export const SERVER_PACKAGES = ['fhir-server', 'smart', 'exchange', 'sandbox', 'cohort', 'http', 'watch', 'indicators'];

const internal = (name) => (name.startsWith('@parcours/') ? name.slice('@parcours/'.length) : undefined);

function manifests() {
  const found = new Map();
  for (const folder of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', folder, 'package.json');
    if (existsSync(file)) found.set(folder, JSON.parse(readFileSync(file, 'utf8')));
  }
  return found;
}

/** Violations of ALLOWED and APP_RUNTIME in the manifests. */
export function manifestViolations(packages = manifests()) {
  const problems = [];
  for (const [folder, manifest] of packages) {
    const allowed = ALLOWED[folder];
    if (!allowed) {
      problems.push(`packages/${folder} is not in the dependency table of scripts/check-deps.mjs: add it, with the packages it may depend on.`);
      continue;
    }
    for (const field of ['dependencies', 'devDependencies']) {
      for (const dep of Object.keys(manifest[field] ?? {}).map(internal).filter(Boolean)) {
        if (!allowed.includes(dep)) problems.push(`@parcours/${folder} depends on @parcours/${dep} (${field}): the wrong way; it may depend on ${allowed.join(', ') || 'no internal package'}.`);
      }
    }
  }
  // The app's runtime dependencies, followed through the dependencies of each internal package they reach.
  const seen = new Set();
  const visit = (folder, path) => {
    for (const dep of Object.keys(packages.get(folder)?.dependencies ?? {}).map(internal).filter(Boolean)) {
      if (!APP_RUNTIME.includes(dep)) problems.push(`the app's runtime reaches @parcours/${dep} (${[...path, dep].join(' → ')}): only ${APP_RUNTIME.join(', ')} may reach the browser.`);
      else if (!seen.has(dep)) {
        seen.add(dep);
        visit(dep, [...path, dep]);
      }
    }
  };
  if (packages.has('app')) visit('app', ['app']);
  return problems;
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Imports of server packages and Node built-ins in the app's runtime code (packages/app/src, tests excepted). */
export function appImportViolations(dir = join(root, 'packages', 'app', 'src')) {
  const builtins = new Set(builtinModules);
  const problems = [];
  for (const file of sourceFiles(dir)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: spec } of importedFiles) {
      const dep = internal(spec.split('/').slice(0, 2).join('/'));
      const where = relative(root, file);
      if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) problems.push(`${where} imports the Node built-in ${spec}: the app runs in the browser.`);
      else if (dep && SERVER_PACKAGES.includes(dep)) problems.push(`${where} imports ${spec}: the app never imports server code.`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = [...manifestViolations(), ...appImportViolations()];
  for (const problem of problems) console.error(`[deps] ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log(`[deps] ${Object.keys(ALLOWED).length} packages checked: every internal dependency points the allowed way; the app's runtime imports no server code.`);
}
