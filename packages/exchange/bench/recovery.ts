// Benchmark: time from the FHIR server's return after an outage to the discharges applied, with the exchange's
// default retry settings. Everything is real (SMART server, @parcours/fhir-server on disk, the exchange over HTTP).
// Messages are sent while the server is down; it stays down BENCH_OUTAGE_S seconds, then comes back on the same port.
//   node packages/exchange/bench/recovery.ts                       (this tree)
//   BENCH_BASELINE=/work/main/packages/exchange node packages/exchange/bench/recovery.ts   (another checkout, same script)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bundle, Encounter } from '@medplum/fhirtypes';
import type * as Testing from '../src/testing.ts';

const root = resolve(process.env.BENCH_BASELINE ?? join(import.meta.dirname, '..'));
const { dischargeBundleExample, startBackend, startExchangeHttp } = (await import(join(root, 'src/testing.ts'))) as typeof Testing;
const outageS = Number(process.env.BENCH_OUTAGE_S ?? 70);
const count = Number(process.env.BENCH_MESSAGES ?? 10);

const dir = mkdtempSync(join(tmpdir(), 'parcours-exchange-recovery-'));
const backend = await startBackend({ dataDir: join(dir, 'fhir') });
// retry: {} = the exchange's own defaults (the test fixture's fast retries are overridden).
const ex = await startExchangeHttp(backend, { dataDir: join(dir, 'inbox'), retry: {} });
const hospital = await backend.token('chu-roubaix');

function discharge(n: number): Bundle {
  const bundle = dischargeBundleExample();
  bundle.identifier = { system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sortie', value: `RECOVERY-${n}` };
  const encounter = bundle.entry?.find((e) => e.resource?.resourceType === 'Encounter')?.resource as Encounter;
  encounter.identifier = [{ system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sejour', value: `SEJ-RECOVERY-${n}` }];
  return bundle;
}

// Warm-up (validator, token, JIT): one message applied before the outage.
const send = async (bundle: Bundle): Promise<string> => {
  const res = await fetch(`${ex.base}/exchange/fhir/Bundle`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${hospital}` },
    body: JSON.stringify(bundle),
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`bench message refused: ${res.status}`);
  return res.headers.get('x-exchange-message-id') ?? '';
};
await send(discharge(-1));
await ex.exchange.drain(60_000);

await backend.stopFhir();
const ids: string[] = [];
for (let i = 0; i < count; i++) ids.push(await send(discharge(i)));
await new Promise((r) => setTimeout(r, outageS * 1000));
await backend.startFhir();
const back = Date.now();
await ex.exchange.drain(5 * 60_000);
const after = ids.map((id) => {
  const m = ex.exchange.inbox.get(id);
  if (m?.status !== 'applied' || !m.appliedAt) throw new Error(`message ${id} ${m?.status}: ${m?.lastError ?? ''}`);
  return { ms: m.appliedAt - back, attempts: m.attempts };
});
const ms = after.map((a) => a.ms).sort((a, b) => a - b);
console.log(`recovery bench (${root === resolve(join(import.meta.dirname, '..')) ? 'this tree' : root}): ${count} discharges sent during a ${outageS} s FHIR outage, default retry settings`);
console.log('| FHIR back → first applied | FHIR back → last applied | attempts per message (min–max) |');
console.log('|---:|---:|---:|');
console.log(`| ${(ms[0]! / 1000).toFixed(1)} s | ${(ms[ms.length - 1]! / 1000).toFixed(1)} s | ${Math.min(...after.map((a) => a.attempts))}–${Math.max(...after.map((a) => a.attempts))} |`);
await ex.close();
await backend.close();
rmSync(dir, { recursive: true, force: true });
