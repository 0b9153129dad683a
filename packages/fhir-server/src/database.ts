// SQLite storage: schema and durability settings.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const INDEX_TABLES = ['sp_token', 'sp_string', 'sp_date', 'sp_reference', 'sp_quantity', 'sp_number', 'sp_uri'] as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS resource (
  rid INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  vid INTEGER NOT NULL,
  lu_us INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  content TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS resource_type_id ON resource(type, id);
CREATE INDEX IF NOT EXISTS resource_type_lu ON resource(type, lu_us);
CREATE TABLE IF NOT EXISTS version (
  seq INTEGER PRIMARY KEY,
  rid INTEGER NOT NULL,
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  vid INTEGER NOT NULL,
  lu_us INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  content TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS version_rid_vid ON version(rid, vid);
CREATE INDEX IF NOT EXISTS version_type_seq ON version(type, seq);
CREATE TABLE IF NOT EXISTS sp_token (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, system TEXT, value TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS sp_token_value ON sp_token(type, code, value, system);
CREATE INDEX IF NOT EXISTS sp_token_rid ON sp_token(rid, code);
CREATE TABLE IF NOT EXISTS sp_string (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, value TEXT NOT NULL, norm TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sp_string_norm ON sp_string(type, code, norm);
CREATE INDEX IF NOT EXISTS sp_string_rid ON sp_string(rid, code);
CREATE TABLE IF NOT EXISTS sp_date (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sp_date_lo ON sp_date(type, code, lo);
CREATE INDEX IF NOT EXISTS sp_date_rid ON sp_date(rid, code, lo);
-- date=ge… (hi >= ?): the recent rows without reading every row of the type (the caseload's last 120 days).
CREATE INDEX IF NOT EXISTS sp_date_hi ON sp_date(type, code, hi);
CREATE TABLE IF NOT EXISTS sp_reference (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, ttype TEXT NOT NULL, tid TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sp_reference_target ON sp_reference(type, code, tid, ttype);
CREATE INDEX IF NOT EXISTS sp_reference_rev ON sp_reference(ttype, tid);
CREATE INDEX IF NOT EXISTS sp_reference_rid ON sp_reference(rid, code);
CREATE TABLE IF NOT EXISTS sp_quantity (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, value REAL NOT NULL, system TEXT, unit TEXT, unit2 TEXT);
CREATE INDEX IF NOT EXISTS sp_quantity_value ON sp_quantity(type, code, value);
CREATE INDEX IF NOT EXISTS sp_quantity_rid ON sp_quantity(rid, code);
CREATE TABLE IF NOT EXISTS sp_number (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, value REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sp_number_value ON sp_number(type, code, value);
CREATE INDEX IF NOT EXISTS sp_number_rid ON sp_number(rid, code);
CREATE TABLE IF NOT EXISTS sp_uri (rid INTEGER NOT NULL, type TEXT NOT NULL, code TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sp_uri_value ON sp_uri(type, code, value);
CREATE INDEX IF NOT EXISTS sp_uri_rid ON sp_uri(rid, code);
`;

export interface OpenOptions {
  /**
   * 'FULL' (default) fsyncs the WAL on every commit: an acknowledged write survives kill -9 and power loss.
   * 'NORMAL' with WAL survives kill -9 too (the committed frames are already in the OS page cache when COMMIT
   * returns; only an OS crash or power cut can lose the last transactions): faster for bulk loads.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (or creates) the store: `dataDir/fhir.sqlite`, or an in-memory database for ':memory:'. */
export function openDatabase(dataDir: string, options: OpenOptions = {}): DatabaseSync {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    path = join(dataDir, 'fhir.sqlite');
  }
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA temp_store = MEMORY');
  migrateDatabase(db);
  db.exec(SCHEMA);
  return db;
}

/**
 * Stores written before write stamps had microseconds kept them in `lu_ms` (milliseconds): renamed and scaled
 * in place, once (the indexes follow the renamed column).
 */
export function migrateDatabase(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('resource')").all() as { name: string }[];
  if (!columns.some((c) => c.name === 'lu_ms')) {
    return;
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const table of ['resource', 'version']) {
      db.exec(`ALTER TABLE ${table} RENAME COLUMN lu_ms TO lu_us`);
      db.exec(`UPDATE ${table} SET lu_us = lu_us * 1000`);
    }
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
