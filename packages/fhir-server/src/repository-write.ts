// Writes: create/update (a new version row, current row replaced, index rows rebuilt), delete (tombstone), patch.
import type { Operation, WithId } from '@medplum/core';
import { OperationOutcomeError, applyPatch, badRequest, fhirpathPatchTypedValue, normalizeOperationOutcome, parseFhirPathPatchParameters, toTypedValue } from '@medplum/core';
import type { Parameters, Resource } from '@medplum/fhirtypes';
import { formatInstant } from './clock.ts';
import { INDEX_TABLES } from './database.ts';
import { conflictError, invalid, notFoundError, preconditionError } from '@parcours/outcomes';
import { ID_PATTERN, atomic, checkType, currentRow } from './repository-rows.ts';
import { readCurrent } from './repository-read.ts';
import { careTeamsChanged } from './access-policy.ts';
import { extractIndexRows } from './search-params.ts';
import type { IndexRows } from './search-params.ts';
import type { Store } from './store.ts';

/** Types whose writes change who reaches whom (access-policy.ts caches the reach until one is written). */
const REACH_TYPES = new Set(['CareTeam', 'PractitionerRole']);

/**
 * Stores a new version of `input` (create or update), inside the open transaction or its own. `rowsOf`, when
 * given, computes the index rows instead of the generic extraction (it must give the same rows: audit.ts).
 */
export function writeResource<T extends Resource>(store: Store, input: WithId<T>, mode: 'create' | 'update', ifMatch?: string, rowsOf?: (stored: WithId<T>) => IndexRows): WithId<T> {
  const type = input.resourceType;
  checkType(type);
  if (!ID_PATTERN.test(input.id)) {
    return invalid(`Invalid id: ${input.id}`, `${type}.id`);
  }
  return atomic(store, () => {
    const row = currentRow(store, type, input.id);
    if (mode === 'create' && row && !row.deleted) {
      return conflictError(`${type}/${input.id} already exists`);
    }
    if (ifMatch !== undefined && (!row || row.deleted || String(row.vid) !== ifMatch)) {
      return preconditionError(`Version mismatch: current is ${row && !row.deleted ? row.vid : 'none'}, If-Match was ${ifMatch}`);
    }
    const now = store.now();
    const vid = (row?.vid ?? 0) + 1;
    const meta = { ...input.meta, versionId: String(vid), lastUpdated: formatInstant(now) };
    const resource = { ...input, meta } as WithId<T>;
    const json = JSON.stringify(resource);
    let rid: number;
    if (row) {
      rid = row.rid;
      store.stmt('UPDATE resource SET vid = ?, lu_us = ?, deleted = 0, content = ? WHERE rid = ?').run(vid, now, json, rid);
      deleteIndexRows(store, rid);
    } else {
      const info = store.stmt('INSERT INTO resource (type, id, vid, lu_us, deleted, content) VALUES (?, ?, ?, ?, 0, ?)')
        .run(type, input.id, vid, now, json);
      rid = Number(info.lastInsertRowid);
    }
    store.stmt('INSERT INTO version (rid, type, id, vid, lu_us, deleted, content) VALUES (?, ?, ?, ?, ?, 0, ?)')
      .run(rid, type, input.id, vid, now, json);
    insertIndexRows(store, rid, resource, rowsOf ? rowsOf(resource) : undefined);
    if (REACH_TYPES.has(type)) careTeamsChanged(store.db);
    return resource;
  });
}

/** Deletes by writing a tombstone version; deleting a deleted resource is a no-op (idempotent). */
export function deleteResource(store: Store, resourceType: string, id: string, ifMatch?: string): void {
  checkType(resourceType);
  atomic(store, () => {
    const row = currentRow(store, resourceType, id);
    if (!row) {
      return notFoundError(`${resourceType}/${id} not found`);
    }
    if (ifMatch && String(row.vid) !== ifMatch) {
      return preconditionError(`Version mismatch: current is ${row.vid}, If-Match was ${ifMatch}`);
    }
    if (row.deleted) {
      return;
    }
    const now = store.now();
    const vid = row.vid + 1;
    store.stmt('UPDATE resource SET vid = ?, lu_us = ?, deleted = 1, content = NULL WHERE rid = ?').run(vid, now, row.rid);
    store.stmt('INSERT INTO version (rid, type, id, vid, lu_us, deleted, content) VALUES (?, ?, ?, ?, ?, 1, NULL)')
      .run(row.rid, resourceType, id, vid, now);
    deleteIndexRows(store, row.rid);
    if (REACH_TYPES.has(resourceType)) careTeamsChanged(store.db);
  });
}

/** JSON Patch or FHIRPath Patch on the current version, stored as a new version. */
export function patchResource<T extends Resource>(store: Store, resourceType: string, id: string, patch: Operation[] | Parameters, ifMatch?: string): WithId<T> {
  const resource = readCurrent<T>(store, resourceType, id);
  if (ifMatch && resource.meta?.versionId !== ifMatch) {
    return preconditionError(`Version mismatch: current is ${resource.meta?.versionId}, If-Match was ${ifMatch}`);
  }
  try {
    if (Array.isArray(patch)) {
      const errors = applyPatch(resource, patch).filter(Boolean);
      if (errors.length > 0) {
        throw new OperationOutcomeError(badRequest(errors.map((e) => (e as Error).message).join('\n')));
      }
    } else if (patch.parameter) {
      fhirpathPatchTypedValue(toTypedValue(resource), parseFhirPathPatchParameters(patch));
    }
  } catch (err) {
    throw new OperationOutcomeError(normalizeOperationOutcome(err));
  }
  if (resource.resourceType !== resourceType || resource.id !== id) {
    return invalid('A patch may not change resourceType or id');
  }
  return writeResource(store, resource, 'update');
}

function deleteIndexRows(store: Store, rid: number): void {
  for (const table of INDEX_TABLES) {
    store.stmt(`DELETE FROM ${table} WHERE rid = ?`).run(rid);
  }
}

function insertIndexRows(store: Store, rid: number, resource: Resource, given?: IndexRows): void {
  const rows = given ?? extractIndexRows(resource, store.baseUrl);
  const t = resource.resourceType;
  for (const r of rows.token) store.stmt('INSERT INTO sp_token VALUES (?, ?, ?, ?, ?, ?)').run(rid, t, r.code, r.system, r.value, r.text);
  for (const r of rows.string) store.stmt('INSERT INTO sp_string VALUES (?, ?, ?, ?, ?)').run(rid, t, r.code, r.value, r.norm);
  for (const r of rows.date) store.stmt('INSERT INTO sp_date VALUES (?, ?, ?, ?, ?)').run(rid, t, r.code, r.lo, r.hi);
  for (const r of rows.reference) store.stmt('INSERT INTO sp_reference VALUES (?, ?, ?, ?, ?)').run(rid, t, r.code, r.ttype, r.tid);
  for (const r of rows.quantity) store.stmt('INSERT INTO sp_quantity VALUES (?, ?, ?, ?, ?, ?, ?)').run(rid, t, r.code, r.value, r.system, r.unit, r.unit2);
  for (const r of rows.number) store.stmt('INSERT INTO sp_number VALUES (?, ?, ?, ?)').run(rid, t, r.code, r.value);
  for (const r of rows.uri) store.stmt('INSERT INTO sp_uri VALUES (?, ?, ?, ?)').run(rid, t, r.code, r.value);
}
