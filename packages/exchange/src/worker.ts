// The worker: applies pending inbox messages to the FHIR server, in order, retrying transient failures with capped
// exponential backoff, sending permanent ones to the dead-letter list, parking persons it cannot match for sure.
// When the server cannot be reached at all, it stops trying messages (their attempts do not burn) and probes the
// server cheaply (`GET /metadata`, no token) about once a second with jitter; the first probe that is answered
// brings every pending message forward, so discharges resume within about a second of the server's return.
import type { Bundle } from '@medplum/fhirtypes';
import { applyDischarge } from './apply.ts';
import { describeForLog } from './failures.ts';
import { ApplyError } from './fhir-client.ts';
import type { FhirClient } from './fhir-client.ts';
import type { Inbox, InboxMessage } from './inbox.ts';

export interface RetryOptions {
  /** First delay (ms, default 500). */
  baseMs?: number;
  /** Longest delay (ms, default 10 s). */
  maxMs?: number;
  /** Transient failures before the message goes to the dead-letter list (default 200); an unreachable server does not count. */
  maxAttempts?: number;
  /** Probe interval while the server is unreachable (ms, default 1 s, jittered ±50 %). */
  probeMs?: number;
}

export interface WorkerOptions {
  concurrency?: number;
  retry?: RetryOptions;
  log?: (line: string) => void;
}

export class Worker {
  private readonly inbox: Inbox;
  private readonly client: FhirClient;
  private readonly options: WorkerOptions;
  private readonly inFlight = new Set<string>();
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly active = new Set<Promise<void>>();
  /** The URL to probe while the server is unreachable. */
  private outage?: { url: string; since: number };

  constructor(inbox: Inbox, client: FhirClient, options: WorkerOptions = {}) {
    this.inbox = inbox;
    this.client = client;
    this.options = options;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the loop (a message was accepted or requeued). */
  notify(): void {
    this.wake?.();
  }

  /** True while the worker waits for an unreachable server to answer its probe. */
  get waitingForServer(): boolean {
    return this.outage !== undefined;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  private delay(attempts: number): number {
    const base = this.options.retry?.baseMs ?? 500;
    const max = this.options.retry?.maxMs ?? 10_000;
    const exp = Math.min(max, base * 2 ** Math.min(attempts, 20));
    return Math.round(exp / 2 + (Math.random() * exp) / 2); // jitter
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = undefined;
    });
  }

  /** One probe of the unreachable server, after a jittered interval; on an answer, every pending message is due now. */
  private async probe(outage: { url: string; since: number }): Promise<void> {
    const every = this.options.retry?.probeMs ?? 1_000;
    // Messages accepted meanwhile wake the loop; the probe still waits its turn (a burst must not become a probe storm).
    const at = Date.now() + Math.round(every / 2 + Math.random() * every);
    while (this.running && Date.now() < at) await this.sleep(at - Date.now());
    if (!this.running || !(await this.client.probe(outage.url))) return;
    this.outage = undefined;
    const resumed = this.inbox.wakeAll(Date.now());
    this.options.log?.(`[exchange] ${new URL(outage.url).origin} answers again after ${Math.round((Date.now() - outage.since) / 1000)} s: ${resumed} pending messages resumed`);
  }

  private async run(): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    while (this.running) {
      if (this.outage) {
        await this.probe(this.outage);
        continue;
      }
      const slots = concurrency - this.inFlight.size;
      const due = slots > 0 ? this.inbox.due(Date.now(), slots, this.inFlight) : [];
      for (const message of due) {
        this.inFlight.add(message.id);
        const job = this.process(message).finally(() => {
          this.inFlight.delete(message.id);
          this.active.delete(job);
          this.notify();
        });
        this.active.add(job);
      }
      if (due.length > 0 && this.inFlight.size < concurrency) continue;
      const next = this.inbox.nextDueAt();
      await this.sleep(Math.max(5, Math.min(1_000, next === undefined ? 1_000 : next - Date.now())));
    }
  }

  private async process(message: InboxMessage): Promise<void> {
    try {
      if (!message.bundle) {
        this.inbox.markDead(message.id, "Message refusé à la réception : rien à appliquer / refused at intake: nothing to apply");
        return;
      }
      const outcome = await applyDischarge(this.client, {
        key: message.key,
        bundle: JSON.parse(message.bundle) as Bundle,
        ...(message.patient ? { patient: message.patient } : {}),
      });
      if (outcome.kind === 'applied') this.inbox.markApplied(message.id, outcome.result);
      else {
        this.inbox.markParked(message.id, outcome.reason);
        // The reason names the person's identifiers: it stays in the inbox, behind the operator endpoints, never in logs.
        this.options.log?.(`[exchange] parked ${message.id} for manual reconciliation (GET /exchange/messages/${message.id})`);
      }
    } catch (error) {
      this.failed(message, error);
    }
  }

  private failed(message: InboxMessage, error: unknown): void {
    if (!(error instanceof ApplyError)) {
      // A bug met while applying: it would fail the same way every time.
      this.inbox.markDead(message.id, `Erreur inattendue pendant l'application (réf. ${message.id}) / unexpected error while applying (ref ${message.id})`);
      this.options.log?.(`[exchange] dead letter ${message.id}: unexpected error while applying: ${describeForLog(error)}`);
      return;
    }
    if (error.unavailable) {
      if (!this.outage) {
        this.outage = { url: error.unavailable, since: Date.now() };
        this.options.log?.(`[exchange] ${new URL(error.unavailable).origin} unreachable: messages wait, probing about every ${this.options.retry?.probeMs ?? 1_000} ms`);
      }
      this.inbox.markRetry(message.id, error.message, Date.now() + this.delay(message.attempts));
      return;
    }
    const maxAttempts = this.options.retry?.maxAttempts ?? 200;
    if (error.transient && message.attempts + 1 < maxAttempts) {
      this.inbox.markRetry(message.id, error.message, Date.now() + this.delay(message.attempts));
      return;
    }
    this.inbox.markDead(message.id, error.message);
    this.options.log?.(`[exchange] dead letter ${message.id}${error.status ? ` (HTTP ${error.status})` : ''} (GET /exchange/messages/${message.id})`);
  }
}
