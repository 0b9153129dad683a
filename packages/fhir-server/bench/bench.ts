// Benchmark of the embedded FHIR server (prints figures; no assertions). Run: node packages/fhir-server/bench/bench.ts
// BENCH_SIZES=50000,200000,500000 sets the store sizes for the growth measure (default 50000,200000).
import type { Bundle, BundleEntry, Observation, Patient } from '@medplum/fhirtypes';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../src/server.ts';
import type { SqliteRepository } from '../src/repository.ts';

const sizes = (process.env.BENCH_SIZES ?? '50000,200000').split(',').map(Number);
const FAMILIES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];
const GIVEN = ['Camille', 'Léa', 'Hugo', 'Louis', 'Chloé', 'Lucas', 'Manon', 'Jules', 'Inès', 'Gabriel'];
const CODES = [['74013-4', 'Alcoholic drinks per day'], ['72166-2', 'Tobacco smoking status'], ['75626-2', 'AUDIT-C total score']] as const;

let seq = 0;
function patient(n: number): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: String(1_800_000_000_000 + n) }],
    name: [{ family: FAMILIES[n % 10] ?? 'Martin', given: [GIVEN[(n >> 3) % 10] ?? 'Camille'] }],
    gender: n % 2 ? 'female' : 'male',
    birthDate: `${1950 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
    address: [{ city: 'Lyon', postalCode: '6900' + (n % 10) }],
  };
}
function observation(subject: string, day: number): Observation {
  const [code, display] = CODES[seq++ % 3] ?? CODES[0];
  const date = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000 + (seq % 86_400) * 1000).toISOString();
  return {
    resourceType: 'Observation',
    status: 'final',
    meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SUD' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history' }] }],
    code: { coding: [{ system: 'http://loinc.org', code, display }] },
    subject: { reference: subject },
    effectiveDateTime: date,
    valueQuantity: { value: seq % 12, unit: 'verres/jour', system: 'http://unitsofmeasure.org', code: '{drinks}/d' },
  };
}

/** A transaction bundle: one patient (urn:uuid) and its observations. */
function personBundle(n: number, observations: number): Bundle {
  const urn = `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const entry: BundleEntry[] = [{ fullUrl: urn, resource: patient(n), request: { method: 'POST', url: 'Patient' } }];
  for (let i = 0; i < observations; i++) entry.push({ resource: observation(urn, i * 3), request: { method: 'POST', url: 'Observation' } });
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: median(t), p95: t[Math.floor(t.length * 0.95)] ?? NaN };
}
const fmt = (x: number): string => x.toFixed(2);

/** fetch that retries once: an idle keep-alive socket may have been closed by the server during a long load. */
async function get(target: string): Promise<ArrayBuffer> {
  try {
    return await (await fetch(target)).arrayBuffer();
  } catch {
    return (await fetch(target)).arrayBuffer();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'parcours-bench-'));
const server = await start({ dataDir });
const { url } = server;
const repo = server.server.repository as SqliteRepository;
let stored = 0;

try {
  console.log(`# @parcours/fhir-server benchmark (node ${process.version}, store in ${dataDir}, synchronous=FULL)`);
  // 1. Load a 50,000-resource cohort through HTTP transactions (1,000 people x 1 Patient + 49 Observations).
  let t0 = performance.now();
  for (let n = 0; n < 1000; n++) {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(personBundle(n, 49)) });
    if (res.status !== 200) throw new Error(`load failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  stored += 50_000;
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(`load 50,000 resources via 1,000 HTTP transactions: ${loadSeconds.toFixed(1)} s (${Math.round(50_000 / loadSeconds)} resources/s; target <= 60 s)`);

  // 2. One person with 1,500 Observations.
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(personBundle(999_999, 1500)) });
  const tx = (await res.json()) as Bundle;
  const pid = tx.entry?.[0]?.resource?.id as string;
  stored += 1501;
  const obsId = tx.entry?.[1]?.resource?.id as string;
  const query = `${url}/Observation?patient=${pid}&_sort=-date&_count=100`;
  const check = (await (await fetch(query)).json()) as Bundle;
  if (check.total !== 1500 || check.entry?.length !== 100) throw new Error(`unexpected search result ${check.total}`);

  const bench = async (label: string): Promise<number> => {
    const http = await timeIt(50, () => get(query));
    const lib = await timeIt(50, () => repo.search({ resourceType: 'Observation', filters: [{ code: 'patient', operator: 'eq', value: pid }], sortRules: [{ code: 'date', descending: true }], count: 100 }));
    console.log(`[${label}] 1,500 Observations of one person, _sort=-date&_count=100: HTTP median ${fmt(http.median)} ms (p95 ${fmt(http.p95)}), repository median ${fmt(lib.median)} ms (target <= 20 ms)`);
    return http.median;
  };
  const readBench = async (label: string): Promise<void> => {
    const http = await timeIt(300, () => get(`${url}/Observation/${obsId}`));
    const lib = await timeIt(300, () => repo.readResource('Observation', obsId));
    console.log(`[${label}] read by id: HTTP median ${fmt(http.median)} ms (p95 ${fmt(http.p95)}), repository median ${fmt(lib.median)} ms (target <= 1 ms)`);
  };
  const tokenBench = async (label: string): Promise<number> => {
    const q = `${url}/Patient?identifier=urn:oid:1.2.250.1.213.1.4.8|1800000000500`;
    const http = await timeIt(50, () => get(q));
    console.log(`[${label}] Patient?identifier=system|value: HTTP median ${fmt(http.median)} ms`);
    return http.median;
  };

  const growth: { size: number; sort: number; token: number }[] = [];
  const measure = async (): Promise<void> => {
    const label = `${stored.toLocaleString('en')} resources`;
    const sort = await bench(label);
    await readBench(label);
    const token = await tokenBench(label);
    growth.push({ size: stored, sort, token });
  };
  await measure();

  // 3. Grow the store (through the repository in 2,000-resource transactions) and measure again.
  let n = 1000;
  for (const size of sizes.filter((s) => s > stored)) {
    t0 = performance.now();
    const before = stored;
    while (stored < size) {
      await repo.withTransaction(async (txRepo) => {
        for (let k = 0; k < 40; k++, n++) {
          const p = await txRepo.createResource(patient(n));
          for (let i = 0; i < 49; i++) await txRepo.createResource(observation(`Patient/${p.id}`, i * 3));
        }
      }, { resourceTypes: ['Patient', 'Observation'] });
      stored += 2000;
    }
    const s = (performance.now() - t0) / 1000;
    console.log(`grew ${before.toLocaleString('en')} -> ${stored.toLocaleString('en')} resources in ${s.toFixed(0)} s (${Math.round((stored - before) / s)} resources/s, repository API)`);
    await measure();
  }
  const first = growth[0];
  const last = growth.at(-1);
  if (first && last) {
    console.log(`growth ${first.size.toLocaleString('en')} -> ${last.size.toLocaleString('en')}: sort search x${(last.sort / first.sort).toFixed(2)}, token search x${(last.token / first.token).toFixed(2)} (target <= 2x)`);
  }
  console.log(`database file: ${(statSync(join(dataDir, 'fhir.sqlite')).size / 1e6).toFixed(0)} MB`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
