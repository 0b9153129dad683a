// Read workers for a file-backed store: searches go to the least busy worker once it is ready; until then, and
// for in-memory stores, the main connection answers them. See read-worker.ts.
import type { SearchRequest, WithId } from '@medplum/core';
import { OperationOutcomeError } from '@medplum/core';
import type { SearchOptions } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { Worker } from 'node:worker_threads';
import { Lock } from './lock.ts';
import type { ReadScope } from './access-sql.ts';
import type { ReadAnswer, ReadJob } from './read-worker.ts';

interface Pending { resolve: (bundle: Bundle) => void; reject: (err: Error) => void }
interface Slot { worker: Worker; ready: boolean; pending: Map<number, Pending>; started: Promise<void>; markStarted: () => void }

export class ReadPool {
  private readonly slots: Slot[] = [];
  /**
   * Answers are taken one per event-loop turn: a port delivers every queued message in one callback, and each
   * answer's continuation (parse, route, serialise the response) would otherwise run back to back, starving
   * accepts and reads as the connection lock once did.
   */
  private readonly turns = new Lock();
  private nextId = 0;

  constructor(path: string, baseUrl: string, size: number, cursorKey: Buffer) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./read-worker.ts', import.meta.url), { workerData: { path, baseUrl, cursorKey } });
      let markStarted: () => void = () => undefined;
      const started = new Promise<void>((resolve) => {
        markStarted = resolve;
      });
      const slot: Slot = { worker, ready: false, pending: new Map(), started, markStarted };
      worker.on('message', (answer: ReadAnswer) => this.answer(slot, answer));
      worker.on('error', (err) => this.fail(slot, err));
      worker.on('exit', () => this.fail(slot, new Error('read worker stopped')));
      worker.unref();
      this.slots.push(slot);
    }
  }

  /**
   * Runs the search on a worker, restricted by `scope` (the caller's read scope, compiled there as on the main
   * thread), or returns undefined when none is ready (the caller then reads itself).
   */
  search<T extends Resource>(searchRequest: SearchRequest<T>, options?: SearchOptions, scope?: ReadScope): Promise<Bundle<WithId<T>>> | undefined {
    const ready = this.slots.filter((s) => s.ready);
    const slot = ready.sort((a, b) => a.pending.size - b.pending.size)[0];
    if (!slot) {
      return undefined;
    }
    const id = this.nextId++;
    return new Promise<Bundle<WithId<T>>>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (b: Bundle) => void, reject });
      slot.worker.postMessage({ id, searchRequest, ...(options ? { options } : undefined), ...(scope ? { scope } : undefined) } satisfies ReadJob);
    });
  }

  private answer(slot: Slot, answer: ReadAnswer): void {
    if ('ready' in answer) {
      slot.ready = true;
      slot.markStarted();
      return;
    }
    const pending = slot.pending.get(answer.id);
    slot.pending.delete(answer.id);
    if (!pending) return;
    if ('json' in answer) {
      const json = answer.json;
      void this.turns.acquire().then((release) => {
        try {
          pending.resolve(JSON.parse(json) as Bundle);
        } finally {
          release();
        }
      });
    } else if (answer.status === 'outcome') {
      pending.reject(new OperationOutcomeError(answer.outcome as OperationOutcome));
    } else {
      const text = (answer.outcome as OperationOutcome).issue?.[0]?.details?.text ?? 'read worker failure';
      pending.reject(new Error(`Read worker: ${text}`));
    }
  }

  /** A worker that fails is not used again; what it had in hand fails with it. */
  private fail(slot: Slot, err: Error): void {
    slot.ready = false;
    for (const pending of slot.pending.values()) pending.reject(err);
    slot.pending.clear();
  }

  /** Resolves once every worker has loaded its definitions and opened its connection. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.started));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map(async (s) => {
      s.ready = false;
      await s.worker.terminate();
    }));
  }
}
