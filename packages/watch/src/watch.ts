// The watch service: full passes over everyone with an active shared plan, on a schedule, and incremental passes
// over the people whose records changed since the last pass (`_lastUpdated`), between them. Passes of one watch
// never overlap; passes of several watches (or one restarted) agree because their writes are idempotent.
import type { Appointment, CarePlan, CareTeam, Device, Encounter, Resource, Task } from '@medplum/fhirtypes';
import { WatchClient } from './client.ts';
import type { WatchClientOptions } from './client.ts';
import { resolveRules, settingsFor } from './config.ts';
import type { RulesOverrides, WatchRules } from './config.ts';
import { parisDay } from './dates.ts';
import { TASK_IDENTIFIER_SYSTEM, gather, patientOf } from './gather.ts';
import { entries, reconcile } from './output.ts';
import type { Finding } from './rules.ts';
import { evaluate } from './rules.ts';

export interface WatchOptions extends WatchClientOptions {
  rules?: RulesOverrides;
  /** Id of the watch's Device (the Flags' author), created when missing. Default `parcours-watch`. */
  deviceId?: string;
  /** The clock (tests and benchmarks set it). */
  now?: () => Date;
  /** Milliseconds between full passes (default 1 h) and between checks for changes (default 15 s). */
  fullEveryMs?: number;
  pollMs?: number;
  /** Margin taken off the last pass's start for `_lastUpdated` (clocks of two machines; default 5 s). */
  skewMs?: number;
  log?: (line: string) => void;
}

export interface PassResult {
  kind: 'full' | 'incremental';
  /** People evaluated (with an active shared plan). */
  people: number;
  /** Active Flags after the pass, among the people evaluated. */
  active: number;
  raised: number;
  cleared: number;
  writes: number;
  requests: number;
  ms: number;
}

export interface Watch {
  rules: WatchRules;
  client: WatchClient;
  device: string;
  fullPass(): Promise<PassResult>;
  incrementalPass(): Promise<PassResult>;
  /** Full pass now, then the schedule; returns at once (the first pass's result arrives in the log). */
  start(): void;
  stop(): Promise<void>;
}

const WRITE_CHUNK = 200;
const CHANGE_SEARCHES: [Resource['resourceType'], string][] = [['CarePlan', 'subject'], ['CareTeam', 'subject'], ['Encounter', 'subject'], ['Appointment', 'participant'], ['Task', 'for,identifier']];

function patientsOfChange(resource: Resource): string[] {
  switch (resource.resourceType) {
    case 'CarePlan': return [patientOf((resource as CarePlan).subject?.reference)].filter((p) => p !== undefined);
    case 'CareTeam': return [patientOf((resource as CareTeam).subject?.reference)].filter((p) => p !== undefined);
    case 'Encounter': return [patientOf((resource as Encounter).subject?.reference)].filter((p) => p !== undefined);
    // The watch's own Tasks are its output, not a change in the person's care.
    case 'Task': return (resource as Task).identifier?.some((i) => i.system === TASK_IDENTIFIER_SYSTEM) ? [] : [patientOf((resource as Task).for?.reference)].filter((p) => p !== undefined);
    case 'Appointment': return (resource as Appointment).participant.flatMap((p) => patientOf(p.actor?.reference) ?? []);
    default: return [];
  }
}

export function createWatch(options: WatchOptions): Watch {
  const client = new WatchClient(options);
  const rules = resolveRules(options.rules);
  const deviceId = options.deviceId ?? 'parcours-watch';
  const device = `Device/${deviceId}`;
  const now = options.now ?? ((): Date => new Date());
  const log = options.log ?? ((): void => undefined);
  let since: Date | undefined;
  let deviceReady: Promise<void> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const timers: NodeJS.Timeout[] = [];

  const ensureDevice = (): Promise<void> => {
    deviceReady ??= (async () => {
      if (await client.request<Device>('GET', `Device/${deviceId}`)) return;
      await client.request('PUT', `Device/${deviceId}`, {
        resourceType: 'Device', id: deviceId, status: 'active',
        deviceName: [{ name: 'Veille des ruptures de soins Parcours / Parcours care-break watch', type: 'user-friendly-name' }],
      } satisfies Device);
    })().catch((error: unknown) => {
      deviceReady = undefined;
      throw error;
    });
    return deviceReady;
  };

  const run = async (kind: PassResult['kind'], patients?: string[]): Promise<PassResult> => {
    const started = performance.now();
    const requestsBefore = client.requests;
    const at = now();
    const today = parisDay(at);
    await ensureDevice();
    const data = await gather(client, rules, today, patients);
    const findings = new Map<string, Finding[]>();
    for (const person of data.people.values()) findings.set(person.patient, evaluate(person, settingsFor(rules, person.programme), today, at.getTime()));
    const scope = new Set(patients ?? [...data.people.keys(), ...[...data.flags.values()].map((f) => f.subject?.reference ?? '')]);
    const result = reconcile(data, findings, scope, device, today);
    for (let i = 0; i < result.writes.length; i += WRITE_CHUNK) await client.transaction(entries(result.writes.slice(i, i + WRITE_CHUNK)));
    return { kind, people: data.people.size, active: result.active, raised: result.raised, cleared: result.cleared, writes: result.writes.length, requests: client.requests - requestsBefore, ms: performance.now() - started };
  };

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  const fullPass = (): Promise<PassResult> => serial(async () => {
    const startedAt = new Date();
    const result = await run('full');
    since = startedAt;
    return result;
  });

  const incrementalPass = (): Promise<PassResult> => serial(async () => {
    if (!since) {
      const startedAt = new Date();
      const result = await run('full');
      since = startedAt;
      return result;
    }
    const startedAt = new Date();
    const gt = new Date(since.getTime() - (options.skewMs ?? 5_000)).toISOString();
    const changed = new Set<string>();
    for (const [type, element] of CHANGE_SEARCHES) {
      for (const resource of await client.searchAll(type, { _lastUpdated: `gt${gt}`, _elements: element })) for (const p of patientsOfChange(resource)) changed.add(p);
    }
    const result = changed.size ? await run('incremental', [...changed]) : { kind: 'incremental' as const, people: 0, active: 0, raised: 0, cleared: 0, writes: 0, requests: CHANGE_SEARCHES.length, ms: 0 };
    since = startedAt;
    return result;
  });

  const report = (result: PassResult): void => {
    if (result.kind === 'full' || result.writes > 0) {
      log(`[watch] ${result.kind === 'full' ? 'full' : 'incremental'} pass: ${result.people} people, ${result.active} active flags (${result.raised} raised, ${result.cleared} cleared), ${result.writes} writes, ${result.requests} requests, ${Math.round(result.ms)} ms`);
    }
  };
  const failed = (error: unknown): void => log(`[watch] pass failed: ${error instanceof Error ? error.message : String(error)}`);

  return {
    rules, client, device, fullPass, incrementalPass,
    start() {
      fullPass().then(report, failed);
      timers.push(setInterval(() => void fullPass().then(report, failed), options.fullEveryMs ?? 3_600_000).unref());
      timers.push(setInterval(() => void incrementalPass().then(report, failed), options.pollMs ?? 15_000).unref());
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await chain;
    },
  };
}
