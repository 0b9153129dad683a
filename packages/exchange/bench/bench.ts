// Benchmark: accept → applied latency (p50/p95) and messages per second, as the FHIR store grows.
// Everything is real: SMART auth server, @parcours/fhir-server on a file (synchronous=FULL), the exchange over HTTP
// with its sqlite inbox. The store grows with minimal Patients written straight into the repository.
//   node packages/exchange/bench/bench.ts            (BENCH_SIZES=1000,10000,100000 by default)
//   BENCH_SIZES=1000,5000 BENCH_BURST=100 node packages/exchange/bench/bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, Encounter, Patient } from '@medplum/fhirtypes';
import { ProfileUrl } from '@parcours/profiles';
import { DISCHARGE_GP, IPP_SYSTEM, dischargeBundleExample, startBackend, startExchangeHttp } from '../src/testing.ts';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const paced = Number(process.env.BENCH_PACED ?? 40);
const burst = Number(process.env.BENCH_BURST ?? 200);
const senders = Number(process.env.BENCH_SENDERS ?? 4);
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? 8 * 60_000);

const root = mkdtempSync(join(tmpdir(), 'parcours-exchange-bench-'));
const started = Date.now();
const backend = await startBackend({ dataDir: join(root, 'fhir') });
const ex = await startExchangeHttp(backend, { dataDir: join(root, 'inbox') });
const hospital = await backend.token('chu-roubaix');
let people = 0;
let seq = 0;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function grow(target: number): Promise<number> {
  const t0 = performance.now();
  const repo = backend.server().repository;
  while (people < target) {
    const batch = Math.min(2000, target - people);
    await repo.withTransaction(async (tx) => {
      for (let i = 0; i < batch; i++) {
        const n = people + i;
        const patient: Patient = {
          resourceType: 'Patient',
          meta: { profile: [ProfileUrl.Patient] },
          identifier: [{ system: IPP_SYSTEM, value: `IPP-B${n}` }],
          name: [{ family: `Bench${n}`, given: ['Camille'] }],
          generalPractitioner: [{ reference: DISCHARGE_GP }],
        };
        await tx.createResource(patient);
      }
    }, { resourceTypes: ['Patient'] });
    people += batch;
  }
  return performance.now() - t0;
}

/** A discharge for a random generated person, with its own bundle and stay identifiers. */
function message(): Bundle {
  const bundle = dischargeBundleExample();
  const n = seq++;
  bundle.identifier = { system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sortie', value: `BENCH-${n}` };
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.resourceType === 'Patient') entry.resource.identifier = [{ system: IPP_SYSTEM, value: `IPP-B${Math.floor(Math.random() * people)}` }];
    if (entry.resource?.resourceType === 'Encounter') (entry.resource as Encounter).identifier = [{ system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sejour', value: `SEJ-B${n}` }];
  }
  return bundle;
}

async function send(bundle: Bundle): Promise<{ id: string; acceptMs: number }> {
  const t0 = performance.now();
  const res = await fetch(`${ex.base}/exchange/fhir/Bundle`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${hospital}` },
    body: JSON.stringify(bundle),
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`bench message refused: ${res.status}`);
  return { id: res.headers.get('x-exchange-message-id') ?? '', acceptMs: performance.now() - t0 };
}

function latencies(ids: string[]): number[] {
  return ids.map((id) => {
    const m = ex.exchange.inbox.get(id);
    if (m?.status !== 'applied' || !m.appliedAt) throw new Error(`message ${id} ${m?.status}: ${m?.lastError ?? m?.parkReason ?? ''}`);
    return m.appliedAt - m.receivedAt;
  });
}

// Warm-up (JIT, validator caches, token): not measured.
await grow(Math.min(sizes[0] ?? 1000, 1000));
for (let i = 0; i < 60; i++) await send(message());
await ex.exchange.drain(120_000);

console.log(`exchange bench: paced ${paced} messages (one at a time), burst ${burst} messages (${senders} senders), worker concurrency 1`);
console.log('| people in store | growth (s) | accept p95 (ms) | paced accept→applied p50 / p95 (ms) | burst msgs/s | burst accept→applied p95 (ms) |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  if (Date.now() - started > budgetMs) {
    console.log(`| ${size} | skipped: time budget of ${budgetMs / 1000} s spent | | | | |`);
    continue;
  }
  const growMs = await grow(size);
  // paced: the latency of one message with an idle queue
  const pacedIds: string[] = [];
  const accept: number[] = [];
  for (let i = 0; i < paced; i++) {
    const { id, acceptMs } = await send(message());
    pacedIds.push(id);
    accept.push(acceptMs);
    await ex.exchange.drain(60_000);
  }
  const pacedLat = latencies(pacedIds);
  // burst: throughput with a queue
  const burstIds: string[] = [];
  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < burst) {
        next++;
        const { id, acceptMs } = await send(message());
        burstIds.push(id);
        accept.push(acceptMs);
      }
    }),
  );
  await ex.exchange.drain(10 * 60_000);
  const lastApplied = Math.max(...burstIds.map((id) => ex.exchange.inbox.get(id)?.appliedAt ?? 0));
  const rate = burst / ((lastApplied - t0) / 1000);
  const burstLat = latencies(burstIds);
  console.log(
    `| ${size.toLocaleString('en')} | ${(growMs / 1000).toFixed(1)} | ${percentile(accept, 95).toFixed(1)} | ${percentile(pacedLat, 50).toFixed(0)} / ${percentile(pacedLat, 95).toFixed(0)} | ${rate.toFixed(1)} | ${percentile(burstLat, 95).toFixed(0)} |`,
  );
}
console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
await ex.close();
await backend.close();
rmSync(root, { recursive: true, force: true });
