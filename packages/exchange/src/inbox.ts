// The durable inbox: every accepted message is committed here (node:sqlite, WAL, synchronous=FULL) before the
// sender gets its answer; the worker then applies it. The idempotency key is unique: a message delivered twice is
// stored once and applied once.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type MessageStatus = 'pending' | 'applied' | 'parked' | 'dead';
export type MessageSource = 'fhir' | 'hl7v2' | 'mllp';

export interface InboxMessage {
  id: string;
  key: string;
  source: MessageSource;
  sender: string;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: number;
  receivedAt: number;
  appliedAt?: number;
  lastError?: string;
  parkReason?: string;
  /** Patient chosen by an operator for a parked message (`Patient/<id>`). */
  patient?: string;
  warnings: string[];
  /** What the transaction wrote (references), once applied. */
  result?: Record<string, unknown>;
  /** The discharge Bundle (JSON); '' for a message refused at intake (nothing to apply). */
  bundle: string;
  /** The original payload (HL7 v2 text) when it was not a FHIR Bundle. */
  raw?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS message (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  key TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  sender TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  applied_at INTEGER,
  last_error TEXT,
  park_reason TEXT,
  patient TEXT,
  warnings TEXT,
  result TEXT,
  bundle TEXT NOT NULL,
  raw TEXT
);
CREATE INDEX IF NOT EXISTS message_due ON message(status, next_attempt_at, seq);
`;

interface Row {
  id: string;
  key: string;
  source: string;
  sender: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  received_at: number;
  applied_at: number | null;
  last_error: string | null;
  park_reason: string | null;
  patient: string | null;
  warnings: string | null;
  result: string | null;
  bundle: string;
  raw: string | null;
}

function toMessage(row: Row): InboxMessage {
  return {
    id: row.id,
    key: row.key,
    source: row.source as MessageSource,
    sender: row.sender,
    status: row.status as MessageStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    receivedAt: row.received_at,
    ...(row.applied_at !== null ? { appliedAt: row.applied_at } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.park_reason !== null ? { parkReason: row.park_reason } : {}),
    ...(row.patient !== null ? { patient: row.patient } : {}),
    warnings: row.warnings ? (JSON.parse(row.warnings) as string[]) : [],
    ...(row.result !== null ? { result: JSON.parse(row.result) as Record<string, unknown> } : {}),
    bundle: row.bundle,
    ...(row.raw !== null ? { raw: row.raw } : {}),
  };
}

export interface AcceptInput {
  key: string;
  source: MessageSource;
  sender: string;
  bundle: string;
  raw?: string;
  warnings?: string[];
}

export class Inbox {
  readonly db: DatabaseSync;

  constructor(dataDir: string) {
    let path = ':memory:';
    if (dataDir !== ':memory:') {
      mkdirSync(dataDir, { recursive: true });
      path = join(dataDir, 'inbox.sqlite');
    }
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Stores a message unless its key is already known; committed (fsynced) when this returns. */
  accept(input: AcceptInput, now = Date.now()): { message: InboxMessage; duplicate: boolean } {
    const result = this.db
      .prepare(
        `INSERT INTO message (id, key, source, sender, status, next_attempt_at, received_at, warnings, bundle, raw)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
      )
      .run(randomUUID(), input.key, input.source, input.sender, now, now, JSON.stringify(input.warnings ?? []), input.bundle, input.raw ?? null);
    const message = this.byKey(input.key);
    if (!message) throw new Error('EXCHANGE_INBOX_WRITE: the message was not stored');
    return { message, duplicate: Number(result.changes) === 0 };
  }

  /**
   * Keeps a message refused at intake as a dead letter, for the operator: no Bundle (nothing to apply), the raw
   * payload and the reason. Its key is its own, so a corrected message with the same identifier is still accepted.
   */
  reject(input: { source: MessageSource; sender: string; raw: string; reason: string }, now = Date.now()): InboxMessage {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO message (id, key, source, sender, status, attempts, next_attempt_at, received_at, last_error, warnings, bundle, raw)
         VALUES (?, ?, ?, ?, 'dead', 0, ?, ?, ?, '[]', '', ?)`,
      )
      .run(id, `refused:${id}`, input.source, input.sender, now, now, input.reason, input.raw);
    const message = this.get(id);
    if (!message) throw new Error('EXCHANGE_INBOX_WRITE: the refused message was not stored');
    return message;
  }

  byKey(key: string): InboxMessage | undefined {
    const row = this.db.prepare('SELECT * FROM message WHERE key = ?').get(key) as Row | undefined;
    return row ? toMessage(row) : undefined;
  }

  get(id: string): InboxMessage | undefined {
    const row = this.db.prepare('SELECT * FROM message WHERE id = ?').get(id) as Row | undefined;
    return row ? toMessage(row) : undefined;
  }

  /** Pending messages due now, oldest first, skipping the ids in progress. */
  due(now: number, limit: number, skip: ReadonlySet<string>): InboxMessage[] {
    const rows = this.db
      .prepare(`SELECT * FROM message WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?`)
      .all(now, limit + skip.size) as unknown as Row[];
    return rows.map(toMessage).filter((m) => !skip.has(m.id)).slice(0, limit);
  }

  /** When the next pending message becomes due (ms epoch), if any. */
  nextDueAt(): number | undefined {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS at FROM message WHERE status = 'pending'`).get() as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }

  list(status: MessageStatus, limit = 100, offset = 0): InboxMessage[] {
    const rows = this.db.prepare('SELECT * FROM message WHERE status = ? ORDER BY seq LIMIT ? OFFSET ?').all(status, limit, offset) as unknown as Row[];
    return rows.map(toMessage);
  }

  counts(): Record<MessageStatus, number> {
    const counts: Record<MessageStatus, number> = { pending: 0, applied: 0, parked: 0, dead: 0 };
    for (const row of this.db.prepare('SELECT status, COUNT(*) AS n FROM message GROUP BY status').all() as { status: MessageStatus; n: number }[]) {
      counts[row.status] = row.n;
    }
    return counts;
  }

  markApplied(id: string, result: Record<string, unknown>, now = Date.now()): void {
    this.db
      .prepare(`UPDATE message SET status = 'applied', applied_at = ?, result = ?, last_error = NULL, park_reason = NULL WHERE id = ?`)
      .run(now, JSON.stringify(result), id);
  }

  markRetry(id: string, error: string, nextAttemptAt: number): void {
    this.db.prepare('UPDATE message SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error, nextAttemptAt, id);
  }

  markDead(id: string, error: string): void {
    this.db.prepare(`UPDATE message SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?`).run(error, id);
  }

  markParked(id: string, reason: string): void {
    this.db.prepare(`UPDATE message SET status = 'parked', attempts = attempts + 1, park_reason = ? WHERE id = ?`).run(reason, id);
  }

  /** Every pending message waiting for a later attempt becomes due now (the server it waited for is back); returns how many. */
  wakeAll(now = Date.now()): number {
    const result = this.db.prepare(`UPDATE message SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?`).run(now, now);
    return Number(result.changes);
  }

  /** Operator: back to pending, now (replay of a dead letter, or a parked message with the chosen patient). */
  requeue(id: string, patient?: string, now = Date.now()): InboxMessage | undefined {
    this.db
      .prepare(`UPDATE message SET status = 'pending', attempts = 0, next_attempt_at = ?, patient = COALESCE(?, patient) WHERE id = ?`)
      .run(now, patient ?? null, id);
    return this.get(id);
  }

  close(): void {
    this.db.close();
  }
}
