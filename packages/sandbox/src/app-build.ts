// The sandbox serves the built app (packages/app/dist). `npm start` rebuilds it only when a source it is built from
// is newer than the build: the app itself and the workspace packages it bundles (validator, profiles).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED = new Set(['node_modules', 'dist', 'docs', 'bench', '.vite']);

/** Newest modification time (ms) of the files under these paths, skipping build output and dependencies. */
export function newestSourceTime(paths: string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (!stat.isDirectory()) {
      if (path.endsWith('.md')) return; // documentation is not built
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    for (const entry of readdirSync(path)) {
      if (!SKIPPED.has(entry)) visit(join(path, entry));
    }
  };
  paths.forEach(visit);
  return newest;
}

/** True when `output` is missing or older than any source under `sources`. */
export function isBuildStale(sources: string[], output: string): boolean {
  const built = statSync(output, { throwIfNoEntry: false });
  return !built || newestSourceTime(sources) > built.mtimeMs;
}

/** Builds the app when its build is missing or stale; returns what was done, for the start-up log. */
export function ensureAppBuilt(root: string): 'built' | 'up to date' {
  const app = join(root, 'packages', 'app');
  const sources = [app, join(root, 'packages', 'validator', 'src'), join(root, 'packages', 'profiles', 'src'), join(root, 'pnpm-lock.yaml')];
  if (!isBuildStale(sources, join(app, 'dist', 'index.html'))) return 'up to date';
  const result = spawnSync('pnpm', ['--filter', '@parcours/app', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !existsSync(join(app, 'dist', 'index.html'))) {
    throw new Error('The app could not be built (pnpm --filter @parcours/app build failed): see the messages above.');
  }
  return 'built';
}
