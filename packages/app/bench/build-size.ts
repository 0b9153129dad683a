// The app's whole build, every lazy chunk included (the validator and its definitions too): raw and gzip size of
// each file and the total (target <= 600 KB gzip). Prints figures; asserts nothing.
// Usage: node packages/app/bench/build-size.ts [dist folder already built]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureBuild } from './size.ts';

const appDir = join(import.meta.dirname, '..');
let dist = process.argv[2];
if (!dist) {
  // A fresh build of the current sources in a folder of its own (packages/app/dist may be rebuilt concurrently).
  const fresh = mkdtempSync(join(tmpdir(), 'parcours-app-size-'));
  process.on('exit', () => rmSync(fresh, { recursive: true, force: true }));
  const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', fresh, '--emptyOutDir'], { cwd: appDir, stdio: 'inherit', timeout: 300_000 });
  if (build.status !== 0) throw new Error('vite build failed');
  dist = fresh;
}
const size = measureBuild(dist);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`.padStart(11);
console.log(`${'file'.padEnd(52)} ${'raw'.padStart(11)} ${'gzip'.padStart(11)}`);
for (const f of size.files) console.log(`${f.file.padEnd(52)} ${kb(f.raw)} ${kb(f.gzip)}`);
console.log(`${`total (${size.files.length} files)`.padEnd(52)} ${kb(size.rawBytes)} ${kb(size.gzipBytes)}   (target <= 600 KB gzip)`);
