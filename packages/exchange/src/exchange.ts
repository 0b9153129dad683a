// createExchange: the durable inbox, the worker, the intake, the MLLP listener and the HTTP surface under /exchange
// (http-routes.ts), each made by a named part below.
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { FastifyInstance } from '@parcours/http';
import { createAuthenticator } from './auth.ts';
import { FhirClient } from './fhir-client.ts';
import type { Hl7ConversionOptions } from './hl7/adt.ts';
import { exchangeRoutes } from './http-routes.ts';
import { Inbox } from './inbox.ts';
import type { MessageStatus } from './inbox.ts';
import { createIntake } from './intake.ts';
import type { Intake } from './intake.ts';
import { startMllp } from './mllp.ts';
import type { MllpServer } from './mllp.ts';
import { Worker } from './worker.ts';
import type { RetryOptions } from './worker.ts';

export interface ExchangeOptions {
  /** Folder of the inbox (inbox.sqlite), or ':memory:'. */
  dataDir: string;
  /** FHIR server the discharges are applied to. */
  fhirBaseUrl: string;
  /** Token endpoint of the SMART server (client_credentials). */
  tokenEndpoint: string;
  /** The exchange's own client id and private key (ES384 or RS384) at that server. */
  clientId: string;
  privateJwk: JWK;
  /** Scopes the exchange asks for (default `system/*.cruds`). */
  scope?: string;
  mllp?: { port: number; host?: string; allow?: string[] };
  retry?: RetryOptions;
  /** Messages applied at the same time (default 1: in order). */
  concurrency?: number;
  /**
   * Verification of the senders' tokens: JWKS URL (default: `jwks` next to the token endpoint), issuer (default: the
   * FHIR base); the last good key set is kept in `dataDir` (jwks-cache.json) for at most `keysMaxAgeMs` (default 24 h).
   */
  auth?: { jwksUrl?: string; issuer?: string; audience?: string; keysMaxAgeMs?: number };
  /** Hospital assigning authorities → FHIR identifier systems (see Hl7ConversionOptions). */
  assigners?: Hl7ConversionOptions['assigners'];
  /** Log lines (default: none). */
  log?: (line: string) => void;
}

export interface Exchange {
  /** Fastify plugin serving the paths under /exchange: `app.register(exchange.routes)`. */
  routes(app: FastifyInstance): Promise<void>;
  mllpAddress?: { host: string; port: number };
  /** Resolves once no message is pending (rejects after timeoutMs, default 60 s). */
  drain(timeoutMs?: number): Promise<void>;
  counts(): Record<MessageStatus, number>;
  inbox: Inbox;
  close(): Promise<void>;
}

function createWorker(options: ExchangeOptions, inbox: Inbox): Worker {
  const client = new FhirClient({
    fhirBaseUrl: options.fhirBaseUrl,
    tokenEndpoint: options.tokenEndpoint,
    clientId: options.clientId,
    privateJwk: options.privateJwk,
    ...(options.scope ? { scope: options.scope } : {}),
  });
  return new Worker(inbox, client, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

function senderAuthenticator(options: ExchangeOptions): ReturnType<typeof createAuthenticator> {
  return createAuthenticator({
    jwksUrl: options.auth?.jwksUrl ?? options.tokenEndpoint.replace(/\/token\/?$/, '/jwks'),
    issuer: options.auth?.issuer ?? options.fhirBaseUrl.replace(/\/+$/, ''),
    ...(options.auth?.audience ? { audience: options.auth.audience } : {}),
    ...(options.dataDir !== ':memory:' ? { keysCacheFile: join(options.dataDir, 'jwks-cache.json') } : {}),
    ...(options.auth?.keysMaxAgeMs !== undefined ? { keysMaxAgeMs: options.auth.keysMaxAgeMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

async function startListener(options: ExchangeOptions, intake: Intake): Promise<MllpServer | undefined> {
  if (!options.mllp) return undefined;
  return startMllp({ ...options.mllp, ...(options.log ? { log: options.log } : {}) }, (text, remote) =>
    Promise.resolve(intake.acceptHl7(text, 'mllp', `mllp:${remote}`).ack),
  );
}

function drainer(inbox: Inbox): (timeoutMs?: number) => Promise<void> {
  return async (timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (inbox.counts().pending > 0) {
      if (Date.now() > deadline) throw new Error(`EXCHANGE_DRAIN_TIMEOUT: ${inbox.counts().pending} messages still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

export async function createExchange(options: ExchangeOptions): Promise<Exchange> {
  const inbox = new Inbox(options.dataDir);
  const worker = createWorker(options, inbox);
  const intake = createIntake(inbox, {
    ...(options.assigners ? { assigners: options.assigners } : {}),
    ...(options.log ? { log: options.log } : {}),
    onAccepted: () => worker.notify(),
  });
  const mllp = await startListener(options, intake);
  worker.start();
  return {
    routes: exchangeRoutes({ inbox, intake, notify: () => worker.notify(), authenticate: senderAuthenticator(options) }),
    ...(mllp ? { mllpAddress: mllp.address } : {}),
    inbox,
    counts: () => inbox.counts(),
    drain: drainer(inbox),
    close: async () => {
      await mllp?.close();
      await worker.stop();
      inbox.close();
    },
  };
}
