// The sandbox starts the care-break watch with its own backend client: after the cohort loads, its first pass
// raises Flags (validated on write like any client's), the client can do no more than its scopes, and a contact
// held clears the person's no-contact Flag on the next pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Encounter, Flag } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCH_CLIENT_ID, startSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parcours-sandbox-watch-'));
  sandbox = await startSandbox({ port: 0, dataDir, watch: { pollMs: 3_600_000 } });
}, 180_000);

afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

async function activeFlags(): Promise<Flag[]> {
  const bundle = await sandbox.fhir.repository.search<Flag>({ resourceType: 'Flag', count: 1000 });
  // The watch's, not the profiles' example Flag the sandbox also loads.
  return (bundle.entry ?? []).flatMap((e) => (e.resource?.status === 'active' && e.resource.author?.reference === 'Device/parcours-watch' ? [e.resource] : []));
}

describe('the sandbox care-break watch', () => {
  it('raises Flags after the data loads, authored by its Device, with its client limited to its scopes', async () => {
    const watch = sandbox.watch;
    if (!watch) throw new Error('the sandbox started no watch');
    const deadline = Date.now() + 120_000;
    let flags = await activeFlags();
    // Wait for the first pass to finish writing (its Flags go in chunks).
    let previous = -1;
    while ((flags.length === 0 || flags.length !== previous) && Date.now() < deadline) {
      previous = flags.length;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      flags = await activeFlags();
    }
    expect(flags.length).toBeGreaterThan(20);
    const token = await watch.client.accessToken();
    const observations = await fetch(`${sandbox.fhirBaseUrl}/Observation?_count=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(observations.status).toBe(403);
    const patients = await fetch(`${sandbox.fhirBaseUrl}/Patient?_count=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(patients.status).toBe(403);
    expect(WATCH_CLIENT_ID).toBe('parcours-watch');
  }, 180_000);

  it('a contact held clears the no-contact Flag on the next pass', async () => {
    const flag = (await activeFlags()).find((f) => f.code?.coding?.[0]?.code === 'sans-contact');
    if (!flag?.subject?.reference || !sandbox.watch) throw new Error('no person in a no-contact break');
    const at = new Date().toISOString();
    const contact: Encounter = { resourceType: 'Encounter', id: 'watch-test-contact', status: 'finished', class: { code: 'VR' }, subject: { reference: flag.subject.reference }, period: { start: at, end: at } };
    await sandbox.fhir.repository.updateResource(contact);
    const result = await sandbox.watch.incrementalPass();
    expect(result.cleared).toBeGreaterThanOrEqual(1);
    const after = (await sandbox.fhir.repository.readResource('Flag', flag.id ?? '')) as Flag;
    expect(after.status).toBe('inactive');
    expect(after.period?.end).toBeDefined();
  }, 60_000);
});
