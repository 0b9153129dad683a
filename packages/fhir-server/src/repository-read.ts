// Reads: current version, a past version (vread), instance, type and system history.
// See https://hl7.org/fhir/R4/http.html#read and #history
import type { WithId } from '@medplum/core';
import type { ReadHistoryOptions } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { SQLInputValue } from 'node:sqlite';
import { formatInstant, parseInstant } from './clock.ts';
import { goneError, invalid, notFoundError } from '@parcours/outcomes';
import type { ResourceRow, VersionRow } from './repository-rows.ts';
import { MAX_PAGE_SIZE, checkType, currentRow, parse } from './repository-rows.ts';
import type { AccessFilter } from './access-sql.ts';
import type { Store } from './store.ts';

export interface TypeHistoryOptions { count?: number; offset?: number; since?: string }

/** True when the current version of type/id exists and the access filter admits it (always true without one). */
export function admitted(store: Store, type: string, id: string, access: AccessFilter | undefined): boolean {
  if (!access) return true;
  const cond = access.condition(type, 'r');
  return store.stmt(`SELECT 1 FROM resource r WHERE r.type = ? AND r.id = ? AND r.deleted = 0 AND ${cond.sql}`).get(type, id, ...cond.params) !== undefined;
}

/** The current version: 404 if never stored, 410 if deleted. */
export function readCurrent<T extends Resource>(store: Store, resourceType: string, id: string, access?: AccessFilter): WithId<T> {
  checkType(resourceType);
  // One statement: the row and whether the access filter admits it (includes read many references this way).
  const cond = access?.condition(resourceType, 'r') ?? { sql: '1', params: [] };
  const row = store.stmt(`SELECT r.deleted, r.content, (${cond.sql}) AS ok FROM resource r WHERE r.type = ? AND r.id = ?`).get(...cond.params, resourceType, id) as
    | (Pick<ResourceRow, 'deleted' | 'content'> & { ok: number })
    | undefined;
  // A resource the caller may not see answers exactly as one that does not exist (deleted ones included).
  if (!row || (access && (row.deleted || !row.ok))) {
    return notFoundError(`${resourceType}/${id} not found`);
  }
  if (row.deleted || !row.content) {
    return goneError(`${resourceType}/${id} was deleted`);
  }
  return parse<WithId<T>>(row.content);
}

export function readVersion<T extends Resource>(store: Store, resourceType: string, id: string, vid: string, access?: AccessFilter): WithId<T> {
  checkType(resourceType);
  const row = /^\d+$/.test(vid)
    ? (store.stmt('SELECT v.deleted, v.content FROM version v JOIN resource r ON r.rid = v.rid WHERE r.type = ? AND r.id = ? AND v.vid = ?')
        .get(resourceType, id, Number(vid)) as Pick<VersionRow, 'deleted' | 'content'> | undefined)
    : undefined;
  // The current version's access governs every version (a label added later hides the earlier versions too).
  if (!row || !admitted(store, resourceType, id, access)) {
    return notFoundError(`${resourceType}/${id}/_history/${vid} not found`);
  }
  if (row.deleted || !row.content) {
    return goneError(`${resourceType}/${id}/_history/${vid} is a deletion`);
  }
  return parse<WithId<T>>(row.content);
}

/** Instance history, newest version first. */
export function readHistory<T extends Resource>(store: Store, resourceType: string, id: string, options?: ReadHistoryOptions, access?: AccessFilter): Bundle<WithId<T>> {
  checkType(resourceType);
  const row = currentRow(store, resourceType, id);
  if (!row || !admitted(store, resourceType, id, access)) {
    return notFoundError(`${resourceType}/${id} not found`);
  }
  const limit = Math.min(options?.limit ?? 100, MAX_PAGE_SIZE);
  const offset = options?.offset ?? 0;
  const rows = store.stmt('SELECT type, id, vid, lu_us, deleted, content FROM version WHERE rid = ? ORDER BY vid DESC LIMIT ? OFFSET ?')
    .all(row.rid, limit, offset) as unknown as VersionRow[];
  return historyBundle<T>(store, rows);
}

/** Type or system history, newest first (`type` undefined for the whole system). */
export function readTypeHistory(store: Store, type: string | undefined, options: TypeHistoryOptions = {}, access?: AccessFilter): Bundle {
  if (type) checkType(type);
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (type) {
    where.push('type = ?');
    params.push(type);
  }
  if (options.since) {
    const since = parseInstant(options.since);
    if (Number.isNaN(since)) invalid(`Invalid _since: ${options.since}`, '_since');
    where.push('lu_us >= ?');
    params.push(since);
  }
  if (access) {
    // Filtered on the current version's index rows: its labels and owner govern the whole history.
    const cond = access.condition(type, 'a');
    where.push(`EXISTS (SELECT 1 FROM resource a WHERE a.rid = version.rid AND ${cond.sql})`);
    params.push(...cond.params);
  }
  const count = Math.min(options.count ?? 100, MAX_PAGE_SIZE);
  const sql = `SELECT type, id, vid, lu_us, deleted, content FROM version ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ? OFFSET ?`;
  const rows = store.stmt(sql).all(...params, count, options.offset ?? 0) as unknown as VersionRow[];
  return historyBundle(store, rows);
}

function historyBundle<T extends Resource>(store: Store, rows: VersionRow[]): Bundle<WithId<T>> {
  const entry = rows.map((v): BundleEntry<WithId<T>> => {
    const url = `${v.type}/${v.id}`;
    const lastModified = formatInstant(v.lu_us);
    if (v.deleted || !v.content) {
      return {
        fullUrl: `${store.baseUrl}/${url}`,
        request: { method: 'DELETE', url },
        response: { status: '410 Gone', etag: `W/"${v.vid}"`, lastModified },
      };
    }
    return {
      fullUrl: `${store.baseUrl}/${url}`,
      resource: parse<WithId<T>>(v.content),
      request: { method: v.vid === 1 ? 'POST' : 'PUT', url: v.vid === 1 ? v.type : url },
      response: { status: v.vid === 1 ? '201 Created' : '200 OK', etag: `W/"${v.vid}"`, lastModified },
    };
  });
  return { resourceType: 'Bundle', type: 'history', total: entry.length, entry };
}
