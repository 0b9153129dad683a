// Builds the app once for the whole e2e run (every file serves the same production build), as `npm start` makes
// it: vitest sets NODE_ENV=test, which would give a development JSX runtime.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..', '..');
  execFileSync('pnpm', ['--filter', '@parcours/app', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
}
