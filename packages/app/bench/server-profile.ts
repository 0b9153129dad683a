// Profiles the sandbox's side of the plan: starts the real sandbox in this process (persisted data folder given as
// argument, or a temporary one), launches as the GP on the heavy person (EHR launch, PKCE), then sends the app's
// three plan requests N times and prints per-request server time (median). Run with `node --cpu-prof` to profile.
// Usage: node packages/app/bench/server-profile.ts [--data <dir>] [--runs 15]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEAVY_PATIENT_ID } from '@parcours/cohort';
import { startSandbox } from '@parcours/sandbox';
import { observationQuery, planQuery } from '../src/fhir/load-plan.ts';
import { appLaunchToken } from './harness.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const given = arg('--data');
const dataDir = given ?? mkdtempSync(join(tmpdir(), 'parcours-prof-'));
const runs = Number(arg('--runs') ?? 15);
const serial = process.argv.includes('--serial');
const guard = setTimeout(() => {
  console.error('profile timed out after 5 minutes');
  process.exit(2);
}, 300_000);
const sandbox = await startSandbox({ port: 0, dataDir, appDir: tmpdir() });
try {
  const token = await appLaunchToken(sandbox, 'gp', HEAVY_PATIENT_ID);
  const fhirUser = 'Practitioner/PractitionerMicrostructureGpExample';
  const qs = (params: [string, string][]): string => new URLSearchParams(params).toString();
  const queries = [
    `Patient?${qs(planQuery(HEAVY_PATIENT_ID))}`,
    `Observation?${qs(observationQuery(HEAVY_PATIENT_ID))}`,
    `PractitionerRole?${qs([['practitioner', fhirUser], ['_include', 'PractitionerRole:organization']])}`,
  ];
  const times: number[][] = queries.map(() => []);
  const sizes: number[] = queries.map(() => 0);
  const all: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const one = async (q: string, k: number): Promise<void> => {
      const start = performance.now();
      const res = await fetch(`${sandbox.fhirBaseUrl}/${q}`, { headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/fhir+json' } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 300)}`);
      sizes[k] = (JSON.parse(body) as { entry?: unknown[] }).entry?.length ?? 0;
      const dump = arg('--dump');
      if (dump && i === 0) writeFileSync(`${dump}-${k}.json`, body);
      if (i >= 2) times[k]?.push(performance.now() - start);
    };
    if (serial) for (const [k, q] of queries.entries()) await one(q, k);
    else await Promise.all(queries.map(one));
    if (i >= 2) all.push(performance.now() - t0);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  queries.forEach((q, k) => console.log(`${median(times[k] ?? []).toFixed(0).padStart(5)} ms  ${String(sizes[k]).padStart(4)} entries  ${q.slice(0, 90)}`));
  console.log(`${median(all).toFixed(0).padStart(5)} ms  all three ${serial ? 'one after the other' : 'in parallel'} (median of ${runs})`);
} finally {
  clearTimeout(guard);
  await sandbox.close();
  if (!given) rmSync(dataDir, { recursive: true, force: true });
}
