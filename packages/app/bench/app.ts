// Benchmark of the app (prints figures; no assertions). Builds dist/, then:
//  1. initial JavaScript gzip size;
//  2. when a sandbox is reachable (SANDBOX_URL, default http://localhost:8080), launch-to-plan time for the heavy
//     person vs a bare fhirclient page that only reads the Patient, same run, and the FHIR requests after the token.
// Usage: node packages/app/bench/app.ts [--runs 5]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launchBench } from './launch.ts';
import { measureInitialJs } from './size.ts';

const appDir = join(import.meta.dirname, '..');
const dist = join(appDir, 'dist');
// Always measure a fresh build of the current sources.
const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error'], { cwd: appDir, stdio: 'inherit', timeout: 300_000 });
if (build.status !== 0) throw new Error('vite build failed');
const size = measureInitialJs(dist);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
console.log(`initial JS (gzip): ${kb(size.initialGzipBytes)} (target <= 160 KB)`);
for (const f of size.files) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);
console.log('lazy chunks (gzip):');
for (const f of size.lazy.sort((a, b) => b.gzip - a.gzip).slice(0, 8)) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
await launchBench(process.env.SANDBOX_URL ?? 'http://localhost:8080', runs);
