// Test helper (run as a child process by durability.test.ts): serves dataDir and loads Patients through HTTP,
// printing its connection's durability pragmas, then "ack <id>" once each create is acknowledged, until killed
// (bounded to 20 s).
import type { SqliteRepository } from './repository.ts';
import { start } from './server.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  throw new Error('usage: node kill-loader.ts <dataDir>');
}
const { url, server } = await start({ dataDir });
// The durability test checks that this process, started with the defaults, really fsyncs each commit.
const db = (server.repository as SqliteRepository).store.db;
const pragma = (name: string): unknown => (db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown>)[name];
process.stdout.write(`pragma synchronous=${String(pragma('synchronous'))} journal_mode=${String(pragma('journal_mode'))}\n`);
const deadline = Date.now() + 20_000;
for (let i = 0; Date.now() < deadline; i++) {
  const res = await fetch(`${url}/Patient`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Patient', name: [{ family: `Charge${i}`, given: ['Test'] }] }),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status === 201 && body.id) {
    process.stdout.write(`ack ${body.id}\n`);
  }
}
process.exit(0);
