// The FHIR server: Medplum's FhirRouter over the SQLite repository, served by @parcours/http (Fastify) at a base
// URL. See https://hl7.org/fhir/R4/http.html
import type { FhirRepository, FhirRequest, FhirResponse } from '@medplum/fhir-router';
import { FhirRouter } from '@medplum/fhir-router';
import type { CapabilityStatement, CapabilityStatementRestSecurity, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import { listenFirst } from '@parcours/http';
import type { FastifyInstance, ListenOptions } from '@parcours/http';
import { unprocessable } from '@parcours/outcomes';
import { activeContentIssues } from '@parcours/validator/narrative';
import { reachablePatients } from './access-policy.ts';
import { buildCapabilityStatement } from './capability.ts';
import type { Clock } from './clock.ts';
import { openDatabase } from './database.ts';
import type { AccessPrincipal } from './access-policy.ts';
import type { FhirGuard, RequestPolicy } from './guard.ts';
import { RequestRepository } from './guard.ts';
import { expandOperation, historyOperation, loadValidator, validateOperation } from './operations.ts';
import { SqliteRepository, Store } from './repository.ts';
import { FHIR_BODY_LIMIT, fhirRoutes } from './routes.ts';
import { loadDefinitions } from './search-params.ts';
import { catchUnexpected } from './unexpected.ts';

export interface FhirServerOptions {
  /** Directory of the SQLite file, or ':memory:'. */
  dataDir: string;
  /** Public base URL of the FHIR API, e.g. http://localhost:8080/fhir (its path is where `routes` serves). */
  baseUrl: string;
  guard?: FhirGuard;
  /** CapabilityStatement.rest[0].security (e.g. the SMART block). */
  capabilitySecurity?: CapabilityStatementRestSecurity | Record<string, unknown>;
  /** Validate creates and updates with @parcours/validator and reject errors with 422. */
  validateWrites?: boolean;
  /** See OpenOptions in database.ts; FULL by default. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Largest request body in bytes (default 64 MiB: a transaction Bundle of a whole record); 413 beyond. */
  bodyLimit?: number;
  /** Real time for meta.lastUpdated, epoch ms (default Date.now); tests inject their own. */
  clock?: Clock;
  /** Read worker threads for searches on a file-backed store (see StoreOptions.readWorkers); default 0. */
  readWorkers?: number;
  /** Further operations served by the router (e.g. `Measure/$evaluate-measure`, mounted by the sandbox). */
  operations?: ServerOperation[];
}

/**
 * An operation another package adds (the extension point that keeps dependencies pointing one way). Its handler
 * gets the whole store and the caller: it must decide itself what the caller may see, and is audited like any
 * request. The guard has already checked the token's scope on `[type]` (read with an id, search without).
 */
export interface ServerOperation {
  method: 'GET' | 'POST';
  /** FhirRouter path, e.g. `:resourceType/:id/$evaluate-measure`. */
  path: string;
  handler(req: FhirRequest, context: { repository: FhirRepository; caller?: AccessPrincipal }): Promise<FhirResponse>;
}

export interface FhirServer {
  /** Fastify plugin serving the API under the base URL's path: `app.register(server.routes)`. */
  routes(app: FastifyInstance): Promise<void>;
  repository: FhirRepository;
  /**
   * The people whose active care team includes the user now — their Practitioner, one of their PractitionerRoles or
   * its Organization, by period — by the same policy module every API request goes through (access-policy.ts): what
   * a sign-in page may offer the user to pick, and nothing more.
   */
  careTeamPatients(user: string): Promise<Patient[]>;
  close(): Promise<void>;
}

function createRouter(operations: readonly ServerOperation[], repository: FhirRepository): FhirRouter {
  const router = new FhirRouter();
  for (const op of operations) {
    router.add(op.method, op.path, (req, repo) => op.handler(req, { repository, ...(repo instanceof RequestRepository && repo.caller ? { caller: repo.caller } : {}) }), 'operation');
  }
  router.add('GET', ':resourceType/_history', historyOperation, 'history-type');
  router.add('GET', '_history', historyOperation, 'history-system');
  router.add('POST', '$validate', validateOperation, 'operation');
  router.add('POST', ':resourceType/$validate', validateOperation, 'operation');
  router.add('GET', 'ValueSet/$expand', expandOperation, 'operation');
  router.add('POST', 'ValueSet/$expand', expandOperation, 'operation');
  catchUnexpected(router);
  return router;
}

async function writeValidation(enabled: boolean | undefined): Promise<RequestPolicy['validateWrite']> {
  if (!enabled) return undefined;
  const { validate, hasErrors } = await loadValidator();
  return (resource: Resource): OperationOutcome | undefined => {
    // A receiver keeps extensions it does not know (FHIR extensibility: never refuse a resource for an ordinary
    // extension, e.g. FR Core's from a hospital's EHR); an unknown Parcours extension or modifier is still refused.
    const result = validate(resource, { unknownExtensions: 'information' });
    return hasErrors(result) ? unprocessable(result) : undefined;
  };
}

/** Narrative safety on every write, guard or not: active content is refused with 422 naming the element. */
function checkContent(resource: Resource): OperationOutcome | undefined {
  const issue = activeContentIssues(resource);
  return issue.length ? { resourceType: 'OperationOutcome', id: 'business-rule', issue } : undefined;
}

/** Creates the FHIR server (the SQLite store opens now, the R4 definitions load once per process). */
export async function createFhirServer(options: FhirServerOptions): Promise<FhirServer> {
  loadDefinitions();
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const store = new Store(openDatabase(options.dataDir, { synchronous: options.synchronous }), baseUrl, {
    clock: options.clock,
    readWorkers: options.readWorkers ?? 0,
  });
  const repository = new SqliteRepository(store);
  let capability: CapabilityStatement | undefined;
  const validateWrite = await writeValidation(options.validateWrites);
  const routes = fhirRoutes({
    baseUrl,
    basePath: new URL(baseUrl).pathname.replace(/\/$/, ''),
    router: createRouter(options.operations ?? [], repository),
    repository,
    ...(options.guard ? { guard: options.guard } : {}),
    ...(validateWrite ? { validateWrite } : {}),
    checkContent,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    capability: () => (capability ??= buildCapabilityStatement(baseUrl, options.capabilitySecurity as CapabilityStatementRestSecurity | undefined)),
  });
  return {
    routes,
    repository,
    careTeamPatients: async (user) => {
      const ids = reachablePatients(store.db, user, Date.now());
      const found = await repository.readReferences(ids.map((id) => ({ reference: `Patient/${id}` })));
      return found.filter((p): p is Patient => !(p instanceof Error) && p.resourceType === 'Patient');
    },
    close: async () => {
      // wait for any transaction in flight, then close the file
      const release = await store.lock.acquire();
      store.close();
      release();
    },
  };
}

export interface StartOptions extends Omit<FhirServerOptions, 'baseUrl'> {
  port?: number;
  host?: string;
  /** Path of the FHIR base on this origin (default /fhir). */
  basePath?: string;
  /** Where the request log goes and its level (see @parcours/http). */
  logStream?: ListenOptions['logStream'];
  logLevel?: string;
}

function listenOptions(options: StartOptions): ListenOptions {
  const { port, host, logStream, logLevel } = options;
  return { ...(port !== undefined ? { port } : {}), ...(host ? { host } : {}), ...(logStream ? { logStream } : {}), ...(logLevel ? { logLevel } : {}) };
}

/** Starts a standalone HTTP server (port 0 picks a free port) and returns its FHIR base URL. */
export async function start(options: StartOptions): Promise<{ url: string; server: FhirServer; close(): Promise<void> }> {
  let server: FhirServer | undefined;
  let url = '';
  const listening = await listenFirst(
    { name: 'fhir-server', bodyLimit: options.bodyLimit ?? FHIR_BODY_LIMIT, ...listenOptions(options) },
    async (app, origin) => {
      url = `${origin}${options.basePath ?? '/fhir'}`;
      server = await createFhirServer({ ...options, baseUrl: url });
      await app.register(server.routes);
    },
  );
  const fhir = server as FhirServer;
  return {
    url,
    server: fhir,
    close: async () => {
      await listening.close();
      await fhir.close();
    },
  };
}
