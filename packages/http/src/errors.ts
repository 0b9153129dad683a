// Every failure answered as an OperationOutcome: known outcomes with their status; framework errors (body too large,
// malformed URL, bad content length) as 4xx outcomes; anything else logged once, stack included, under the
// request's correlation id and answered 500 naming that id, without the JavaScript message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OutcomeError, bilingual, issue, normalizeError, outcome, unexpectedOutcome } from '@parcours/outcomes';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { routeOf } from './log.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Fastify's own 4xx errors, as outcomes with a fixed bilingual text (their message may echo the request). */
function frameworkOutcome(error: FastifyError & { status?: number; expose?: boolean }): OperationOutcome | undefined {
  const status = error.statusCode ?? error.status ?? 0;
  // Fastify's own errors, its JSON parser's SyntaxError, and http-errors' client errors (static files) only.
  if (!error.code?.startsWith('FST_') && !(error instanceof SyntaxError && status === 400) && error.expose !== true) return undefined;
  if (status === 403) return outcome('forbidden', issue('error', 'forbidden', undefined, bilingual('Accès refusé', 'Forbidden')));
  if (status === 404) return outcome('not-found', issue('error', 'not-found', undefined, bilingual('Introuvable', 'Not found')));
  if (status === 413) return outcome('content-too-large', issue('error', 'too-costly', undefined, bilingual('Corps de requête trop volumineux', 'Request body too large')));
  if (status === 415) return outcome('unsupported-media-type', issue('error', 'not-supported', 'Content-Type', bilingual('Type de contenu non pris en charge', 'Unsupported media type')));
  if (error.code === 'FST_ERR_BAD_URL') return outcome('invalid', issue('error', 'invalid', undefined, bilingual('Adresse mal formée (encodage %)', 'Malformed URL (percent-encoding)')));
  if (status >= 400 && status < 500) return outcome('invalid', issue('error', 'invalid', undefined, bilingual('Requête mal formée', 'Malformed request')));
  return undefined;
}

/** The OutcomeError a thrown value stands for. */
export function toOutcomeError(error: unknown): OutcomeError {
  const framework = error instanceof Error ? frameworkOutcome(error as FastifyError) : undefined;
  return framework ? new OutcomeError(framework, { cause: error }) : normalizeError(error);
}

export function sendOutcome(reply: FastifyReply, result: OperationOutcome, status: number, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers({ 'cache-control': 'no-store', ...headers }).type(FHIR_JSON).send(result);
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const failure = toOutcomeError(error);
  if (failure.unexpected) {
    request.log.error({ err: failure.cause, method: request.method, route: routeOf(request) }, 'unexpected error');
    return sendOutcome(reply, unexpectedOutcome(request.id), 500);
  }
  // A known server-side failure (a store or a key server down): its cause, if any, for the operator.
  if (failure.status >= 500) request.log.warn({ err: failure.cause, method: request.method, route: routeOf(request), status: failure.status }, 'server-side failure');
  return sendOutcome(reply, failure.outcome, failure.status, failure.headers);
}

export function notFoundOutcome(request: FastifyRequest): OperationOutcome {
  return outcome('not-found', issue('error', 'not-found', undefined, bilingual(`${request.method} : point d’accès inconnu`, `${request.method}: unknown endpoint`)));
}

export function installErrorHandlers(app: FastifyInstance, notFound?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFound ?? ((request, reply) => sendOutcome(reply, notFoundOutcome(request), 404)));
}
