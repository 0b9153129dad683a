// Starting a server: `listen` for an app whose routes do not depend on its own URL; `listenFirst` when they do (a
// FHIR base, an issuer or a redirect URI carries the port, which port 0 only gives once the socket listens).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { bilingual, issue, outcome } from '@parcours/outcomes';
import { createHttpApp } from './app.ts';
import type { HttpAppOptions } from './app.ts';

export interface ListenOptions {
  port?: number;
  host?: string;
  /** Where the request log goes and its level (see HttpAppOptions). */
  logStream?: HttpAppOptions['logStream'];
  logLevel?: string;
}

export interface Listening {
  app: FastifyInstance;
  /** `http://host:port` (no trailing slash). */
  origin: string;
  port: number;
  close(): Promise<void>;
}

function originOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Listens on host:port (port 0: a free one) and returns the origin. */
export async function listen(app: FastifyInstance, options: ListenOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host, listenTextResolver: () => '' });
  const { port } = app.server.address() as AddressInfo;
  return { app, origin: originOf(host, port), port, close: () => app.close() };
}

function starting(_req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify(outcome('unavailable', issue('error', 'transient', undefined, bilingual('Démarrage en cours', 'Starting'))));
  res.writeHead(503, { 'Content-Type': 'application/fhir+json; charset=utf-8', 'Retry-After': '1' }).end(body);
}

/**
 * Listens first, then builds the app knowing its origin: `build` registers the routes. Requests that arrive in
 * between get 503 with an OperationOutcome.
 */
export async function listenFirst(options: HttpAppOptions & ListenOptions, build: (app: FastifyInstance, origin: string, port: number) => Promise<void>): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer();
  server.on('request', starting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = originOf(host, port);
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const app = await createHttpApp({
    ...options,
    serverFactory: (h) => {
      handler = h;
      return server;
    },
  });
  const closeServer = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  try {
    await build(app, origin, port);
    await app.ready();
  } catch (error) {
    await closeServer();
    throw error;
  }
  server.off('request', starting);
  if (handler) server.on('request', handler);
  return {
    app,
    origin,
    port,
    close: async () => {
      // Fastify closes only a server it made listen itself: close ours after its hooks ran.
      await app.close();
      await closeServer();
    },
  };
}
