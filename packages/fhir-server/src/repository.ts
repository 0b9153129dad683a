// FhirRepository on node:sqlite: every version kept, tombstones for deletes, search-parameter values indexed at
// write time, searches answered with SQL. Medplum's FhirRouter drives it.
import type { IncludeTarget, Operation, SearchRequest, WithId } from '@medplum/core';
import {
  DEFAULT_MAX_SEARCH_COUNT,
  Operator,
  OperationOutcomeError,
  applyPatch,
  badRequest,
  fhirpathPatchTypedValue,
  formatSearchQuery,
  generateId,
  normalizeOperationOutcome,
  parseFhirPathPatchParameters,
  toTypedValue,
} from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions, ReadHistoryOptions, SearchOptions, TransactionOptions, UpdateResourceOptions } from '@medplum/fhir-router';
import { FhirRepository, getSearchIncludeEntries, getSearchRevIncludeEntries } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, BundleLink, Parameters, Reference, Resource } from '@medplum/fhirtypes';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { INDEX_TABLES } from './database.ts';
import { conflictError, goneError, invalid, notFoundError, preconditionError } from '@parcours/outcomes';
import { extractIndexRows, isKnownResourceType } from './search-params.ts';
import { elements, summarise } from './summary.ts';
import type { SqlPart } from './search-sql.ts';
import { compileFilter, sortExpression } from './search-sql.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;
const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

interface ResourceRow { rid: number; vid: number; deleted: number; content: string | null; lu_ms: number }
interface VersionRow { type: string; id: string; vid: number; lu_ms: number; deleted: number; content: string | null }

/** Serialises access: a transaction spans awaits, so other callers wait for it to finish. */
class Lock {
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

/** Shared state behind every repository view (the plain one and the transaction-scoped ones). */
export class Store {
  readonly db: DatabaseSync;
  readonly baseUrl: string;
  readonly lock = new Lock();
  private savepoint = 0;
  private lastTime = 0;

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

  private readonly statements = new Map<string, StatementSync>();

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

function parse<T>(json: string): T {
  return JSON.parse(json) as T;
}

export class SqliteRepository extends FhirRepository {
  readonly store: Store;
  private readonly inTransaction: boolean;

  constructor(store: Store, inTransaction = false) {
    super();
    this.store = store;
    this.inTransaction = inTransaction;
  }

  private get db(): DatabaseSync {
    return this.store.db;
  }

  /** Runs synchronous work, after any open transaction of another caller. */
  private async run<T>(fn: () => T): Promise<T> {
    if (this.inTransaction) {
      return fn();
    }
    const release = await this.store.lock.acquire();
    try {
      return fn();
    } finally {
      release();
    }
  }

  /** Wraps synchronous writes in their own SQLite transaction unless one is already open. */
  private atomic<T>(fn: () => T): T {
    if (this.db.isTransaction) {
      return fn();
    }
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  setMode(): void {
    // one connection serves reads and writes
  }

  generateId(): string {
    return generateId();
  }

  async withTransaction<TResult>(callback: (txRepo: this) => Promise<TResult>, _options?: TransactionOptions): Promise<TResult> {
    if (this.inTransaction) {
      const name = this.store.nextSavepoint();
      this.db.exec(`SAVEPOINT ${name}`);
      try {
        const result = await callback(this);
        this.db.exec(`RELEASE ${name}`);
        return result;
      } catch (err) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
        throw err;
      }
    }
    const release = await this.store.lock.acquire();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await callback(new SqliteRepository(this.store, true) as this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      release();
    }
  }

  // --- writes -----------------------------------------------------------------------------------------------

  async createResource<T extends Resource>(resource: T, options?: CreateResourceOptions): Promise<WithId<T>> {
    // A plain HTTP create (assignedId: false) ignores any client id; library callers and batches keep theirs.
    const id = options?.assignedId === false || !resource.id ? this.generateId() : resource.id;
    return this.run(() => this.writeSync({ ...resource, id }, 'create'));
  }

  async updateResource<T extends Resource>(resource: T, options?: UpdateResourceOptions): Promise<WithId<T>> {
    if (!resource.id) {
      return invalid('Missing id', `${resource.resourceType}.id`);
    }
    return this.run(() => this.writeSync(resource as WithId<T>, 'update', options?.ifMatch));
  }

  async patchResource<T extends Resource>(
    resourceType: T['resourceType'],
    id: string,
    patch: Operation[] | Parameters,
    options?: UpdateResourceOptions
  ): Promise<WithId<T>> {
    return this.run(() => {
      const resource = this.readSync<T>(resourceType, id);
      if (options?.ifMatch && resource.meta?.versionId !== options.ifMatch) {
        return preconditionError(`Version mismatch: current is ${resource.meta?.versionId}, If-Match was ${options.ifMatch}`);
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
      return this.writeSync(resource, 'update');
    });
  }

  async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    this.checkType(resourceType);
    await this.run(() =>
      this.atomic(() => {
        const row = this.currentRow(resourceType, id);
        if (!row) {
          return notFoundError(`${resourceType}/${id} not found`);
        }
        if (options?.ifMatch && String(row.vid) !== options.ifMatch) {
          return preconditionError(`Version mismatch: current is ${row.vid}, If-Match was ${options.ifMatch}`);
        }
        if (row.deleted) {
          return; // deleting a deleted resource is a no-op (idempotent)
        }
        const now = this.store.now();
        const vid = row.vid + 1;
        this.store.stmt('UPDATE resource SET vid = ?, lu_ms = ?, deleted = 1, content = NULL WHERE rid = ?').run(vid, now, row.rid);
        this.store.stmt('INSERT INTO version (rid, type, id, vid, lu_ms, deleted, content) VALUES (?, ?, ?, ?, ?, 1, NULL)')
          .run(row.rid, resourceType, id, vid, now);
        this.deleteIndexRows(row.rid);
      })
    );
  }

  private checkType(resourceType: string): void {
    if (!isKnownResourceType(resourceType)) {
      notFoundError(`Unknown resource type: ${resourceType}`);
    }
  }

  private currentRow(type: string, id: string): ResourceRow | undefined {
    return this.store.stmt('SELECT rid, vid, deleted, content, lu_ms FROM resource WHERE type = ? AND id = ?').get(type, id) as
      | ResourceRow
      | undefined;
  }

  private writeSync<T extends Resource>(input: WithId<T>, mode: 'create' | 'update', ifMatch?: string): WithId<T> {
    const type = input.resourceType;
    this.checkType(type);
    if (!ID_PATTERN.test(input.id)) {
      return invalid(`Invalid id: ${input.id}`, `${type}.id`);
    }
    return this.atomic(() => {
      const row = this.currentRow(type, input.id);
      if (mode === 'create' && row && !row.deleted) {
        return conflictError(`${type}/${input.id} already exists`);
      }
      if (ifMatch !== undefined && (!row || row.deleted || String(row.vid) !== ifMatch)) {
        return preconditionError(`Version mismatch: current is ${row && !row.deleted ? row.vid : 'none'}, If-Match was ${ifMatch}`);
      }
      const now = this.store.now();
      const vid = (row?.vid ?? 0) + 1;
      const meta = { ...input.meta, versionId: String(vid), lastUpdated: new Date(now).toISOString() };
      const resource = { ...input, meta } as WithId<T>;
      const json = JSON.stringify(resource);
      let rid: number;
      if (row) {
        rid = row.rid;
        this.store.stmt('UPDATE resource SET vid = ?, lu_ms = ?, deleted = 0, content = ? WHERE rid = ?').run(vid, now, json, rid);
        this.deleteIndexRows(rid);
      } else {
        const info = this.store.stmt('INSERT INTO resource (type, id, vid, lu_ms, deleted, content) VALUES (?, ?, ?, ?, 0, ?)')
          .run(type, input.id, vid, now, json);
        rid = Number(info.lastInsertRowid);
      }
      this.store.stmt('INSERT INTO version (rid, type, id, vid, lu_ms, deleted, content) VALUES (?, ?, ?, ?, ?, 0, ?)')
        .run(rid, type, input.id, vid, now, json);
      this.insertIndexRows(rid, resource);
      return resource;
    });
  }

  private deleteIndexRows(rid: number): void {
    for (const table of INDEX_TABLES) {
      this.store.stmt(`DELETE FROM ${table} WHERE rid = ?`).run(rid);
    }
  }

  private insertIndexRows(rid: number, resource: Resource): void {
    const rows = extractIndexRows(resource, this.store.baseUrl);
    const t = resource.resourceType;
    for (const r of rows.token) this.store.stmt('INSERT INTO sp_token VALUES (?, ?, ?, ?, ?, ?)').run(rid, t, r.code, r.system, r.value, r.text);
    for (const r of rows.string) this.store.stmt('INSERT INTO sp_string VALUES (?, ?, ?, ?, ?)').run(rid, t, r.code, r.value, r.norm);
    for (const r of rows.date) this.store.stmt('INSERT INTO sp_date VALUES (?, ?, ?, ?, ?)').run(rid, t, r.code, r.lo, r.hi);
    for (const r of rows.reference) this.store.stmt('INSERT INTO sp_reference VALUES (?, ?, ?, ?, ?)').run(rid, t, r.code, r.ttype, r.tid);
    for (const r of rows.quantity) this.store.stmt('INSERT INTO sp_quantity VALUES (?, ?, ?, ?, ?, ?, ?)').run(rid, t, r.code, r.value, r.system, r.unit, r.unit2);
    for (const r of rows.number) this.store.stmt('INSERT INTO sp_number VALUES (?, ?, ?, ?)').run(rid, t, r.code, r.value);
    for (const r of rows.uri) this.store.stmt('INSERT INTO sp_uri VALUES (?, ?, ?, ?)').run(rid, t, r.code, r.value);
  }

  // --- reads ------------------------------------------------------------------------------------------------

  private readSync<T extends Resource>(resourceType: string, id: string): WithId<T> {
    this.checkType(resourceType);
    const row = this.store.stmt('SELECT deleted, content FROM resource WHERE type = ? AND id = ?').get(resourceType, id) as
      | Pick<ResourceRow, 'deleted' | 'content'>
      | undefined;
    if (!row) {
      return notFoundError(`${resourceType}/${id} not found`);
    }
    if (row.deleted || !row.content) {
      return goneError(`${resourceType}/${id} was deleted`);
    }
    return parse<WithId<T>>(row.content);
  }

  async readResource<T extends Resource>(resourceType: string, id: string): Promise<WithId<T>> {
    return this.run(() => this.readSync<T>(resourceType, id));
  }

  async readReference<T extends Resource>(reference: Reference<T>): Promise<WithId<T>> {
    const [type, id, ...rest] = (reference.reference ?? '').split('/');
    if (!type || !id || rest.length) {
      return invalid(`Invalid reference: ${reference.reference}`);
    }
    return this.readResource<T>(type, id);
  }

  async readReferences<T extends Resource>(references: readonly Reference<T>[]): Promise<(T | Error)[]> {
    return Promise.all(references.map((r) => this.readReference(r).catch((err: unknown) => err instanceof Error ? err : new Error(String(err)))));
  }

  async readVersion<T extends Resource>(resourceType: string, id: string, vid: string): Promise<WithId<T>> {
    return this.run(() => {
      this.checkType(resourceType);
      const row = this.db
        .prepare('SELECT v.deleted, v.content FROM version v JOIN resource r ON r.rid = v.rid WHERE r.type = ? AND r.id = ? AND v.vid = ?')
        .get(resourceType, id, Number(vid)) as Pick<VersionRow, 'deleted' | 'content'> | undefined;
      if (!row || !/^\d+$/.test(vid)) {
        return notFoundError(`${resourceType}/${id}/_history/${vid} not found`);
      }
      if (row.deleted || !row.content) {
        return goneError(`${resourceType}/${id}/_history/${vid} is a deletion`);
      }
      return parse<WithId<T>>(row.content);
    });
  }

  async readHistory<T extends Resource>(resourceType: string, id: string, options?: ReadHistoryOptions): Promise<Bundle<WithId<T>>> {
    return this.run(() => {
      this.checkType(resourceType);
      const row = this.currentRow(resourceType, id);
      if (!row) {
        return notFoundError(`${resourceType}/${id} not found`);
      }
      const limit = Math.min(options?.limit ?? 100, MAX_PAGE_SIZE);
      const offset = options?.offset ?? 0;
      const rows = this.db
        .prepare('SELECT type, id, vid, lu_ms, deleted, content FROM version WHERE rid = ? ORDER BY vid DESC LIMIT ? OFFSET ?')
        .all(row.rid, limit, offset) as unknown as VersionRow[];
      return this.historyBundle<T>(rows, row.vid);
    });
  }

  /** Type or system history, newest first (`type` undefined for the whole system). */
  async readTypeHistory(type: string | undefined, options: { count?: number; offset?: number; since?: string } = {}): Promise<Bundle> {
    return this.run(() => {
      if (type) this.checkType(type);
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      if (type) {
        where.push('type = ?');
        params.push(type);
      }
      if (options.since) {
        const since = Date.parse(options.since);
        if (Number.isNaN(since)) invalid(`Invalid _since: ${options.since}`, '_since');
        where.push('lu_ms >= ?');
        params.push(since);
      }
      const count = Math.min(options.count ?? 100, MAX_PAGE_SIZE);
      const sql = `SELECT type, id, vid, lu_ms, deleted, content FROM version ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ? OFFSET ?`;
      const rows = this.store.stmt(sql).all(...params, count, options.offset ?? 0) as unknown as VersionRow[];
      return this.historyBundle(rows);
    });
  }

  private historyBundle<T extends Resource>(rows: VersionRow[], _current?: number): Bundle<WithId<T>> {
    const entry = rows.map((v): BundleEntry<WithId<T>> => {
      const url = `${v.type}/${v.id}`;
      const lastModified = new Date(v.lu_ms).toISOString();
      if (v.deleted || !v.content) {
        return {
          fullUrl: `${this.store.baseUrl}/${url}`,
          request: { method: 'DELETE', url },
          response: { status: '410 Gone', etag: `W/"${v.vid}"`, lastModified },
        };
      }
      return {
        fullUrl: `${this.store.baseUrl}/${url}`,
        resource: parse<WithId<T>>(v.content),
        request: { method: v.vid === 1 ? 'POST' : 'PUT', url: v.vid === 1 ? v.type : url },
        response: { status: v.vid === 1 ? '201 Created' : '200 OK', etag: `W/"${v.vid}"`, lastModified },
      };
    });
    return { resourceType: 'Bundle', type: 'history', total: entry.length, entry };
  }

  // --- search -----------------------------------------------------------------------------------------------

  async search<T extends Resource>(searchRequest: SearchRequest<T>, options?: SearchOptions): Promise<Bundle<WithId<T>>> {
    const bundle = await this.run(() => this.searchSync(searchRequest, options));
    if ((searchRequest.include || searchRequest.revInclude) && bundle.entry?.length) {
      const entries = bundle.entry as BundleEntry[];
      const matched = entries.map((e) => e.resource as WithId<Resource>);
      await this.extraEntries(searchRequest as SearchRequest, matched, entries);
    }
    return bundle;
  }

  /**
   * `_include` / `_revinclude` (with `:iterate`), as Medplum's `getExtraEntries` does them, with one difference
   * that changes no result: an `_include=Type:param` only looks at the resources of that Type. Medplum evaluates
   * the parameter's FHIRPath on every resource found so far (a person's plan: ~300 resources × 7 includes), where
   * it can only yield something on resources of the named type.
   * http://hl7.org/fhir/R4/search.html#include
   */
  private async extraEntries(searchRequest: SearchRequest, resources: Resource[], entries: BundleEntry[]): Promise<void> {
    const maxDepth = 5;
    const options = { fullUrl: (type: string, id: string): string => `${this.store.baseUrl}/${type}/${id}` };
    const seen = new Set<string>(resources.map((r) => `${r.resourceType}/${r.id}`));
    let base: Resource[] = resources;
    let iterateOnly = false;
    let depth = 0;
    const wanted = (p: IncludeTarget): boolean => !iterateOnly || p.modifier === Operator.ITERATE;
    while (base.length > 0) {
      if (depth >= maxDepth || entries.length > DEFAULT_MAX_SEARCH_COUNT) {
        throw new Error(`Search with _(rev)include reached query scope limit: depth=${depth}, results=${entries.length}`);
      }
      const current = base;
      const includes = (searchRequest.include ?? []).filter(wanted).flatMap((p) => {
        const ofType = current.filter((r) => r.resourceType === p.resourceType);
        return ofType.length > 0 ? [getSearchIncludeEntries(this, p, ofType, options)] : [];
      });
      const revIncludes = (searchRequest.revInclude ?? []).filter(wanted).map((p) => getSearchRevIncludeEntries(this, p, current, options));
      const included = (await Promise.all([...includes, ...revIncludes])).flat();
      base = [];
      for (const entry of included) {
        const resource = entry.resource as Resource;
        base.push(resource);
        const ref = `${resource.resourceType}/${resource.id}`;
        if (!seen.has(ref)) entries.push(entry);
        seen.add(ref);
      }
      iterateOnly = true;
      depth++;
    }
  }

  /**
   * The WHERE clause shared by the page and the count queries. The most selective positive filter leads
   * (`r.rid IN (...)`, with `+r.type` so SQLite does not scan the type instead); the others probe by rid.
   */
  whereClause(searchRequest: SearchRequest): SqlPart {
    const type = searchRequest.resourceType;
    const compiled = (searchRequest.filters ?? []).map((f) => compileFilter(type, f, this.store.baseUrl));
    const leader = compiled.filter((c) => c.drive).sort((x, y) => x.rank - y.rank)[0];
    const parts: SqlPart[] = leader?.drive
      ? [{ sql: `r.rid IN (${leader.drive.sql}) AND +r.type = ? AND r.deleted = 0`, params: [...leader.drive.params, type] }]
      : [{ sql: 'r.type = ? AND r.deleted = 0', params: [type] }];
    for (const c of compiled) {
      if (c !== leader) parts.push(c.check);
    }
    return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
  }

  private searchSync<T extends Resource>(searchRequest: SearchRequest<T>, options?: SearchOptions): Bundle<WithId<T>> {
    const type = searchRequest.resourceType;
    if (type === ('MultipleTypes' as string)) {
      return invalid('Searching several types at once is not supported; search each type');
    }
    this.checkType(type);
    const count = Math.min(Math.max(searchRequest.count ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
    const offset = Math.max(searchRequest.offset ?? 0, 0);
    const where = this.whereClause(searchRequest);
    const sorts = (searchRequest.sortRules ?? []).map((rule) => ({ rule, expr: sortExpression(type, rule) }));
    const orderBy = [...sorts.map((s) => `${s.expr.sql} ${s.rule.descending ? 'DESC' : 'ASC'}`), 'r.rid ASC'].join(', ');
    const sortParams = sorts.flatMap((s) => s.expr.params);

    let resources: WithId<T>[] = [];
    if (count > 0) {
      const sql = `SELECT r.content FROM resource r WHERE r.rid IN (SELECT r.rid FROM resource r WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?) ORDER BY ${orderBy}`;
      const rows = this.store.stmt(sql).all(...where.params, ...sortParams, count, offset, ...sortParams) as { content: string }[];
      resources = rows.map((r) => parse<WithId<T>>(r.content));
    }
    let total: number | undefined;
    if (!options?.resourceOnly && searchRequest.total !== 'none') {
      total = (this.store.stmt(`SELECT COUNT(*) AS n FROM resource r WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    }
    const fields = searchRequest.fields;
    const summary = searchRequest.summary;
    const shape = (resource: WithId<T>): WithId<T> => {
      if (fields?.length) return elements(resource, fields);
      return summary === 'true' || summary === 'text' || summary === 'data' ? summarise(resource, summary) : resource;
    };
    const entry = resources.map((resource): BundleEntry<WithId<T>> => ({
      fullUrl: `${this.store.baseUrl}/${type}/${resource.id}`,
      search: { mode: 'match' },
      resource: shape(resource),
    }));
    const bundle: Bundle<WithId<T>> = { resourceType: 'Bundle', type: 'searchset', ...(total !== undefined ? { total } : undefined), entry };
    if (!options?.resourceOnly) {
      bundle.link = this.pageLinks(searchRequest, count, offset, resources.length, total);
    }
    return bundle;
  }

  private pageLinks(searchRequest: SearchRequest, count: number, offset: number, returned: number, total: number | undefined): BundleLink[] {
    const url = (o: number): string =>
      `${this.store.baseUrl}/${searchRequest.resourceType}${formatSearchQuery({ ...searchRequest, count, offset: o })}`;
    const links: BundleLink[] = [{ relation: 'self', url: url(offset) }, { relation: 'first', url: url(0) }];
    const hasNext = count > 0 && (total !== undefined ? offset + count < total : returned === count);
    if (hasNext) links.push({ relation: 'next', url: url(offset + count) });
    if (offset > 0 && count > 0) links.push({ relation: 'previous', url: url(Math.max(0, offset - count)) });
    return links;
  }

  async searchByReference<T extends Resource>(
    searchRequest: SearchRequest<T>,
    referenceField: string,
    references: string[]
  ): Promise<Record<string, WithId<T>[]>> {
    const result: Record<string, WithId<T>[]> = {};
    for (const reference of references) {
      const bundle = await this.search({
        ...searchRequest,
        filters: [...(searchRequest.filters ?? []), { code: referenceField, operator: 'eq', value: reference }],
      }, { resourceOnly: true });
      result[reference] = (bundle.entry ?? []).map((e) => e.resource as WithId<T>);
    }
    return result;
  }
}

