// Request logs that carry no personal data and no token: method, route pattern (or the path without its query
// string), status, duration and the request's correlation id. Never headers, query strings or bodies.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

/** Where log lines go: one JSON object a line (pino). */
export interface LogStream {
  write(line: string): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Route pattern to log when the Fastify route is a catch-all (FhirRouter's `:resourceType/:id` under /fhir). */
    logRoute?: string;
  }
}

/** An incoming X-Request-Id is reused only when it cannot inject anything into a log line. */
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

export function requestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** The path of a URL without its query string (which may hold names, identifiers or an access_token). */
export function pathOnly(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/** What is logged of a request, anywhere: never the query string nor a header. */
export function routeOf(request: FastifyRequest): string {
  if (request.logRoute) return request.logRoute;
  const pattern = request.routeOptions.url;
  return pattern && !pattern.includes('*') ? pattern : pathOnly(request.url);
}

/** Logger options: pino with redaction as a second guard, should a header or a URL ever reach a log call. */
export function loggerOptions(name: string, level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    base: { service: name },
    ...(stream ? { stream } : {}),
    redact: { paths: ['headers.authorization', 'req.headers.authorization', 'req.headers.cookie', 'req.query', 'req.body', 'body', 'access_token'], censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOnly(req.url ?? '') }),
    },
  };
}

/** One line per answered request, at info level. */
export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, route: routeOf(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });
}
