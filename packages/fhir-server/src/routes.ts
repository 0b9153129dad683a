// The FHIR REST surface as a Fastify plugin: every request under the base goes to Medplum's FhirRouter (plus
// /metadata and transactions), with the guard and write validation around the repository.
// https://hl7.org/fhir/R4/http.html
import { isOk } from '@medplum/core';
import type { FhirRepository, FhirRequest, FhirResponse, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, CapabilityStatement } from '@medplum/fhirtypes';
import { FHIR_JSON, addServerTiming, rawBodies, timed } from '@parcours/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '@parcours/http';
import { bilingual, fail, httpStatus, invalid } from '@parcours/outcomes';
import type { AccessGrant, FhirGuard, HistoryReader, RequestPolicy } from './guard.ts';
import { RequestRepository } from './guard.ts';
import type { AuditState } from './request-audit.ts';
import { auditRefusal, auditRequest, bundleType } from './request-audit.ts';
import { stringifyAnswer } from './stored-json.ts';
import type { SqlTime } from './store.ts';
import { runTransaction } from './transaction.ts';
import { rethrowUnexpected } from './unexpected.ts';

export interface FhirRouteContext {
  baseUrl: string;
  basePath: string;
  router: FhirRouter;
  repository: FhirRepository & HistoryReader;
  guard?: FhirGuard;
  validateWrite?: RequestPolicy['validateWrite'];
  /** Content rules every write obeys (narrative safety), guard or not. */
  checkContent?: RequestPolicy['checkContent'];
  capability(): CapabilityStatement;
  /** Largest request body (default FHIR_BODY_LIMIT). */
  bodyLimit?: number;
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Largest FHIR request body (a transaction Bundle of a whole record), whatever the app's own limit. */
export const FHIR_BODY_LIMIT = 64 * 1024 * 1024;

function parseBody(text: string | undefined, contentType: string): unknown {
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
    return invalid(`Malformed JSON body: ${(err as Error).message}`);
  }
}

/** The guard's grant for this request (the cross-package contract takes Node's IncomingMessage). */
async function authorize(ctx: FhirRouteContext, request: FastifyRequest, method: HttpMethod, path: string, route: ReturnType<FhirRouter['find']>): Promise<AccessGrant | undefined> {
  if (!ctx.guard) return undefined;
  const operation = path.split('/').find((s) => s.startsWith('$'))?.slice(1);
  const resourceType = route?.params.resourceType;
  return ctx.guard.authorize(request.raw, {
    method,
    ...(resourceType ? { resourceType } : undefined),
    ...(route?.params.id ? { id: route.params.id } : undefined),
    ...(operation ? { operation } : undefined),
    interaction: route?.data?.interaction ?? 'operation',
  });
}

/**
 * Sends the answer once `audited` (the request's AuditEvent committed) has settled: its JSON is written and its
 * compression started first, so the commit (this thread, its fsync included) and the compression (the thread
 * pool) run at the same time. Nothing of the answer is set on the reply before the commit: an audit that fails
 * turns it into the error handler's 500, without this answer's status or headers.
 */
async function send(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}, audited: Promise<void> = Promise.resolve()): Promise<FastifyReply> {
  if (body === undefined) {
    await audited;
    return reply.code(status).headers(headers).send();
  }
  const start = performance.now();
  const text = stringifyAnswer(body);
  addServerTiming(reply.request, 'json', performance.now() - start);
  reply.type(FHIR_JSON);
  const [, encoded] = await Promise.all([audited, reply.encodeLarge(text)]);
  return reply.code(status).headers(headers).send(encoded());
}

async function respond(ctx: FhirRouteContext, request: FastifyRequest, reply: FastifyReply, [result, resource]: FhirResponse, audited: Promise<void>): Promise<FastifyReply> {
  // Handled here as well as where it is awaited: if the answer's own serialising throws first, an audit failing
  // later must not become an unhandled rejection (which would stop the server).
  audited.catch(() => undefined);
  try {
    rethrowUnexpected(result);
  } catch (err) {
    // An unexpected error too is answered (500) only once its AuditEvent is committed.
    await audited;
    throw err;
  }
  const status = httpStatus(result);
  if (!isOk(result)) return send(reply, status, result, {}, audited);
  const headers: Record<string, string> = {};
  const single = resource && resource.resourceType !== 'Bundle' && resource.resourceType !== 'OperationOutcome' ? resource : undefined;
  if (single?.meta?.versionId) {
    headers.ETag = `W/"${single.meta.versionId}"`;
    if (single.meta.lastUpdated) headers['Last-Modified'] = new Date(single.meta.lastUpdated).toUTCString();
    if (status === 201 && single.id) headers.Location = `${ctx.baseUrl}/${single.resourceType}/${single.id}/_history/${single.meta.versionId}`;
  }
  const prefer = String(request.headers.prefer ?? '');
  if (single && /return=minimal/.test(prefer)) return send(reply, status, undefined, headers, audited);
  if (single && /return=OperationOutcome/i.test(prefer)) return send(reply, status, result, headers, audited);
  return send(reply, status, resource ?? result, headers, audited);
}

/** `Patient/123/_history/2` as `:resourceType/:id/_history/:vid`: ids stay out of the request log. */
function routePattern(route: ReturnType<FhirRouter['find']>): string {
  if (!route) return '*';
  const names = new Map(Object.entries(route.params).map(([name, value]) => [value, name]));
  return route.path
    .split('/')
    .map((segment) => (names.has(segment) ? `:${names.get(segment)}` : segment))
    .join('/');
}

function isResourceBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

async function dispatch(ctx: FhirRouteContext, request: FastifyRequest, reply: FastifyReply, state: AuditState): Promise<FastifyReply> {
  const method = request.method.toUpperCase() as HttpMethod;
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname !== ctx.basePath && !url.pathname.startsWith(ctx.basePath + '/')) {
    fail('not-found', 'not-found', undefined, `Not under the FHIR base ${ctx.basePath}`);
  }
  const path = url.pathname.slice(ctx.basePath.length).replace(/^\/+|\/+$/g, '');
  if (method === 'GET' && path === 'metadata') return send(reply, 200, ctx.capability());
  // Medplum's router also answers GraphQL, reads and writes outside FHIR's REST interactions. This server offers the
  // REST API only: the one its CapabilityStatement, its access policy and its audit trail describe.
  if (path === '$graphql') fail('not-found', 'not-supported', undefined, bilingual('Ce serveur n’offre pas GraphQL : utilisez l’API REST FHIR', 'This server does not offer GraphQL: use the FHIR REST API'));
  const route = ctx.router.find(method, path);
  request.logRoute = `${ctx.basePath}/${routePattern(route)}`;
  const body = method === 'GET' || method === 'DELETE' ? undefined : parseBody(request.body as string | undefined, String(request.headers['content-type'] ?? ''));
  const grant = await timed(request, 'auth', () => authorize(ctx, request, method, path, route));
  // A search's Bundle goes from the router to the client untouched, and so do those a batch answers: their matches
  // may stay as stored text (anything that looks inside one parses it: stored-json.ts).
  const posted = method === 'POST' && path === '' ? bundleType(body) : undefined;
  const storedAnswers = route?.data?.interaction === 'search-type' || posted === 'batch';
  const sqlTime: SqlTime = { ms: 0 };
  const repo = new RequestRepository(ctx.repository, { grant, validateWrite: ctx.validateWrite, checkContent: ctx.checkContent, storedAnswers, sqlTime });
  Object.assign(state, { principal: grant?.principal, interaction: route?.data?.interaction ?? (path === '' ? bundleType(body) : 'operation'), method, repo, query: url.search.slice(1) });
  const fhirRequest: FhirRequest = { method, url: path + url.search, pathname: '', params: {}, query: {}, body, headers: request.headers, config: { transactions: false } };
  const transaction = posted === 'transaction' && (body as Bundle).resourceType === 'Bundle' ? (body as Bundle) : undefined;
  if (!transaction && route && body !== undefined && method !== 'PATCH' && !path.includes('$') && !path.endsWith('_search') && !isResourceBody(body)) {
    invalid('The body must be a FHIR resource (JSON object)');
  }
  const result = await timed(request, 'fhir', () => (transaction ? runTransaction(fhirRequest, repo, ctx.router, transaction) : ctx.router.handleRequest(fhirRequest, repo)));
  if (sqlTime.ms > 0) addServerTiming(request, 'sql', sqlTime.ms);
  return respond(ctx, request, reply, result, timed(request, 'audit', () => auditRequest(ctx.repository, state, httpStatus(result[0]))));
}

/** The Fastify plugin serving the FHIR API at `ctx.basePath`. */
export function fhirRoutes(ctx: FhirRouteContext): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    rawBodies(app, 'string');
    const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const state: AuditState = {};
      try {
        return await dispatch(ctx, request, reply, state);
      } catch (err) {
        // A refusal is audited before it is answered (the error handler of @parcours/http answers it).
        await auditRefusal(ctx.repository, state, err);
        throw err;
      }
    };
    const bodyLimit = ctx.bodyLimit ?? FHIR_BODY_LIMIT;
    app.route({ method: METHODS, url: ctx.basePath || '/', bodyLimit, handler });
    app.route({ method: METHODS, url: `${ctx.basePath}/*`, bodyLimit, handler });
  };
}
