// Per-request repository: applies the access grant returned by a FhirGuard (and optional write validation)
// around the shared repository, so the SMART layer can enforce tokens without the server knowing SMART.
import type { Operation, SearchRequest, WithId } from '@medplum/core';
import { OperationOutcomeError, forbidden } from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions, ReadHistoryOptions, SearchOptions, TransactionOptions, UpdateResourceOptions } from '@medplum/fhir-router';
import { FhirRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Parameters, Reference, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage } from 'node:http';
import type { AccessPrincipal, Reach } from './access-policy.ts';
import { resolveReach } from './access-policy.ts';
import { compileReadScope } from './access-sql.ts';
import { ownersOf } from './repository-search.ts';
import type { StoredSearchOptions } from './repository-search.ts';
import { OWNER_ELEMENTS, storedOwner } from './stored-json.ts';
import type { SqliteRepository } from './repository.ts';
import type { SqlTime } from './store.ts';
import { firstTeam, needsFirstTeam } from './first-team.ts';
import { checkWriteReach } from './write-policy.ts';

export type { AccessPrincipal } from './access-policy.ts';

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
  /** false → 403 (also per entry in batch/transaction; a transaction is then rejected whole). */
  canWrite(resource: Resource, permission?: 'c' | 'u' | 'd'): boolean;
  /**
   * Who asks. With it, reads are filtered in SQL by the care-team policy (access-policy.ts) instead of canRead,
   * writes must stay within the people the caller reaches, and every request is audited (audit.ts).
   */
  principal?: AccessPrincipal;
}

/** Type and system history: not part of Medplum's FhirRepository, offered by ours. */
export interface HistoryReader {
  readTypeHistory(type: string | undefined, options?: { count?: number; offset?: number; since?: string }): Promise<Bundle>;
}

export interface RequestPolicy {
  grant?: AccessGrant;
  /** Clock (ms), for the periods of care-team participation. */
  now?: () => number;
  /** Extra write check (narrative safety): an OperationOutcome refuses the write with 422. */
  checkContent?: (resource: Resource) => OperationOutcome | undefined;
  /** Returns an OperationOutcome to reject the write with (422), or undefined to accept it. */
  validateWrite?: (resource: Resource) => OperationOutcome | undefined;
  /**
   * The request is a search (or a batch) whose Bundles go straight to the client: their whole matches may stay as
   * stored text (stored-json.ts). Access is unchanged: the SQL filter chose the rows; without a principal, canRead
   * parses them.
   */
  storedAnswers?: boolean;
  /** The time this request's searches spend in SQL statements is added here (the answer's Server-Timing). */
  sqlTime?: SqlTime;
}

function deny(action: string, resource: Resource): never {
  throw new OperationOutcomeError({
    ...forbidden,
    issue: [{ severity: 'error', code: 'forbidden', details: { text: `Forbidden: ${action} ${resource.resourceType}/${resource.id ?? ''}` } }],
  });
}

/** The people touched by a request, for the audit trail (collected as resources are answered or written). */
export interface Touched {
  patients: Set<string>;
  resources: Set<string>;
}

export class RequestRepository extends FhirRepository implements HistoryReader {
  private readonly inner: FhirRepository & HistoryReader;
  private readonly policy: RequestPolicy;
  /** With a principal: the care-team reach, resolved once per request, and the SQL-filtered view of the store. */
  private scoped: { reach: Reach; view: SqliteRepository } | undefined;
  readonly touched: Touched;

  constructor(inner: FhirRepository & HistoryReader, policy: RequestPolicy, shared?: { scoped?: { reach: Reach; view: SqliteRepository }; touched: Touched }) {
    super();
    this.inner = inner;
    this.policy = policy;
    this.scoped = shared?.scoped;
    this.touched = shared?.touched ?? { patients: new Set(), resources: new Set() };
  }

  /** The user's organisation, when this request resolved the user's memberships (for the audit trail). */
  organization(): string | undefined {
    return [...(this.scoped?.reach.members ?? [])].find((r) => r.startsWith('Organization/'));
  }

  private get principal(): AccessPrincipal | undefined {
    return this.policy.grant?.principal;
  }

  /** Who asks (for operations mounted through FhirServerOptions.operations). */
  get caller(): AccessPrincipal | undefined {
    return this.principal;
  }

  /** The reach and filtered view (throws the 403 naming the coordinator when the user is not in the person's team). */
  private scope(): { reach: Reach; view: SqliteRepository } {
    if (this.scoped) return this.scoped;
    const principal = this.principal as AccessPrincipal;
    const store = this.inner as unknown as SqliteRepository;
    const reach = resolveReach(store.store.db, principal, (this.policy.now ?? Date.now)());
    const view = store.withAccess(compileReadScope({
      types: reach.bootstrap ? ['Patient'] : principal.readTypes,
      ...(reach.bootstrap ? { patients: [reach.bootstrap] } : reach.patients ? { patients: reach.patients } : {}),
      shared: principal.shared && !reach.bootstrap,
      deniedLabels: principal.deniedLabels,
      ...(reach.members ? { runBy: [...reach.members] } : {}),
    }));
    if (principal.patient) this.touched.patients.add(principal.patient);
    this.scoped = { reach, view };
    return this.scoped;
  }

  /** Where reads go: the SQL-filtered view with a principal, else the store (filtered by canRead afterwards). */
  private source(): FhirRepository & HistoryReader {
    return this.principal ? this.scope().view : this.inner;
  }

  private readable<T extends Resource>(resource: T): T {
    if (this.principal) {
      this.touch(resource);
      return resource;
    }
    if (this.policy.grant && !this.policy.grant.canRead(resource)) deny('read', resource);
    return resource;
  }

  private touch(resource: Resource): void {
    if (this.touched.resources.size < 50) this.touched.resources.add(`${resource.resourceType}/${resource.id ?? ''}`);
    if (this.principal?.level !== 'patient') {
      const indexed = ownersOf(resource);
      if (indexed) for (const owner of indexed) this.touched.patients.add(owner);
      const owner = resource.resourceType === 'Patient' ? resource.id : (storedOwner(resource) ?? { owner: ownerOf(resource) }).owner;
      if (owner) this.touched.patients.add(owner);
    }
  }

  private async checkWrite(resource: Resource, permission: 'c' | 'u' | 'd' = 'c'): Promise<void> {
    const grant = this.policy.grant;
    const principal = this.principal;
    if (grant && principal) {
      if (!grant.canWrite(resource, permission)) deny('write', resource);
      const scoped = this.scope();
      const reachable = async (reference: string): Promise<boolean> => !!(await scoped.view.readReference({ reference }).catch(() => undefined));
      await checkWriteReach(resource, principal, scoped.reach, (this.inner as unknown as SqliteRepository).store.baseUrl, reachable, (this.policy.now ?? Date.now)());
      this.touch(resource);
    } else if (grant && !grant.canWrite(resource, permission) && !(await this.provenanceOfWritable(resource))) {
      deny('write', resource);
    }
    const unsafe = this.policy.checkContent?.(resource);
    if (unsafe) throw new OperationOutcomeError(unsafe);
    const problem = this.policy.validateWrite?.(resource);
    if (problem) throw new OperationOutcomeError(problem);
  }

  /** The stored resource a write replaces, refused when the caller may not see it or may not change it. */
  private async existing(resourceType: string, id: string, permission: 'u' | 'd'): Promise<Resource | undefined> {
    const stored = await this.inner.readResource(resourceType, id).catch(() => undefined);
    if (!stored || !this.policy.grant) return stored;
    if (this.principal && !(await this.scope().view.readResource(resourceType, id).catch(() => undefined))) deny('write', stored);
    if (!this.policy.grant.canWrite(stored, permission)) deny(permission === 'd' ? 'delete' : 'write', stored);
    return stored;
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
    if (this.principal) {
      for (const e of bundle.entry ?? []) if (e.resource) this.touch(e.resource);
      return bundle;
    }
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
    const first = await this.firstPlan(resource);
    if (first) return first;
    await this.checkWrite(resource, 'c');
    return this.bootstrapped(await this.inner.createResource(resource, options));
  }

  async updateResource<T extends Resource>(resource: T, options?: UpdateResourceOptions): Promise<WithId<T>> {
    // An update of a resource that does not exist yet creates it: it then needs the create permission.
    const existing = resource.id ? await this.existing(resource.resourceType, resource.id, 'u') : undefined;
    await this.checkWrite(resource, existing ? 'u' : 'c');
    return this.bootstrapped(await this.inner.updateResource(resource, options));
  }

  /**
   * A person with no care team yet: their first CarePlan (naming no team) comes with a first CareTeam the server
   * writes in the same transaction, the creator its coordinator (first-team.ts); the plan then names that team.
   */
  private async firstPlan<T extends Resource>(resource: T): Promise<WithId<T> | undefined> {
    const principal = this.principal;
    if (!principal?.user || !this.policy.grant) return undefined;
    const { reach } = this.scope();
    const patient = reach.bootstrap;
    if (!patient || !needsFirstTeam(resource, patient)) return undefined;
    const db = (this.inner as unknown as SqliteRepository).store.db;
    const team = firstTeam(db, principal.user, patient, (this.policy.now ?? Date.now)());
    return this.withTransaction(async (tx) => {
      const created = await tx.createResource(team);
      return tx.createResource({ ...resource, careTeam: [{ reference: `CareTeam/${created.id}` }] });
    }, { resourceTypes: ['CareTeam', 'CarePlan'] });
  }

  /** After a person's first CareTeam is written, this request's reach is resolved again: later entries see the team. */
  private bootstrapped<T extends Resource>(written: WithId<T>): WithId<T> {
    if (this.scoped?.reach.bootstrap && written.resourceType === 'CareTeam') this.scoped = undefined;
    return written;
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
        if (this.policy.grant && !this.policy.grant.canWrite(existing, 'u')) deny('write', existing);
        if (this.principal && !(await this.scope().view.readResource(resourceType, id).catch(() => undefined))) deny('write', existing);
        const patched = await tx.patchResource<T>(resourceType, id, patch, options);
        await this.checkWrite(patched, 'u'); // throwing here rolls the patch back
        return patched;
      },
      { resourceTypes: [resourceType] }
    );
  }

  async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    if (resourceType === 'AuditEvent' && this.policy.grant) deny('delete', { resourceType: 'AuditEvent', id } as Resource);
    if (this.policy.grant) {
      const existing = await this.existing(resourceType, id, 'd');
      if (!existing) await this.source().readResource(resourceType, id); // the same 404 / 410 as a read
      else this.touch(existing);
    }
    return this.inner.deleteResource(resourceType, id, options);
  }

  async readResource<T extends Resource>(resourceType: string, id: string): Promise<WithId<T>> {
    return this.readable(await this.source().readResource<T>(resourceType, id));
  }

  async readReference<T extends Resource>(reference: Reference<T>): Promise<WithId<T>> {
    return this.readable(await this.source().readReference(reference));
  }

  async readReferences<T extends Resource>(references: readonly Reference<T>[]): Promise<(T | Error)[]> {
    const results = await this.source().readReferences(references);
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
    return this.visible(await this.source().readHistory<T>(resourceType, id, options));
  }

  async readVersion<T extends Resource>(resourceType: string, id: string, vid: string): Promise<WithId<T>> {
    return this.readable(await this.source().readVersion<T>(resourceType, id, vid));
  }

  async readTypeHistory(type: string | undefined, options?: { count?: number; offset?: number; since?: string }): Promise<Bundle> {
    return this.visible(await this.source().readTypeHistory(type, options));
  }

  async search<T extends Resource>(searchRequest: SearchRequest<T>, options?: SearchOptions): Promise<Bundle<WithId<T>>> {
    const stored: StoredSearchOptions['stored'] = this.policy.storedAnswers ? { owners: !!this.principal && this.principal.level !== 'patient' } : undefined;
    const sqlTime = this.policy.sqlTime;
    // A patient-level token's audit names its one person (touch): the matches' people are not read from the index.
    const withoutOwners = this.principal?.level === 'patient';
    const extra: StoredSearchOptions = { ...(stored ? { stored } : {}), ...(sqlTime ? { sqlTime } : {}), ...(withoutOwners ? { withoutOwners } : {}) };
    return this.visible(await this.source().search(searchRequest, { ...options, ...extra }));
  }

  async searchByReference<T extends Resource>(
    searchRequest: SearchRequest<T>,
    referenceField: string,
    references: string[]
  ): Promise<Record<string, WithId<T>[]>> {
    const result = await this.source().searchByReference(searchRequest, referenceField, references);
    const grant = this.policy.grant;
    if (!grant || this.principal) return result;
    return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.filter((r) => grant.canRead(r))]));
  }

  async withTransaction<TResult>(callback: (txRepo: this) => Promise<TResult>, options: TransactionOptions): Promise<TResult> {
    if (this.principal) this.scope();
    return (this.scoped ? this.scoped.view : this.inner).withTransaction(
      (tx) => {
        // The transaction's view keeps this request's reach (resolved once) and sees its own earlier entries.
        const scoped = this.scoped ? { reach: this.scoped.reach, view: tx as unknown as SqliteRepository } : undefined;
        const inner = (this.scoped ? (tx as unknown as SqliteRepository).withAccess(undefined) : tx) as FhirRepository & HistoryReader;
        return callback(new RequestRepository(inner, this.policy, { ...(scoped ? { scoped } : {}), touched: this.touched }) as this);
      },
      options
    );
  }
}

/** The person a resource is the record of, from its usual owner elements (for the audit trail of user-level reads). */
function ownerOf(resource: Resource): string | undefined {
  const r = resource as unknown as Record<string, { reference?: string } | { actor?: { reference?: string } }[] | undefined>;
  for (const key of OWNER_ELEMENTS) {
    const ref = (r[key] as { reference?: string } | undefined)?.reference;
    if (ref?.startsWith('Patient/')) return ref.slice('Patient/'.length);
  }
  return undefined;
}
