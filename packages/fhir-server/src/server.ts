// HTTP layer on node:http: FHIR REST at a base URL, Medplum's FhirRouter over the SQLite repository.
// See https://hl7.org/fhir/R4/http.html
import { OperationOutcomeError, allOk, getStatus, isOk, normalizeOperationOutcome } from '@medplum/core';
import type { FhirRequest, FhirResponse, HttpMethod } from '@medplum/fhir-router';
import type { FhirRepository } from '@medplum/fhir-router';
import { FhirRouter, processBatch } from '@medplum/fhir-router';
import type { Bundle, CapabilityStatement, CapabilityStatementRestSecurity, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCapabilityStatement } from './capability.ts';
import type { Clock } from './clock.ts';
import { openDatabase } from './database.ts';
import type { AccessGrant, FhirGuard, RequestPolicy } from './guard.ts';
import { RequestRepository } from './guard.ts';
import { expandOperation, historyOperation, loadValidator, validateOperation } from './operations.ts';
import { invalid, outcome, unprocessable } from './outcomes.ts';
import { SqliteRepository, Store } from './repository.ts';
import { loadDefinitions } from './search-params.ts';

export interface FhirServerOptions {
  /** Directory of the SQLite file, or ':memory:'. */
  dataDir: string;
  /** Public base URL of the FHIR API, e.g. http://localhost:8080/fhir (its path is where `handle` serves). */
  baseUrl: string;
  guard?: FhirGuard;
  /** CapabilityStatement.rest[0].security (e.g. the SMART block). */
  capabilitySecurity?: CapabilityStatementRestSecurity | Record<string, unknown>;
  /** Validate creates and updates with @parcours/validator and reject errors with 422. */
  validateWrites?: boolean;
  /** See OpenOptions in database.ts; FULL by default. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Real time for meta.lastUpdated, epoch ms (default Date.now); tests inject their own. */
  clock?: Clock;
  /** Read worker threads for searches on a file-backed store (see StoreOptions.readWorkers); default 0. */
  readWorkers?: number;
}

export interface FhirServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  repository: FhirRepository;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, If-Match, If-None-Match, If-None-Exist, If-Modified-Since, Prefer, X-Requested-With',
  'Access-Control-Expose-Headers': 'ETag, Location, Content-Location, Last-Modified',
  'Access-Control-Max-Age': '600',
};

class HttpError extends Error {
  readonly outcome: OperationOutcome;
  readonly status: number;
  constructor(status: number, result: OperationOutcome) {
    super(result.issue?.[0]?.details?.text ?? 'error');
    this.status = status;
    this.outcome = result;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) {
      throw new HttpError(413, outcome('content-too-large', 'too-costly', 'Request body too large'));
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string): unknown {
  if (!text) return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(text)) {
      const existing = query[k];
      query[k] = existing === undefined ? v : [...(Array.isArray(existing) ? existing : [existing]), v];
    }
    return query;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, outcome('invalid', 'invalid', `Malformed JSON body: ${(err as Error).message}`));
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json; charset=utf-8' }),
    ...headers,
  });
  res.end(payload);
}

/** A transaction: Medplum's batch processing inside one SQLite transaction; any failing entry rolls all back. */
async function runTransaction(req: FhirRequest, repo: FhirRepository, router: FhirRouter, bundle: Bundle): Promise<FhirResponse> {
  const result = await repo.withTransaction(
    async (tx) => {
      // `transactions: false` keeps Medplum from applying its own limits (8 conditional entries); atomicity is ours.
      const response = await processBatch({ ...req, config: { transactions: false } }, tx, router, bundle);
      response.type = 'transaction-response';
      (response.entry ?? []).forEach((entry, i) => {
        const status = Number.parseInt(entry?.response?.status ?? '500', 10);
        if (!entry?.response || status >= 400) {
          const failed = entry?.response?.outcome ?? outcome('exception', 'exception', `Entry ${i} failed`);
          const issue = (failed.issue ?? []).map((x) => ({
            ...x,
            diagnostics: `Bundle.entry[${i}]: ${x.details?.text ?? x.diagnostics ?? ''}`,
          }));
          throw new HttpError(status >= 400 ? status : 400, { ...failed, issue });
        }
      });
      return response;
    },
    { resourceTypes: [] }
  );
  return [allOk, result];
}

/** Creates the FHIR server (the SQLite store opens now, the R4 definitions load once per process). */
export async function createFhirServer(options: FhirServerOptions): Promise<FhirServer> {
  loadDefinitions();
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const store = new Store(openDatabase(options.dataDir, { synchronous: options.synchronous }), baseUrl, {
    clock: options.clock,
    readWorkers: options.readWorkers ?? 0,
  });
  const repository = new SqliteRepository(store);
  const router = new FhirRouter();
  router.add('GET', ':resourceType/_history', historyOperation, 'history-type');
  router.add('GET', '_history', historyOperation, 'history-system');
  router.add('POST', '$validate', validateOperation, 'operation');
  router.add('POST', ':resourceType/$validate', validateOperation, 'operation');
  router.add('GET', 'ValueSet/$expand', expandOperation, 'operation');
  router.add('POST', 'ValueSet/$expand', expandOperation, 'operation');
  let capability: CapabilityStatement | undefined;

  let validateWrite: RequestPolicy['validateWrite'];
  if (options.validateWrites) {
    const { validate, hasErrors } = await loadValidator();
    validateWrite = (resource: Resource): OperationOutcome | undefined => {
      const result = validate(resource);
      return hasErrors(result) ? unprocessable(result) : undefined;
    };
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (method === 'OPTIONS') {
      send(res, 204, undefined);
      return;
    }
    if (url.pathname !== basePath && !url.pathname.startsWith(basePath + '/')) {
      throw new HttpError(404, outcome('not-found', 'not-found', `Not under the FHIR base ${basePath}`));
    }
    const path = url.pathname.slice(basePath.length).replace(/^\/+|\/+$/g, '');
    if (method === 'GET' && path === 'metadata') {
      capability ??= buildCapabilityStatement(baseUrl, options.capabilitySecurity as CapabilityStatementRestSecurity | undefined);
      send(res, 200, capability);
      return;
    }
    const route = router.find(method, path);
    const contentType = String(req.headers['content-type'] ?? '');
    const body = method === 'GET' || method === 'DELETE' ? undefined : parseBody(await readBody(req), contentType);

    let grant: AccessGrant | undefined;
    if (options.guard) {
      const segments = path.split('/').filter(Boolean);
      const operation = segments.find((s) => s.startsWith('$'))?.slice(1);
      const resourceType = route?.params.resourceType;
      grant = await options.guard.authorize(req, {
        method,
        ...(resourceType ? { resourceType } : undefined),
        ...(route?.params.id ? { id: route.params.id } : undefined),
        ...(operation ? { operation } : undefined),
        interaction: route?.data?.interaction ?? 'operation',
      });
    }
    const repo: FhirRepository = grant || validateWrite ? new RequestRepository(repository, { grant, validateWrite }) : repository;
    const fhirRequest: FhirRequest = {
      method,
      url: path + url.search,
      pathname: '',
      params: {},
      query: {},
      body,
      headers: req.headers,
      config: { transactions: false },
    };
    let result: FhirResponse;
    const bundle = body as Bundle | undefined;
    if (method === 'POST' && path === '' && bundle?.resourceType === 'Bundle' && bundle.type === 'transaction') {
      result = await runTransaction(fhirRequest, repo, router, bundle);
    } else {
      if (route && body !== undefined && method !== 'PATCH' && !path.includes('$') && !path.endsWith('_search') && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        invalid('The body must be a FHIR resource (JSON object)');
      }
      result = await router.handleRequest(fhirRequest, repo);
    }
    respond(req, res, result);
  }

  function respond(req: IncomingMessage, res: ServerResponse, [result, resource]: FhirResponse): void {
    const status = getStatus(result);
    if (!isOk(result)) {
      send(res, status, result);
      return;
    }
    const headers: Record<string, string> = {};
    const single = resource && resource.resourceType !== 'Bundle' && resource.resourceType !== 'OperationOutcome' ? resource : undefined;
    if (single?.meta?.versionId) {
      headers.ETag = `W/"${single.meta.versionId}"`;
      if (single.meta.lastUpdated) headers['Last-Modified'] = new Date(single.meta.lastUpdated).toUTCString();
      if (status === 201 && single.id) {
        headers.Location = `${baseUrl}/${single.resourceType}/${single.id}/_history/${single.meta.versionId}`;
      }
    }
    const prefer = String(req.headers.prefer ?? '');
    if (single && /return=minimal/.test(prefer)) {
      send(res, status, undefined, headers);
    } else if (single && /return=OperationOutcome/i.test(prefer)) {
      send(res, status, result, headers);
    } else {
      send(res, status, resource ?? result, headers);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await dispatch(req, res);
    } catch (err) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err instanceof HttpError) {
        send(res, err.status, err.outcome);
      } else if (err instanceof OperationOutcomeError) {
        send(res, getStatus(err.outcome), err.outcome);
      } else {
        const result = normalizeOperationOutcome(err);
        send(res, 500, outcome('exception', 'exception', result.issue?.[0]?.details?.text ?? 'Internal error'));
      }
    }
  }

  return {
    handle,
    repository,
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
}

/** Starts a standalone HTTP server (port 0 picks a free port) and returns its FHIR base URL. */
export async function start(options: StartOptions): Promise<{ url: string; server: FhirServer; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const ready: { fhir?: FhirServer } = {};
  const http = createServer((req, res) => {
    if (ready.fhir) {
      void ready.fhir.handle(req, res);
    } else {
      send(res, 503, outcome('transient', 'transient', 'Starting'));
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://${host}:${port}${options.basePath ?? '/fhir'}`;
  const server = await createFhirServer({ ...options, baseUrl: url });
  ready.fhir = server;
  return {
    url,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await server.close();
    },
  };
}
