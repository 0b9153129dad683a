#!/usr/bin/env node
// Entry point of the two README commands (`npm start`, `npm test`). It runs on the machine's own Node
// (20 is enough) and brings what the workspace needs: Node 22 and the pinned pnpm, installed from the npm
// registry into `.tools/` (no global install), then the workspace's dependencies, then the task.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '22.23.3';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1].split('+')[0];
const toolsDir = join(root, '.tools');
const toolsBin = join(toolsDir, 'node_modules', '.bin');
const stampFile = join(toolsDir, 'versions.json');
const wanted = JSON.stringify({ node: NODE_VERSION, pnpm: pnpmVersion });

const tasks = { sandbox: 'sandbox', check: 'check' };
const task = tasks[process.argv[2]];
if (!task) {
  console.error(`Usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join('|')}> (unknown task "${process.argv[2] ?? ''}").`);
  process.exit(2);
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    process.exit(2);
  }
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== wanted || !existsSync(join(toolsBin, 'pnpm'))) {
  console.log(`[parcours] installing Node ${NODE_VERSION} and pnpm ${pnpmVersion} into .tools/ (one time)`);
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    `node@${NODE_VERSION}`, `pnpm@${pnpmVersion}`], process.env);
  writeFileSync(stampFile, wanted);
}

const env = {
  ...process.env,
  PATH: `${toolsBin}${delimiter}${process.env.PATH ?? ''}`,
  // pnpm must not try to fetch another pnpm: the one in .tools/ is the pinned one.
  COREPACK_ENABLE_STRICT: '0',
  npm_config_manage_package_manager_versions: 'false',
};
run(join(toolsBin, 'pnpm'), ['install', '--frozen-lockfile', '--prefer-offline'], env);
run(join(toolsBin, 'pnpm'), ['run', task], env);
