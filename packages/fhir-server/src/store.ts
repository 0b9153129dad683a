// Shared state behind every repository view (the plain one and the transaction-scoped ones): the connection,
// the writer lock, savepoint names, the write clock and the prepared-statement cache.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock } from './clock.ts';
import { WriteClock } from './clock.ts';
import { ReadPool } from './read-pool.ts';

export interface StoreOptions {
  /** Real time for write stamps (default `Date.now`). */
  clock?: Clock;
  /**
   * Read worker threads with their own read-only connection (file-backed stores only; default 0): searches
   * outside a transaction run there, on another core, and see the last committed state.
   */
  readWorkers?: number;
}

/**
 * Serialises access to the connection (a transaction spans awaits, so other callers wait for it to finish) and
 * hands it over one holder per event-loop turn, first come first served.
 *
 * Why the turns: a promise-chained lock resumed each waiter in the same microtask drain, and an uncontended one
 * ran every request inside the poll callback that read it. Either way, every request read in one poll ran before
 * the loop polled again, so under load one turn lasted (requests in flight) × (work per request) and new
 * connections sat in the accept queue for seconds. Resuming the next holder from `setImmediate` lets the loop
 * accept and read between two holders, and new requests queue behind those already waiting, not ahead.
 */
export class Lock {
  private readonly waiting: (() => void)[] = [];
  private held = false;
  private scheduled = false;

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(this.releaser()));
      this.schedule();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = false;
      this.schedule();
    };
  }

  private schedule(): void {
    if (this.scheduled || this.held || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.held ? undefined : this.waiting.shift();
      if (next) {
        this.held = true;
        next();
      }
    });
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

  constructor(db: DatabaseSync, baseUrl: string, options: StoreOptions = {}) {
    this.db = db;
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.clock = new WriteClock(options.clock);
    const file = (db.prepare('PRAGMA database_list').all() as { name: string; file: string }[]).find((d) => d.name === 'main')?.file;
    if (options.readWorkers && file) {
      this.readPool = new ReadPool(file, this.baseUrl, options.readWorkers);
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
