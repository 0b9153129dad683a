// createHttpApp: the one Fastify instance factory every Parcours server starts from (see README.md for why Fastify).
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { compressLargeAnswers } from './compress.ts';
import { handleError, installErrorHandlers } from './errors.ts';
import { REQUEST_ID_HEADER, logRequests, loggerOptions, requestId } from './log.ts';
import { phasesByDefault, serverTiming } from './server-timing.ts';
import type { LogStream } from './log.ts';

export interface HttpAppOptions {
  /** Name carried by every log line (`service`). */
  name: string;
  /** Largest request body in bytes; beyond it the answer is 413 with an OperationOutcome. Default 16 MiB. */
  bodyLimit?: number;
  /** Log level; default LOG_LEVEL, else `warn` under vitest and `info` otherwise. */
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logStream?: LogStream;
  /** Answer to an unknown route (default: 404 with an OperationOutcome). */
  notFound?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
  /** Send each phase in Server-Timing, not only the total; default SERVER_TIMING=phases (benchmarks, development). */
  serverTimingPhases?: boolean;
  /** Use a server that already listens (see listenFirst). */
  serverFactory?: FastifyServerOptions['serverFactory'];
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/** Request headers a browser app may send cross-origin (FHIR conditional requests, SMART tokens). */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Match', 'If-None-Exist', 'If-Modified-Since', 'Prefer', 'X-Requested-With', 'X-Request-Id'];
const EXPOSED_HEADERS = ['ETag', 'Location', 'Content-Location', 'Last-Modified', 'X-Request-Id', 'Server-Timing'];
/** JSON of any flavour (FHIR, SMART, OAuth), text, scripts and SVG: what gains from compression. */
const COMPRESSIBLE = /^(text\/|application\/(?:[a-z0-9.+-]+\+)?json|application\/javascript|image\/svg\+xml)/;

const BROTLI_QUALITY = 4;

function defaultLevel(): string {
  return process.env.LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info');
}

/**
 * A Fastify 5 instance with body limits, correlation ids (X-Request-Id), private request logs, CORS, gzip/brotli,
 * Server-Timing and OperationOutcome errors. Register the server's routes on it, then `listen` (or use `listenFirst`).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger: loggerOptions(options.name, options.logLevel ?? defaultLevel(), options.logStream),
    // Fastify's own request lines carry the URL with its query string: ours (log.ts) replace them.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: requestId,
    // A bad percent-encoding is the client's fault: 400 with an OperationOutcome, not Fastify's own JSON.
    frameworkErrors: (error, request, reply) => {
      void handleError(error, request, reply);
    },
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  logRequests(app);
  installErrorHandlers(app, options.notFound);
  await app.register(cors, { origin: '*', strictPreflight: false, methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], allowedHeaders: ALLOWED_HEADERS, exposedHeaders: EXPOSED_HEADERS, maxAge: 600 });
  // Quality 4: most of brotli's gain at a cost close to gzip's, for answers compressed on every request.
  compressLargeAnswers(app, { types: COMPRESSIBLE, brotliQuality: BROTLI_QUALITY });
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
  // Last of the onSend hooks: its total includes the compression.
  serverTiming(app, { phases: options.serverTimingPhases ?? phasesByDefault() });
  return app;
}
