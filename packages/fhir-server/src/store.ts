// Shared state behind every repository view (the plain one and the transaction-scoped ones): the connection,
// the writer lock, savepoint names, the write clock and the prepared-statement cache.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

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
  private lastTime = 0;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, baseUrl: string) {
    this.db = db;
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  nextSavepoint(): string {
    this.savepoint++;
    return `sp${this.savepoint}`;
  }

  /** Strictly increasing timestamps, so versions order by lastUpdated. */
  now(): number {
    const t = Math.max(Date.now(), this.lastTime + 1);
    this.lastTime = t;
    return t;
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
