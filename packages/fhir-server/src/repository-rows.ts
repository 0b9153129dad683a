// Row shapes and the small helpers every repository concern shares (type check, current row, atomic writes).
import { notFoundError } from '@parcours/outcomes';
import { isKnownResourceType } from './search-params.ts';
import type { Store } from './store.ts';

export const DEFAULT_PAGE_SIZE = 20;
/** Largest page: a caseload's encounters of four months (3,000 for 500 people) in one answer and one audit record. */
export const MAX_PAGE_SIZE = 5000;
export const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

export interface ResourceRow { rid: number; vid: number; deleted: number; content: string | null; lu_us: number }
export interface VersionRow { type: string; id: string; vid: number; lu_us: number; deleted: number; content: string | null }

export function parse<T>(json: string): T {
  return JSON.parse(json) as T;
}

/** 404 for a type that is not an R4 resource type. */
export function checkType(resourceType: string): void {
  if (!isKnownResourceType(resourceType)) {
    notFoundError(`Unknown resource type: ${resourceType}`);
  }
}

export function currentRow(store: Store, type: string, id: string): ResourceRow | undefined {
  return store.stmt('SELECT rid, vid, deleted, content, lu_us FROM resource WHERE type = ? AND id = ?').get(type, id) as
    | ResourceRow
    | undefined;
}

/** Wraps synchronous writes in their own SQLite transaction unless one is already open. */
export function atomic<T>(store: Store, fn: () => T): T {
  const db = store.db;
  if (db.isTransaction) {
    return fn();
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

