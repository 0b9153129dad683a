// Benchmark of the app (prints figures; no assertions). Builds dist/, then:
//  1. initial JavaScript gzip size (target <= 160 KB);
//  2. starts the real sandbox in this process (port 0, temporary data folder, the fresh dist/ as the app) and
//     measures EHR launch URL → full plan rendered for the heavy person as the GP, side by side with a bare
//     fhirclient page that only reads the Patient, interleaved in the same run, in headless Chromium; and the FHIR
//     requests after the token (target <= 3).
// Usage: node packages/app/bench/app.ts [--runs 7]
import { freshDist, loadAverage, runsArg, timeLimit } from './harness.ts';
import { compareLaunches, printComparison } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';
import { measureInitialJs } from './size.ts';

const dist = freshDist();
const size = measureInitialJs(dist);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
console.log(`initial JS (gzip): ${kb(size.initialGzipBytes)} (target <= 160 KB)`);
for (const f of size.files) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);
console.log('lazy chunks (gzip):');
for (const f of size.lazy.sort((a, b) => b.gzip - a.gzip).slice(0, 8)) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);

const runs = runsArg(7, 5);
const bench = await startSandboxBench(dist);
// Bounded: the whole comparison gives up after 10 minutes.
const cancel = timeLimit(10);
try {
  const comparison = await compareLaunches(bench.app, bench.bare, runs, bench.server);
  console.log(await loadAverage());
  printComparison(comparison, bench.patientNote);
} finally {
  cancel();
  await bench.close();
}
