// Bench helper, run as a child process by plan-load.ts: serves one checkout's FHIR server on a port, loaded with
// the profiles' examples and the synthetic cohort (heavy person included), and prints "ready <url>" when it can
// take traffic. Usage: node serve.ts <path to that checkout's packages/fhir-server/src/server.ts> <dataDir> <port>
import type { Resource } from '@medplum/fhirtypes';
import { generateCohort } from '@parcours/cohort';
import { examples } from '@parcours/profiles';

interface Started {
  url: string;
  server: { repository: { withTransaction<T>(fn: (tx: { updateResource(r: Resource): Promise<unknown> }) => Promise<T>, o?: unknown): Promise<T> } };
}

const [serverModule, dataDir, port] = process.argv.slice(2);
if (!serverModule || !dataDir || !port) {
  throw new Error('usage: node serve.ts <server.ts> <dataDir> <port>');
}
const { start } = (await import(serverModule)) as { start(o: { dataDir: string; port: number; readWorkers?: number }): Promise<Started> };
// BENCH_READ_WORKERS applies to this checkout only (the option is new; a baseline ignores it).
const started = await start({ dataDir, port: Number(port), readWorkers: Number(process.env.BENCH_READ_WORKERS ?? 0) });
const resources = [...(examples as Resource[]).filter((r) => r.resourceType !== 'Bundle'), ...generateCohort()];
const t0 = performance.now();
await started.server.repository.withTransaction(async (tx) => {
  for (const resource of resources) await tx.updateResource(resource);
}, { resourceTypes: [] });
process.stdout.write(`loaded ${resources.length} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
process.stdout.write(`ready ${started.url}\n`);
