#!/usr/bin/env node
// The whole test suite, as `.ci/run` and `npm test` run it: typecheck, lint, the dependency checks, regeneration
// of every generated file (which must leave the tree unchanged), then vitest (unit, integration and end-to-end), whose summary
// closes the run. Each step prints its duration; the first failing step stops the run with its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sh(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
}

function step(name, command, args) {
  const started = Date.now();
  console.log(`\n[check] ${name}: ${command} ${args.join(' ')}`);
  const result = sh(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`[check] ${name} failed after ${seconds}s (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`[check] ${name} ok in ${seconds}s`);
}

function treeState() {
  const status = sh('git', ['status', '--porcelain', '--untracked-files=all']).stdout;
  const diff = sh('git', ['diff', 'HEAD'], { maxBuffer: 1 << 30 }).stdout;
  return { status, diff };
}

step('ensure chromium', 'bash', ['scripts/ensure-chromium.sh']);
step('typecheck', 'pnpm', ['run', 'typecheck']);
step('lint', 'pnpm', ['run', 'lint']);
// Unused or undeclared dependencies (knip.jsonc), then the direction of the internal ones (scripts/check-deps.mjs).
step('dependencies', 'pnpm', ['exec', 'knip', '--dependencies', '--no-progress']);
step('dependency direction', 'node', ['scripts/check-deps.mjs']);

const before = treeState();
step('regenerate', 'pnpm', ['run', 'generate']);
const after = treeState();
const stale = process.env.CI ? after.status !== '' || after.diff !== '' : after.status !== before.status || after.diff !== before.diff;
if (stale) {
  console.error('[check] generated files are stale: regeneration changed the tree. Run `pnpm generate` and commit the result.');
  console.error(sh('git', ['status', '--short']).stdout);
  sh('git', ['--no-pager', 'diff', '--stat'], { stdio: 'inherit' });
  process.exit(1);
}
console.log('[check] generated files are up to date');

// vitest prints its own summary; the JSON report gives the plain closing line CI reads (`N passed, N failed`).
const report = join(root, '.tmp', 'vitest-report.json');
const started = Date.now();
console.log('\n[check] tests: pnpm exec vitest run');
const tests = sh('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
console.log(`[check] tests finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
let counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  counts = { passed: json.numPassedTests, failed: json.numFailedTests || json.numFailedTestSuites, skipped: json.numPendingTests + json.numTodoTests };
}
// A suite that fails to load counts as a failure even when no single test failed.
const failed = tests.status !== 0 ? Math.max(counts.failed, 1) : counts.failed;
console.log(`${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
process.exit(tests.status === 0 && failed === 0 ? 0 : 1);
