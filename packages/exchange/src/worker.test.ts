// The worker's failure handling against a scripted FHIR client: a bug is a dead letter (logged without its
// message), an unreachable server stops the attempts and is probed until it answers, then every message resumes.
import { describe, expect, it } from 'vitest';
import { ApplyError } from './fhir-client.ts';
import type { FhirClient } from './fhir-client.ts';
import { Inbox } from './inbox.ts';
import { waitFor } from './testing.ts';
import { Worker } from './worker.ts';

const bundle = JSON.stringify({ resourceType: 'Bundle', type: 'document', entry: [] });

function scripted(search: () => Promise<unknown[]>, probe: () => boolean): { client: FhirClient; probes: number[] } {
  const probes: number[] = [];
  const client = {
    search: search,
    probe: () => {
      probes.push(Date.now());
      return Promise.resolve(probe());
    },
  } as unknown as FhirClient;
  return { client, probes };
}

describe('Worker', () => {
  it('dead-letters a message whose application meets a bug, and logs the reference without the message', async () => {
    const inbox = new Inbox(':memory:');
    const logs: string[] = [];
    const { client } = scripted(() => Promise.reject(new TypeError('Cannot read properties of undefined (reading MARCHAND)')), () => true);
    const { message } = inbox.accept({ key: 'k-bug', source: 'fhir', sender: 's', bundle });
    const worker = new Worker(inbox, client, { log: (line) => logs.push(line) });
    worker.start();
    await waitFor(() => inbox.get(message.id)?.status === 'dead', 'dead letter');
    await worker.stop();
    expect(inbox.get(message.id)?.lastError).toBe(`Erreur inattendue pendant l'application (réf. ${message.id}) / unexpected error while applying (ref ${message.id})`);
    expect(logs.join('\n')).toMatch(new RegExp(`dead letter ${message.id}: unexpected error while applying: TypeError`));
    expect(logs.join('\n')).not.toContain('MARCHAND');
    inbox.close();
  });

  it('waits for an unreachable server by probing it, without burning attempts, then resumes every message at once', async () => {
    const inbox = new Inbox(':memory:');
    let up = false;
    let searches = 0;
    const { client, probes } = scripted(() => {
      searches++;
      if (!up) return Promise.reject(Object.assign(new ApplyError('FHIR server unreachable', true), { unavailable: 'http://127.0.0.1:1/fhir/metadata' }));
      return Promise.reject(new ApplyError('no Patient', false)); // back: the (empty) bundles then fail for good
    }, () => up);
    const ids = ['a', 'b', 'c'].map((k) => inbox.accept({ key: k, source: 'fhir', sender: 's', bundle }).message.id);
    const worker = new Worker(inbox, client, { retry: { baseMs: 60_000, maxMs: 60_000, probeMs: 100 } });
    worker.start();
    await waitFor(() => probes.length >= 5, 'five probes');
    expect(worker.waitingForServer).toBe(true);
    expect(searches).toBe(1); // one message tried, the others wait; no attempt burns while down
    up = true;
    const back = Date.now();
    await waitFor(() => ids.every((id) => inbox.get(id)?.status === 'dead'), 'all tried once the server answers');
    expect(Date.now() - back).toBeLessThan(2_000); // not the 60 s backoff
    expect(worker.waitingForServer).toBe(false);
    await worker.stop();
    inbox.close();
  });
});
