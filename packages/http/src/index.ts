// @parcours/http: the one HTTP layer of the Parcours servers, on Fastify 5 (see README.md).
export { DEFAULT_BODY_LIMIT, createHttpApp } from './app.ts';
export type { HttpAppOptions } from './app.ts';
export { formOf, rawBodies } from './body.ts';
export { FHIR_JSON, handleError, notFoundOutcome, sendOutcome, toOutcomeError } from './errors.ts';
export { REQUEST_ID_HEADER, pathOnly, routeOf } from './log.ts';
export type { LogStream } from './log.ts';
export { listen, listenFirst } from './listen.ts';
export { addServerTiming, timed } from './server-timing.ts';
export type { ListenOptions, Listening } from './listen.ts';
export { default as staticFiles } from '@fastify/static';
export type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
