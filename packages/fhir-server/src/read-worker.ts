// A read worker (worker thread): answers searches on its own read-only connection to the store's file, so reads
// use a second core while the main thread serves HTTP and writes. WAL lets it read the last committed state while
// the main connection writes. Started by read-pool.ts; messages are `{ id, searchRequest, options }`.
import type { SearchRequest } from '@medplum/core';
import { OperationOutcomeError, normalizeOperationOutcome } from '@medplum/core';
import type { SearchOptions } from '@medplum/fhir-router';
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadScope } from './access-sql.ts';
import { compileReadScope } from './access-sql.ts';
import { SqliteRepository } from './repository.ts';
import { ownersOf } from './repository-search.ts';
import { stringifyAnswer } from './stored-json.ts';
import { loadDefinitions } from './search-params.ts';
import { Store } from './store.ts';

export interface ReadJob { id: number; searchRequest: SearchRequest; options?: SearchOptions; scope?: ReadScope }
export type ReadAnswer = { id: number; json: string; owners?: (readonly string[] | null)[] } | { id: number; outcome: unknown; status: 'outcome' | 'error' } | { ready: true };

const { path, baseUrl, cursorKey } = workerData as { path: string; baseUrl: string; cursorKey: Uint8Array };
loadDefinitions();
const db = new DatabaseSync(path, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
db.exec('PRAGMA cache_size = -65536');
// `inTransaction` true: this thread is the connection's only user, there is nothing to wait for.
const repository = new SqliteRepository(new Store(db, baseUrl, { cursorKey: Buffer.from(cursorKey) }), true);

const port = parentPort;
if (!port) {
  throw new Error('read-worker.ts runs as a worker thread');
}
port.on('message', (job: ReadJob) => {
  // The same access filter as the main thread's view: nothing is read here that the caller may not see.
  const view = job.scope ? repository.withAccess(compileReadScope(job.scope)) : repository;
  view.search(job.searchRequest, job.options).then(
    // Whose records the entries are travels beside the JSON (a WeakMap entry does not cross threads).
    (bundle) => port.postMessage({ id: job.id, json: stringifyAnswer(bundle), owners: (bundle.entry ?? []).map((e) => (e.resource ? ownersOf(e.resource) ?? null : null)) } satisfies ReadAnswer),
    (err: unknown) => port.postMessage({
      id: job.id,
      outcome: err instanceof OperationOutcomeError ? err.outcome : normalizeOperationOutcome(err),
      status: err instanceof OperationOutcomeError ? 'outcome' : 'error',
    } satisfies ReadAnswer)
  );
});
port.postMessage({ ready: true } satisfies ReadAnswer);
