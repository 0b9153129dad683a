// FhirRepository on node:sqlite: every version kept, tombstones for deletes, search-parameter values indexed at
// write time, searches answered with SQL. Medplum's FhirRouter drives it. This class holds the locking and
// transaction logic; each concern lives in its own module (repository-write/-read/-search/-include, store).
import type { Operation, SearchRequest, WithId } from '@medplum/core';
import { generateId } from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions, ReadHistoryOptions, SearchOptions, TransactionOptions, UpdateResourceOptions } from '@medplum/fhir-router';
import { FhirRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Parameters, Reference, Resource } from '@medplum/fhirtypes';
import { invalid } from '@parcours/outcomes';
import { addIncludes } from './repository-include.ts';
import type { TypeHistoryOptions } from './repository-read.ts';
import { readCurrent, readHistory, readTypeHistory, readVersion } from './repository-read.ts';
import { searchPage, whereClause } from './repository-search.ts';
import { summaryCuts } from './summary.ts';
import type { StoredSearchOptions } from './repository-search.ts';
import { deleteResource, patchResource, writeResource } from './repository-write.ts';
import type { AccessFilter } from './access-sql.ts';
import type { SqlPart } from './search-sql.ts';
import type { Store } from './store.ts';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './repository-rows.ts';
export { Store } from './store.ts';

export class SqliteRepository extends FhirRepository {
  readonly store: Store;
  private readonly inTransaction: boolean;
  /** When set, every read, search, include and history of this view answers only what the filter admits. */
  readonly access: AccessFilter | undefined;

  constructor(store: Store, inTransaction = false, access?: AccessFilter) {
    super();
    this.store = store;
    this.inTransaction = inTransaction;
    this.access = access;
  }

  /** A view of the same store (and transaction) restricted by an access filter (see access-sql.ts). */
  withAccess(access: AccessFilter | undefined): SqliteRepository {
    return new SqliteRepository(this.store, this.inTransaction, access);
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

  setMode(): void {
    // one connection serves reads and writes
  }

  generateId(): string {
    return generateId();
  }

  async withTransaction<TResult>(callback: (txRepo: this) => Promise<TResult>, _options?: TransactionOptions): Promise<TResult> {
    const db = this.store.db;
    if (this.inTransaction) {
      const name = this.store.nextSavepoint();
      db.exec(`SAVEPOINT ${name}`);
      try {
        const result = await callback(this);
        db.exec(`RELEASE ${name}`);
        return result;
      } catch (err) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
        throw err;
      }
    }
    const release = await this.store.lock.acquire();
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await callback(new SqliteRepository(this.store, true, this.access) as this);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.isTransaction) db.exec('ROLLBACK');
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
    return this.run(() => writeResource(this.store, { ...resource, id }, 'create'));
  }

  async updateResource<T extends Resource>(resource: T, options?: UpdateResourceOptions): Promise<WithId<T>> {
    if (!resource.id) {
      return invalid('Missing id', `${resource.resourceType}.id`);
    }
    return this.run(() => writeResource(this.store, resource as WithId<T>, 'update', options?.ifMatch));
  }

  async patchResource<T extends Resource>(
    resourceType: T['resourceType'],
    id: string,
    patch: Operation[] | Parameters,
    options?: UpdateResourceOptions
  ): Promise<WithId<T>> {
    return this.run(() => patchResource<T>(this.store, resourceType, id, patch, options?.ifMatch));
  }

  async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    await this.run(() => deleteResource(this.store, resourceType, id, options?.ifMatch));
  }

  // --- reads ------------------------------------------------------------------------------------------------

  async readResource<T extends Resource>(resourceType: string, id: string): Promise<WithId<T>> {
    return this.run(() => readCurrent<T>(this.store, resourceType, id, this.access));
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
    return this.run(() => readVersion<T>(this.store, resourceType, id, vid, this.access));
  }

  async readHistory<T extends Resource>(resourceType: string, id: string, options?: ReadHistoryOptions): Promise<Bundle<WithId<T>>> {
    return this.run(() => readHistory<T>(this.store, resourceType, id, options, this.access));
  }

  /** Type or system history, newest first (`type` undefined for the whole system). */
  async readTypeHistory(type: string | undefined, options: TypeHistoryOptions = {}): Promise<Bundle> {
    return this.run(() => readTypeHistory(this.store, type, options, this.access));
  }

  // --- search -----------------------------------------------------------------------------------------------

  /**
   * A search and its includes hold the connection once: each include's searches run on a view that already holds
   * it, instead of queueing again behind every other request (three rounds of the queue for a plan).
   */
  async search<T extends Resource>(searchRequest: SearchRequest<T>, options?: SearchOptions): Promise<Bundle<WithId<T>>> {
    // A read worker takes the search only when the main connection is busy: alone, a search is faster here (no
    // bundle serialised by the worker and parsed again); under load, or behind an open transaction, it runs there.
    // It compiles the caller's read scope itself (read-worker.ts); a filter without a plain-data scope stays here.
    const busy = !this.inTransaction && this.store.lock.demand > 0 && (!this.access || this.access.scope !== undefined);
    const onWorker = busy ? this.store.readPool?.search(searchRequest, options, this.access?.scope) : undefined;
    if (onWorker) {
      return onWorker;
    }
    if (!this.inTransaction && (searchRequest.include || searchRequest.revInclude)) {
      const release = await this.store.lock.acquire();
      try {
        return await new SqliteRepository(this.store, true, this.access).search(searchRequest, options);
      } finally {
        release();
      }
    }
    const bundle = await this.run(() => searchPage(this.store, searchRequest, options, this.access));
    if ((searchRequest.include || searchRequest.revInclude) && bundle.entry?.length) {
      const entries = bundle.entry as BundleEntry[];
      const matched = entries.map((e) => e.resource as WithId<Resource>);
      const shaped = !!searchRequest.fields?.length || summaryCuts(searchRequest.summary);
      const { stored, sqlTime, withoutOwners = false } = (options ?? {}) as StoredSearchOptions;
      await addIncludes({ repo: this, store: this.store, access: this.access, stored, shaped, sqlTime, withoutOwners }, searchRequest as SearchRequest, matched, entries);
    }
    return bundle;
  }

  /** The WHERE clause of a search (the page and the count share it); exposed for query-plan tests. */
  whereClause(searchRequest: SearchRequest): SqlPart {
    return whereClause(this.store, searchRequest, this.access);
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
