// Group commit of the audit trail: the AuditEvents of requests answered at the same time are written in one SQLite
// transaction, so one fsync makes them all durable (with synchronous=FULL, a commit each cost more than the search it
// audited when ten caseload searches arrive together). Each request still waits for its own event to be committed
// before its answer leaves (request-audit.ts).
import type { WithId } from '@medplum/core';
import type { AuditEvent } from '@medplum/fhirtypes';
import { writeResource } from './repository-write.ts';
import type { IndexRows } from './search-params.ts';
import type { Store } from './store.ts';

interface Pending {
  event: WithId<AuditEvent>;
  rowsOf: (stored: WithId<AuditEvent>) => IndexRows;
  resolve(): void;
  reject(err: unknown): void;
}

const queues = new WeakMap<Store, Pending[]>();

/** Resolves once the event is committed (with the others queued meanwhile); rejects when it could not be written. */
export function appendAudit(store: Store, event: WithId<AuditEvent>, rowsOf: Pending['rowsOf']): Promise<void> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(store);
    if (!queue) queues.set(store, (queue = []));
    queue.push({ event, rowsOf, resolve, reject });
    // The first of a group starts the flush; the others join it until it takes the connection.
    if (queue.length === 1) void flush(store, queue);
  });
}

async function flush(store: Store, queue: Pending[]): Promise<void> {
  const release = await store.lock.acquire();
  const batch = queue.splice(0);
  try {
    store.db.exec('BEGIN IMMEDIATE');
    try {
      for (const p of batch) writeResource(store, p.event, 'create', undefined, p.rowsOf);
      store.db.exec('COMMIT');
    } catch (err) {
      if (store.db.isOpen && store.db.isTransaction) store.db.exec('ROLLBACK');
      throw err;
    }
    for (const p of batch) p.resolve();
  } catch {
    // One event that cannot be written must not fail the others: each alone, in its own transaction.
    for (const p of batch) {
      try {
        writeResource(store, p.event, 'create', undefined, p.rowsOf);
        p.resolve();
      } catch (err) {
        p.reject(err);
      }
    }
  } finally {
    release();
  }
}
