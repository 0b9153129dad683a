// Group commit of the audit trail: the AuditEvents of requests answered at the same time are written in one SQLite
// transaction, so one fsync makes them all durable (with synchronous=FULL, a commit each cost more than the search it
// audited when ten caseload searches arrive together). Each request still waits for its own event to be committed
// before its answer leaves (request-audit.ts).
// Events of one group that differ only by their people, resources and queries (the same user, client, organisation,
// interaction and outcome: an app's parallel searches, such as the caseload's seven across 500 people) are written
// as one AuditEvent naming everyone any of them returned, with each request's query. The trail names the same people
// for the same access; each person's « qui a consulté ce dossier » reads one access instead of seven, and the store
// indexes 500 people once instead of seven times (the index rows were most of the audit's cost).
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
    // The first of a group starts the flush after the requests ready in this turn of the event loop have queued
    // theirs (a caseload's parallel searches finish one after the other on this thread: flushed at once, each
    // would be a commit, an fsync and 500 people indexed of its own); the others join it until it takes the
    // connection. None is answered before the commit that holds it.
    if (queue.length === 1) setImmediate(() => void flush(store, queue));
  });
}

/** Everything but the event's id, time and entities: two events with the same key record the same access. */
function sameAccess(event: AuditEvent): string {
  const { id: _id, meta: _meta, recorded: _recorded, entity: _entity, ...rest } = event;
  return JSON.stringify(rest);
}

/**
 * The group's events, those recording the same access merged into one (the first one's id and time; the entities of
 * all, each once: people, resources, and every request's query).
 */
function mergeAudits(batch: Pending[]): Pending[] {
  const byAccess = new Map<string, Pending[]>();
  for (const p of batch) {
    const key = sameAccess(p.event);
    const list = byAccess.get(key);
    if (list) list.push(p);
    else byAccess.set(key, [p]);
  }
  return [...byAccess.values()].map((list) => {
    const first = list[0] as Pending;
    if (list.length === 1) return first;
    const entities = new Map<string, NonNullable<AuditEvent['entity']>[number]>();
    for (const p of list) for (const e of p.event.entity ?? []) entities.set(JSON.stringify(e), e);
    return {
      event: { ...first.event, entity: [...entities.values()] },
      rowsOf: first.rowsOf,
      resolve: () => list.forEach((p) => p.resolve()),
      reject: (err: unknown) => list.forEach((p) => p.reject(err)),
    };
  });
}

async function flush(store: Store, queue: Pending[]): Promise<void> {
  const release = await store.lock.acquire();
  const batch = queue.splice(0);
  try {
    const events = mergeAudits(batch);
    store.db.exec('BEGIN IMMEDIATE');
    try {
      for (const p of events) writeResource(store, p.event, 'create', undefined, p.rowsOf);
      store.db.exec('COMMIT');
    } catch (err) {
      if (store.db.isOpen && store.db.isTransaction) store.db.exec('ROLLBACK');
      throw err;
    }
    for (const p of events) p.resolve();
  } catch {
    // One event that cannot be written must not fail the others: each alone (unmerged), in its own transaction.
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
