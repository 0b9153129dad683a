#!/usr/bin/env node
// Typechecks the Node packages through the root tsconfig.json, then every package that needs compiler
// options of its own (the browser app) through its own tsconfig.json. No build is needed: `paths` and
// `exports` point at each package's src/index.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['tsconfig.json', ...readdirSync(join(root, 'packages'))
  .map((name) => join('packages', name, 'tsconfig.json'))
  .filter((path) => existsSync(join(root, path)))];
let failed = false;
for (const project of projects) {
  const result = spawnSync('tsc', ['-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[typecheck] ${project} has type errors.`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
