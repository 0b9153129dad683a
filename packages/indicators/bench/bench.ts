// Benchmark (issue 16): one year of a 1,000-person programme. Loads `--people 1000` (BENCH_PEOPLE) into a
// file-backed embedded server once (kept in .data/bench-indicators-<people>/ for the next runs), then, for the
// structure with the most people, times every Measure through $evaluate-measure over HTTP, and the same through
// plain FHIR searches over HTTP (the CLI's way, SMART Backend Services tokens). Prints the figures; asserts nothing.
//   node packages/indicators/bench/bench.ts            (targets: ≤ 2 s with $evaluate-measure, ≤ 30 s by searches)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeasureReport, Resource } from '@medplum/fhirtypes';
import { generateCohort } from '@parcours/cohort';
import { start } from '@parcours/fhir-server';
import type { FhirGuard } from '@parcours/fhir-server';
import { examples } from '@parcours/profiles';
import { startSmartServer } from '@parcours/smart';
import type { SmartServer } from '@parcours/smart';
import { WatchClient } from '@parcours/watch';
import { exportJWK, generateKeyPair } from 'jose';
import { INDICATOR_SCOPES, MEASURES, evaluateOperationRoute } from '../src/index.ts';
import { runIndicators } from '../src/run.ts';

const people = Number(process.env.BENCH_PEOPLE ?? 1000);
const structure = process.env.BENCH_STRUCTURE ?? 'OrganizationMicrostructureOfficeExample';
const dataDir = join(import.meta.dirname, '..', '..', '..', '.data', `bench-indicators-${people}`);
const marker = join(dataDir, 'loaded');
const fresh = !existsSync(marker);
mkdirSync(dataDir, { recursive: true });

const holder: { smart?: SmartServer } = {};
const guard: FhirGuard = { authorize: (req, request) => (holder.smart as SmartServer).guard.authorize(req, request) };
const fhir = await start({ dataDir, guard, synchronous: 'NORMAL', operations: evaluateOperationRoute() });
if (fresh) {
  const started = performance.now();
  const resources: Resource[] = [...examples.filter((r) => r.resourceType !== 'Bundle'), ...generateCohort({ people })];
  await fhir.server.repository.withTransaction(async (tx) => {
    for (const r of resources) await tx.updateResource(r as Resource & { id: string });
  }, { resourceTypes: [...new Set(resources.map((r) => r.resourceType))] } as never);
  writeFileSync(marker, String(resources.length));
  console.log(`[bench] loaded ${resources.length} resources (${people} people) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const pair = await generateKeyPair('ES384', { extractable: true });
const jwk = { ...(await exportJWK(pair.privateKey)), kid: 'bench', alg: 'ES384' };
const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'bench', alg: 'ES384' };
const auth = await startSmartServer((origin) => ({
  fhirBaseUrl: fhir.url, authBaseUrl: `${origin}/auth`, users: [], backendTokenLifetime: 3600,
  clients: [{ clientId: 'bench', type: 'confidential-asymmetric', scopes: INDICATOR_SCOPES, jwks: { keys: [publicJwk] } }],
}));
holder.smart = auth.smart;
const client = new WatchClient({ fhirBaseUrl: fhir.url, tokenEndpoint: `${auth.origin}/auth/token`, clientId: 'bench', privateJwk: jwk, scope: INDICATOR_SCOPES, timeoutMs: 600_000 });
const token = await client.accessToken();

const figures = (r: MeasureReport): string => (r.group ?? []).map((g) => `${g.id} ${(g.population ?? []).map((p) => p.count).join('/')}`).join(', ');
console.log(`[bench] ${people} people, structure ${structure}, period 2026; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
let operationTotal = 0;
for (const measure of MEASURES) {
  const started = performance.now();
  const res = await fetch(`${fhir.url}/Measure/${measure.id}/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-12-31&subject=Organization/${structure}`, { headers: { Authorization: `Bearer ${token}` } });
  const report = (await res.json()) as MeasureReport;
  const ms = performance.now() - started;
  operationTotal += ms;
  console.log(`  $evaluate-measure ${(measure.id ?? '').padEnd(32)} ${String(Math.round(ms)).padStart(6)} ms  ${res.status}  ${figures(report)}`);
}
console.log(`[bench] $evaluate-measure, all ${MEASURES.length} measures one after the other: ${(operationTotal / 1000).toFixed(2)} s (target ≤ 2 s)`);
const searchStarted = performance.now();
const requestsBefore = client.requests;
await runIndicators(client, { period: { start: '2026-01-01', end: '2026-12-31' }, structure });
console.log(`[bench] plain FHIR searches over HTTP (the CLI's way), all ${MEASURES.length} measures, searches shared: ${((performance.now() - searchStarted) / 1000).toFixed(2)} s, ${client.requests - requestsBefore} requests (target ≤ 30 s)`);
await auth.close();
await fhir.close();
