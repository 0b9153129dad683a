// Shared state behind every repository view (the plain one and the transaction-scoped ones): the connection,
// the writer lock, savepoint names, the write clock and the prepared-statement cache.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock } from './clock.ts';
import { WriteClock } from './clock.ts';

export interface StoreOptions {
  /** Real time for write stamps (default `Date.now`). */
  clock?: Clock;
}

/** Serialises access: a transaction spans awaits, so other callers wait for it to finish. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release: () => void = () => undefined;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}

export class Store {
  readonly db: DatabaseSync;
  readonly baseUrl: string;
  readonly lock = new Lock();
  private savepoint = 0;
  private readonly clock: WriteClock;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, baseUrl: string, options: StoreOptions = {}) {
    this.db = db;
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.clock = new WriteClock(options.clock);
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
    if (this.db.isOpen) this.db.close();
  }
}
