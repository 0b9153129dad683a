// Shared state behind every repository view (the plain one and the transaction-scoped ones): the connection,
// the writer lock, savepoint names, the write clock, the prepared-statement cache and the read workers.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock } from './clock.ts';
import { WriteClock } from './clock.ts';
import { Lock } from './lock.ts';
import { ReadPool } from './read-pool.ts';

export interface StoreOptions {
  /** Real time for write stamps (default `Date.now`). */
  clock?: Clock;
  /**
   * Read worker threads with their own read-only connection (file-backed stores only; default 0): searches
   * outside a transaction run there, on another core, and see the last committed state.
   */
  readWorkers?: number;
  /** Key sealing the paging cursors (search-cursor.ts); the read workers get the main store's. Default: random. */
  cursorKey?: Buffer;
}

/** Milliseconds a request's searches spent in SQLite statements, added up (its answer's Server-Timing `sql`). */
export interface SqlTime {
  ms: number;
}

/** Runs a statement, its duration added to `time` when one is given. */
export function timedSql<T>(time: SqlTime | undefined, run: () => T): T {
  if (!time) return run();
  const start = performance.now();
  try {
    return run();
  } finally {
    time.ms += performance.now() - start;
  }
}

export class Store {
  readonly db: DatabaseSync;
  readonly baseUrl: string;
  readonly lock = new Lock();
  private savepoint = 0;
  private readonly clock: WriteClock;
  private readonly statements = new Map<string, StatementSync>();
  /** Set when read workers serve searches (see StoreOptions.readWorkers). */
  readonly readPool: ReadPool | undefined;
  /** Seals `next` links (search-cursor.ts): per process, so a link does not outlive a restart. */
  readonly cursorKey: Buffer;

  constructor(db: DatabaseSync, baseUrl: string, options: StoreOptions = {}) {
    this.db = db;
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.clock = new WriteClock(options.clock);
    this.cursorKey = options.cursorKey ?? randomBytes(32);
    const file = (db.prepare('PRAGMA database_list').all() as { name: string; file: string }[]).find((d) => d.name === 'main')?.file;
    if (options.readWorkers && file) {
      this.readPool = new ReadPool(file, this.baseUrl, options.readWorkers, this.cursorKey);
    }
  }

  nextSavepoint(): string {
    this.savepoint++;
    return `sp${this.savepoint}`;
  }

  /** The next write stamp (epoch microseconds): strictly increasing, so versions order by lastUpdated. */
  now(): number {
    return this.clock.next();
  }

  /** Prepared statements are cached by SQL text (search SQL varies only with the shape of the query). */
  stmt(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size > 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    void this.readPool?.close();
    if (this.db.isOpen) this.db.close();
  }
}
