// The worker: applies pending inbox messages to the FHIR server, in order, with exponential backoff on transient
// failures, the dead-letter list for permanent ones, and parking for persons it cannot match for sure.
import type { Bundle } from '@medplum/fhirtypes';
import { applyDischarge } from './apply.ts';
import { ApplyError } from './fhir-client.ts';
import type { FhirClient } from './fhir-client.ts';
import type { Inbox, InboxMessage } from './inbox.ts';

export interface RetryOptions {
  /** First delay (ms, default 500). */
  baseMs?: number;
  /** Longest delay (ms, default 60 s). */
  maxMs?: number;
  /** Transient failures before the message goes to the dead-letter list (default 200). */
  maxAttempts?: number;
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

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  private delay(attempts: number): number {
    const base = this.options.retry?.baseMs ?? 500;
    const max = this.options.retry?.maxMs ?? 60_000;
    const exp = Math.min(max, base * 2 ** Math.min(attempts, 20));
    return Math.round(exp / 2 + (Math.random() * exp) / 2); // jitter
  }

  private async run(): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    while (this.running) {
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
      const wait = Math.max(5, Math.min(1_000, next === undefined ? 1_000 : next - Date.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async process(message: InboxMessage): Promise<void> {
    try {
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
      const applyError = error instanceof ApplyError ? error : new ApplyError(error instanceof Error ? error.message : String(error), false);
      const maxAttempts = this.options.retry?.maxAttempts ?? 200;
      if (applyError.transient && message.attempts + 1 < maxAttempts) {
        this.inbox.markRetry(message.id, applyError.message, Date.now() + this.delay(message.attempts));
      } else {
        this.inbox.markDead(message.id, applyError.message);
        this.options.log?.(`[exchange] dead letter ${message.id} (GET /exchange/messages/${message.id})`);
      }
    }
  }
}
