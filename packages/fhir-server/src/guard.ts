// Per-request repository: applies the access grant returned by a FhirGuard (and optional write validation)
// around the shared repository, so the SMART layer can enforce tokens without the server knowing SMART.
import type { Operation, SearchRequest, WithId } from '@medplum/core';
import { OperationOutcomeError, forbidden } from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions, ReadHistoryOptions, SearchOptions, TransactionOptions, UpdateResourceOptions } from '@medplum/fhir-router';
import { FhirRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Parameters, Reference, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage } from 'node:http';

/** Hook points for an authorization layer (contract shared with @parcours/smart). */
export interface FhirGuard {
  /** Called before every request except GET /metadata. Throw an OperationOutcomeError (401 `login`, 403 `forbidden`) to reject. */
  authorize(
    req: IncomingMessage,
    request: { method: string; resourceType?: string; id?: string; operation?: string; interaction: string }
  ): Promise<AccessGrant>;
}

export interface AccessGrant {
  canRead(resource: Resource): boolean; // false → 403 on read; entry omitted from search/history results
  canWrite(resource: Resource): boolean; // false → 403 (also per entry in batch/transaction; a transaction is then rejected whole)
}

/** Type and system history: not part of Medplum's FhirRepository, offered by ours. */
export interface HistoryReader {
  readTypeHistory(type: string | undefined, options?: { count?: number; offset?: number; since?: string }): Promise<Bundle>;
}

export interface RequestPolicy {
  grant?: AccessGrant;
  /** Returns an OperationOutcome to reject the write with (422), or undefined to accept it. */
  validateWrite?: (resource: Resource) => OperationOutcome | undefined;
}

function deny(action: string, resource: Resource): never {
  throw new OperationOutcomeError({
    ...forbidden,
    issue: [{ severity: 'error', code: 'forbidden', details: { text: `Forbidden: ${action} ${resource.resourceType}/${resource.id ?? ''}` } }],
  });
}

export class RequestRepository extends FhirRepository implements HistoryReader {
  private readonly inner: FhirRepository & HistoryReader;
  private readonly policy: RequestPolicy;

  constructor(inner: FhirRepository & HistoryReader, policy: RequestPolicy) {
    super();
    this.inner = inner;
    this.policy = policy;
  }

  private readable<T extends Resource>(resource: T): T {
    if (this.policy.grant && !this.policy.grant.canRead(resource)) deny('read', resource);
    return resource;
  }

  private async checkWrite(resource: Resource): Promise<void> {
    if (this.policy.grant && !this.policy.grant.canWrite(resource) && !(await this.provenanceOfWritable(resource))) {
      deny('write', resource);
    }
    const problem = this.policy.validateWrite?.(resource);
    if (problem) throw new OperationOutcomeError(problem);
  }

  /**
   * A Provenance links to its patient only through its targets (Provenance.patient is `target.where(resolve() is
   * Patient)`), so a patient-scoped token could never record who wrote what. It may when every target is a stored
   * resource (earlier entries of the same transaction included) that this grant may write.
   */
  private async provenanceOfWritable(resource: Resource): Promise<boolean> {
    if (resource.resourceType !== 'Provenance' || !this.policy.grant || resource.target.length === 0) return false;
    const grant = this.policy.grant;
    for (const target of resource.target) {
      const stored = target.reference ? await this.inner.readReference(target).catch(() => undefined) : undefined;
      if (!stored || !grant.canWrite(stored)) return false;
    }
    return true;
  }

  private visible<T extends Resource>(bundle: Bundle<T>): Bundle<T> {
    if (!this.policy.grant) return bundle;
    const grant = this.policy.grant;
    const entry = (bundle.entry ?? []).filter((e: BundleEntry<T>) => !e.resource || grant.canRead(e.resource));
    return { ...bundle, entry };
  }

  setMode(): void {
    // single connection
  }

  generateId(): string {
    return this.inner.generateId();
  }

  async createResource<T extends Resource>(resource: T, options?: CreateResourceOptions): Promise<WithId<T>> {
    await this.checkWrite(resource);
    return this.inner.createResource(resource, options);
  }

  async updateResource<T extends Resource>(resource: T, options?: UpdateResourceOptions): Promise<WithId<T>> {
    await this.checkWrite(resource);
    if (this.policy.grant && resource.id) {
      const existing = await this.inner.readResource(resource.resourceType, resource.id).catch(() => undefined);
      if (existing && !this.policy.grant.canWrite(existing)) deny('write', existing);
    }
    return this.inner.updateResource(resource, options);
  }

  async patchResource<T extends Resource>(
    resourceType: T['resourceType'],
    id: string,
    patch: Operation[] | Parameters,
    options?: UpdateResourceOptions
  ): Promise<WithId<T>> {
    return this.inner.withTransaction(
      async (tx) => {
        const existing = await tx.readResource<T>(resourceType, id);
        if (this.policy.grant && !this.policy.grant.canWrite(existing)) deny('write', existing);
        const patched = await tx.patchResource<T>(resourceType, id, patch, options);
        await this.checkWrite(patched); // throwing here rolls the patch back
        return patched;
      },
      { resourceTypes: [resourceType] }
    );
  }

  async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    if (this.policy.grant) {
      const existing = await this.inner.readResource(resourceType, id);
      if (!this.policy.grant.canWrite(existing)) deny('delete', existing);
    }
    return this.inner.deleteResource(resourceType, id, options);
  }

  async readResource<T extends Resource>(resourceType: string, id: string): Promise<WithId<T>> {
    return this.readable(await this.inner.readResource<T>(resourceType, id));
  }

  async readReference<T extends Resource>(reference: Reference<T>): Promise<WithId<T>> {
    return this.readable(await this.inner.readReference(reference));
  }

  async readReferences<T extends Resource>(references: readonly Reference<T>[]): Promise<(T | Error)[]> {
    const results = await this.inner.readReferences(references);
    return results.map((r) => {
      if (r instanceof Error) return r;
      try {
        return this.readable(r);
      } catch (err) {
        return err as Error;
      }
    });
  }

  async readHistory<T extends Resource>(resourceType: string, id: string, options?: ReadHistoryOptions): Promise<Bundle<WithId<T>>> {
    return this.visible(await this.inner.readHistory<T>(resourceType, id, options));
  }

  async readVersion<T extends Resource>(resourceType: string, id: string, vid: string): Promise<WithId<T>> {
    return this.readable(await this.inner.readVersion<T>(resourceType, id, vid));
  }

  async readTypeHistory(type: string | undefined, options?: { count?: number; offset?: number; since?: string }): Promise<Bundle> {
    return this.visible(await this.inner.readTypeHistory(type, options));
  }

  async search<T extends Resource>(searchRequest: SearchRequest<T>, options?: SearchOptions): Promise<Bundle<WithId<T>>> {
    return this.visible(await this.inner.search(searchRequest, options));
  }

  async searchByReference<T extends Resource>(
    searchRequest: SearchRequest<T>,
    referenceField: string,
    references: string[]
  ): Promise<Record<string, WithId<T>[]>> {
    const result = await this.inner.searchByReference(searchRequest, referenceField, references);
    const grant = this.policy.grant;
    if (!grant) return result;
    return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.filter((r) => grant.canRead(r))]));
  }

  async withTransaction<TResult>(callback: (txRepo: this) => Promise<TResult>, options: TransactionOptions): Promise<TResult> {
    return this.inner.withTransaction(
      (tx) => callback(new RequestRepository(tx as FhirRepository & HistoryReader, this.policy) as this),
      options
    );
  }
}
