import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Bundle, CarePlan, Encounter, Resource, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyHash } from './apply.ts';
import { EXCHANGE_IDENTIFIER_SYSTEM } from './constants.ts';
import { Inbox } from './inbox.ts';
import type { InboxMessage } from './inbox.ts';
import { bundleKey } from './intake.ts';
import { ASSIGNERS, DISCHARGE_GP, dischargeBundleExample, startBackend, startExchangeHttp, waitFor, tempDirs } from './testing.ts';
import type { Backend } from './testing.ts';

const temp = tempDirs();
const tempDir = (): string => temp.make();

let backend: Backend;
let reader: string;
let hospital: string;
let operator: string;

beforeAll(async () => {
  backend = await startBackend({ dataDir: tempDir() });
  reader = await backend.token('parcours-exchange');
  hospital = await backend.token('chu-roubaix');
  operator = await backend.token('exchange-operator');
}, 60_000);

afterAll(async () => {
  await backend.close();
  temp.removeAll();
});

/** The discharge example with its own bundle and stay identifiers. */
function discharge(tag: string): Bundle {
  const bundle = dischargeBundleExample();
  bundle.identifier = { system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sortie', value: `SORTIE-${tag}` };
  const encounter = bundle.entry?.find((e) => e.resource?.resourceType === 'Encounter')?.resource as Encounter;
  encounter.identifier = [{ system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/sejour', value: `SEJ-${tag}` }];
  return bundle;
}

async function search<T extends Resource>(path: string): Promise<T[]> {
  const res = await fetch(`${backend.fhirUrl}/${path}`, { headers: { Authorization: `Bearer ${reader}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as Bundle<T>).entry?.map((e) => e.resource as T) ?? [];
}

function tasksOf(bundle: Bundle): Promise<Task[]> {
  return search<Task>(`Task?identifier=${encodeURIComponent(`${EXCHANGE_IDENTIFIER_SYSTEM}|${keyHash(bundleKey(bundle))}/task`)}`);
}

async function post(base: string, bundle: Bundle): Promise<number> {
  const res = await fetch(`${base}/exchange/fhir/Bundle`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${hospital}` },
    body: JSON.stringify(bundle),
    signal: AbortSignal.timeout(10_000),
  });
  return res.status;
}

function spawnExchange(dataDir: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, ['--no-warnings', join(import.meta.dirname, 'main.ts')], {
    env: {
      ...process.env,
      EXCHANGE_DATA_DIR: dataDir,
      FHIR_BASE_URL: backend.fhirUrl,
      TOKEN_ENDPOINT: backend.tokenEndpoint,
      EXCHANGE_PRIVATE_JWK: JSON.stringify(backend.exchangeJwk),
      EXCHANGE_ASSIGNERS: JSON.stringify(ASSIGNERS),
      EXCHANGE_RETRY_BASE_MS: '50',
      PORT: '0',
    },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the exchange process did not start in 20 s')), 20_000);
    child.stderr.on('data', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\{.*\})/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: (JSON.parse(m[1]) as { url: string }).url });
      }
    });
    child.once('exit', (code) => reject(new Error(`the exchange process exited with ${code}`)));
  });
}

describe('faults', () => {
  it('applies every acknowledged message exactly once when the process is killed with SIGKILL mid-load', async () => {
    const dataDir = tempDir();
    const N = 40;
    const bundles = Array.from({ length: N }, (_, i) => discharge(`KILL-${i}`));
    let { child, url } = await spawnExchange(dataDir);
    const acked = new Set<number>();
    // Phase 1: ten messages, then wait until the worker has applied some (so the kill lands while it applies).
    for (let i = 0; i < 10; i++) if ((await post(url, bundles[i] as Bundle)) === 202) acked.add(i);
    const watcher = new Inbox(dataDir);
    await waitFor(() => watcher.counts().applied >= 3, 'three messages applied before the kill');
    watcher.close();
    // Phase 2: three senders keep sending; SIGKILL after five more acknowledgements.
    let next = 10;
    let killed = false;
    const sender = async (): Promise<void> => {
      while (next < N) {
        const i = next++;
        const status = await post(url, bundles[i] as Bundle).catch(() => 0);
        if (status === 202 || status === 200) acked.add(i);
        if (acked.size >= 15 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([sender(), sender(), sender()]);
    expect(killed).toBe(true);
    const ackedBeforeKill = new Set(acked);
    await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(10);

    // Every acknowledged message is in the inbox on disk (pending or applied) before any restart.
    const inbox = new Inbox(dataDir);
    const states = [...ackedBeforeKill].map((i) => inbox.byKey(bundleKey(bundles[i] as Bundle))?.status);
    // A message stored just before the kill whose 202 never reached the sender is already in the inbox:
    // sent again, it must be recognised (200), not stored twice.
    const storedUnacked = new Set(bundles.flatMap((b, i) => (!acked.has(i) && inbox.byKey(bundleKey(b as Bundle)) ? [i] : [])));
    inbox.close();
    if (process.env.EXCHANGE_TEST_VERBOSE) console.log('states at kill', JSON.stringify(states));
    expect(states.every((s) => s === 'pending' || s === 'applied'), JSON.stringify(states)).toBe(true);
    expect(states).toContain('applied');

    // Restart on the same inbox; the hospital resends what was never acknowledged.
    ({ child, url } = await spawnExchange(dataDir));
    try {
      for (let i = 0; i < N; i++) {
        if (!acked.has(i)) expect(await post(url, bundles[i] as Bundle), `message ${i}`).toBe(storedUnacked.has(i) ? 200 : 202);
      }
      // An acknowledged message sent again is recognised, not re-applied.
      const again = [...ackedBeforeKill][0] ?? 0;
      expect(await post(url, bundles[again] as Bundle)).toBe(200);
      for (const bundle of bundles) {
        await waitFor(async () => (await tasksOf(bundle)).length > 0, `task of ${bundle.identifier?.value}`, 60_000);
      }
      for (const bundle of bundles) expect(await tasksOf(bundle), bundle.identifier?.value).toHaveLength(1);
      const plan = (await search<CarePlan>('CarePlan?_id=CarePlanSortieExample'))[0];
      const taskIds = new Set<string>();
      for (const bundle of bundles) for (const task of await tasksOf(bundle)) taskIds.add(`Task/${task.id}`);
      const activities = (plan?.activity ?? []).map((a) => a.reference?.reference).filter((r) => r && taskIds.has(r));
      expect(activities).toHaveLength(N);
      expect(new Set(activities).size).toBe(N);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('keeps accepting while the FHIR server is down, waits without burning attempts, and applies everything ≤ 10 s after it is back', async () => {
    // A backoff that alone would wait 8–16 s by the third attempt: the probe's wake-up, not the backoff, must deliver.
    const ex = await startExchangeHttp(backend, { dataDir: tempDir(), retry: { baseMs: 4_000, maxMs: 60_000 } });
    const bundles = Array.from({ length: 5 }, (_, i) => discharge(`DOWN-${i}`));
    try {
      await backend.stopFhir();
      for (const bundle of bundles) expect(await post(ex.base, bundle)).toBe(202);
      await waitFor(() => ex.exchange.inbox.list('pending').some((m) => m.attempts >= 1), 'a first failed attempt');
      // Six seconds down: the worker probes instead of hammering; no attempt burns, nothing is dead-lettered.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const pending = ex.exchange.inbox.list('pending');
      expect(ex.exchange.counts()).toMatchObject({ pending: 5, dead: 0, applied: 0 });
      expect(pending.map((m) => m.attempts).reduce((a, b) => a + b, 0)).toBe(1);
      expect(pending.find((m) => m.attempts === 1)?.lastError).toMatch(/injoignable|unreachable/);
      await backend.startFhir();
      const back = Date.now();
      await ex.exchange.drain(30_000);
      const applied = bundles.map((b) => ex.exchange.inbox.byKey(bundleKey(b)));
      expect(applied.map((m) => m?.status)).toEqual(Array(5).fill('applied'));
      const last = Math.max(...applied.map((m) => m?.appliedAt ?? Infinity));
      expect(last - back, `all applied ${last - back} ms after the FHIR server was back`).toBeLessThanOrEqual(10_000);
      for (const bundle of bundles) expect(await tasksOf(bundle)).toHaveLength(1);
    } finally {
      await backend.startFhir();
      await ex.close();
    }
  }, 90_000);

  it('dead-letters a message that can never apply, and replays it once the cause is fixed', async () => {
    const ex = await startExchangeHttp(backend, { dataDir: tempDir() });
    const auth = { Authorization: `Bearer ${operator}` };
    try {
      const bundle = discharge('DEAD-1');
      const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as { identifier?: unknown[] };
      patient.identifier = [{ system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/ipp', value: 'IPP-NOBODY' }];
      expect(await post(ex.base, bundle)).toBe(202);
      const [parked] = await waitFor(() => { const list = ex.exchange.inbox.list('parked'); return list.length ? list : undefined; }, 'parked message');
      // The operator names a person who does not exist (yet): the FHIR server answers 404, a permanent failure.
      await fetch(`${ex.base}/exchange/parked/${parked?.id}/resolve`, { method: 'POST', headers: auth, body: JSON.stringify({ patient: 'Patient/late-arrival' }) });
      const dead = await waitFor(async () => {
        const body = (await (await fetch(`${ex.base}/exchange/dead-letters`, { headers: auth })).json()) as { messages: InboxMessage[] };
        return body.messages.length ? body.messages : undefined;
      }, 'dead letter');
      expect(dead[0]?.lastError).toMatch(/404/);
      expect(await tasksOf(bundle)).toHaveLength(0);
      await backend.server().repository.updateResource({
        resourceType: 'Patient',
        id: 'late-arrival',
        identifier: [{ system: 'https://chu-roubaix.exemple.fr/fhir/identifiers/ipp', value: 'IPP-LATE' }],
        name: [{ family: 'Tardif', given: ['Louis'] }],
        generalPractitioner: [{ reference: DISCHARGE_GP }],
      });
      const replay = await fetch(`${ex.base}/exchange/dead-letters/${dead[0]?.id}/replay`, { method: 'POST', headers: auth });
      expect(replay.status).toBe(200);
      await ex.exchange.drain(30_000);
      expect(ex.exchange.inbox.get(dead[0]?.id ?? '')?.status).toBe('applied');
      const [task] = await tasksOf(bundle);
      expect(task?.for?.reference).toBe('Patient/late-arrival');
      expect(task?.owner?.reference).toBe(DISCHARGE_GP);
      const again = await fetch(`${ex.base}/exchange/dead-letters/${dead[0]?.id}/replay`, { method: 'POST', headers: auth });
      expect(again.status).toBe(409);
    } finally {
      await ex.close();
    }
  }, 60_000);
});
