// Benchmark of the app (prints figures; no assertions). Builds dist/, then:
//  1. initial JavaScript gzip size (target <= 160 KB);
//  2. starts the real sandbox in this process (port 0, temporary data folder, the fresh dist/ as the app) and
//     measures EHR launch URL → full plan rendered for the heavy person as the GP, side by side with a bare
//     fhirclient page that only reads the Patient, interleaved in the same run, in headless Chromium; and the FHIR
//     requests after the token (target <= 3).
// Usage: node packages/app/bench/app.ts [--runs 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLaunches, printComparison } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';
import { measureInitialJs } from './size.ts';

const appDir = join(import.meta.dirname, '..');
// Always measure a fresh build of the current sources, in a folder of its own: packages/app/dist may be rebuilt
// (emptied) by a concurrent `pnpm --filter @parcours/app build` while the sandbox serves it.
const dist = mkdtempSync(join(tmpdir(), 'parcours-app-dist-'));
process.on('exit', () => rmSync(dist, { recursive: true, force: true }));
const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], { cwd: appDir, stdio: 'inherit', timeout: 300_000 });
if (build.status !== 0) throw new Error('vite build failed');
const size = measureInitialJs(dist);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
console.log(`initial JS (gzip): ${kb(size.initialGzipBytes)} (target <= 160 KB)`);
for (const f of size.files) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);
console.log('lazy chunks (gzip):');
for (const f of size.lazy.sort((a, b) => b.gzip - a.gzip).slice(0, 8)) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);

const runsArg = process.argv.indexOf('--runs');
const runs = Math.max(5, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7);
const bench = await startSandboxBench(dist);
// Bounded: the whole comparison gives up after 10 minutes.
const guard = setTimeout(() => {
  console.error('benchmark timed out after 10 minutes');
  process.exit(2);
}, 600_000);
try {
  printComparison(await compareLaunches(bench.app, bench.bare, runs, bench.server), bench.patientNote);
} finally {
  clearTimeout(guard);
  await bench.close();
}
