// createExchange: the HTTP surface under /exchange, the MLLP listener, the durable inbox and the worker.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { createAuthenticator } from './auth.ts';
import type { Permission, Sender } from './auth.ts';
import { FhirClient } from './fhir-client.ts';
import type { Hl7ConversionOptions } from './hl7/adt.ts';
import { Inbox } from './inbox.ts';
import type { InboxMessage, MessageStatus } from './inbox.ts';
import { createIntake } from './intake.ts';
import { decodeEr7, startMllp } from './mllp.ts';
import type { MllpServer } from './mllp.ts';
import { ExchangeHttpError, issue, outcome } from './outcomes.ts';
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
  /** Serves paths under /exchange; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  mllpAddress?: { host: string; port: number };
  /** Resolves once no message is pending (rejects after timeoutMs, default 60 s). */
  drain(timeoutMs?: number): Promise<void>;
  counts(): Record<MessageStatus, number>;
  inbox: Inbox;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ExchangeHttpError(413, outcome(issue('error', 'too-costly', 'Message trop volumineux', 'Message too large')));
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Operator view of a message (the bundle and raw text only in the detailed view). */
function view(message: InboxMessage, detail = false): Record<string, unknown> {
  const { bundle, raw, ...rest } = message;
  return {
    ...rest,
    receivedAt: new Date(message.receivedAt).toISOString(),
    ...(message.appliedAt ? { appliedAt: new Date(message.appliedAt).toISOString() } : {}),
    nextAttemptAt: new Date(message.nextAttemptAt).toISOString(),
    ...(detail ? { ...(bundle ? { bundle: JSON.parse(bundle) as unknown } : {}), ...(raw ? { raw } : {}) } : {}),
  };
}

export async function createExchange(options: ExchangeOptions): Promise<Exchange> {
  const inbox = new Inbox(options.dataDir);
  const client = new FhirClient({
    fhirBaseUrl: options.fhirBaseUrl,
    tokenEndpoint: options.tokenEndpoint,
    clientId: options.clientId,
    privateJwk: options.privateJwk,
    ...(options.scope ? { scope: options.scope } : {}),
  });
  const worker = new Worker(inbox, client, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const intake = createIntake(inbox, {
    ...(options.assigners ? { assigners: options.assigners } : {}),
    ...(options.log ? { log: options.log } : {}),
    onAccepted: () => worker.notify(),
  });
  const authenticate = createAuthenticator({
    jwksUrl: options.auth?.jwksUrl ?? options.tokenEndpoint.replace(/\/token\/?$/, '/jwks'),
    issuer: options.auth?.issuer ?? options.fhirBaseUrl.replace(/\/+$/, ''),
    ...(options.auth?.audience ? { audience: options.auth.audience } : {}),
    ...(options.dataDir !== ':memory:' ? { keysCacheFile: join(options.dataDir, 'jwks-cache.json') } : {}),
    ...(options.auth?.keysMaxAgeMs !== undefined ? { keysMaxAgeMs: options.auth.keysMaxAgeMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  let mllp: MllpServer | undefined;
  if (options.mllp) {
    mllp = await startMllp({ ...options.mllp, ...(options.log ? { log: options.log } : {}) }, (text, remote) =>
      Promise.resolve(intake.acceptHl7(text, 'mllp', `mllp:${remote}`).ack),
    );
  }
  worker.start();

  const operatorList = (status: MessageStatus, url: URL): Record<string, unknown> => {
    const limit = Math.min(1000, Number(url.searchParams.get('_count') ?? 100) || 100);
    const offset = Number(url.searchParams.get('_offset') ?? 0) || 0;
    return { status, total: inbox.counts()[status], messages: inbox.list(status, limit, offset).map((m) => view(m)) };
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const auth = (permission: Permission): Promise<Sender> => authenticate(req, permission);
    if (method === 'POST' && path === '/exchange/fhir/Bundle') {
      const sender = await auth('c');
      const text = (await readBody(req)).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new ExchangeHttpError(400, outcome(issue('error', 'invalid', `JSON illisible : ${(error as Error).message}`, 'Malformed JSON')));
      }
      const { message, duplicate } = intake.acceptBundle(body, sender.clientId);
      send(
        res,
        duplicate ? 200 : 202,
        outcome({
          ...issue(
            'information',
            'informational',
            duplicate ? 'Lot déjà reçu, il ne sera pas appliqué deux fois' : 'Lot reçu et enregistré ; il sera appliqué au plan partagé',
            duplicate ? 'Bundle already received; it will not be applied twice' : 'Bundle received and stored; it will be applied to the shared plan',
          ),
          diagnostics: `message ${message.id} (${message.status})`,
        }),
        { Location: `/exchange/messages/${message.id}`, 'X-Exchange-Message-Id': message.id },
      );
      return;
    }
    if (method === 'POST' && path === '/exchange/hl7v2') {
      const sender = await auth('c');
      const charset = /charset=([^;]+)/i.exec(String(req.headers['content-type'] ?? ''))?.[1];
      const text = decodeEr7(await readBody(req), charset);
      const result = intake.acceptHl7(text, 'hl7v2', sender.clientId);
      res.writeHead(result.httpStatus, {
        'Content-Type': 'x-application/hl7-v2+er7; charset=utf-8',
        'Cache-Control': 'no-store',
        ...(result.message ? { 'X-Exchange-Message-Id': result.message.id } : {}),
        ...(result.httpStatus === 503 ? { 'Retry-After': '5' } : {}),
      });
      res.end(result.ack);
      return;
    }
    const messageMatch = /^\/exchange\/messages\/([A-Za-z0-9-]+)$/.exec(path);
    if (method === 'GET' && messageMatch?.[1]) {
      await auth('r');
      const message = inbox.get(messageMatch[1]);
      if (!message) throw new ExchangeHttpError(404, outcome(issue('error', 'not-found', 'Message inconnu', 'Unknown message')));
      send(res, 200, view(message, true));
      return;
    }
    if (method === 'GET' && (path === '/exchange/dead-letters' || path === '/exchange/parked')) {
      await auth('r');
      send(res, 200, operatorList(path.endsWith('parked') ? 'parked' : 'dead', url));
      return;
    }
    if (method === 'GET' && path === '/exchange/status') {
      await auth('r');
      send(res, 200, { counts: inbox.counts() });
      return;
    }
    const action = /^\/exchange\/(dead-letters|parked)\/([A-Za-z0-9-]+)\/(replay|resolve)$/.exec(path);
    if (method === 'POST' && action) {
      await auth('u');
      const [, list, id, verb] = action;
      const expected: MessageStatus = list === 'parked' ? 'parked' : 'dead';
      if ((list === 'parked') !== (verb === 'resolve')) throw new ExchangeHttpError(404, outcome(issue('error', 'not-found', 'Action inconnue', 'Unknown action')));
      const message = inbox.get(id ?? '');
      if (!message) throw new ExchangeHttpError(404, outcome(issue('error', 'not-found', 'Message inconnu', 'Unknown message')));
      if (message.status !== expected) {
        throw new ExchangeHttpError(409, outcome(issue('error', 'conflict', `Le message est « ${message.status} », pas « ${expected} »`, `The message is "${message.status}", not "${expected}"`)));
      }
      if (!message.bundle) {
        throw new ExchangeHttpError(409, outcome(issue('error', 'conflict',
          "Message refusé à la réception : rien à rejouer, l'expéditeur doit envoyer un message corrigé",
          'Message refused at intake: nothing to replay, the sender must send a corrected message')));
      }
      let patient: string | undefined;
      if (verb === 'resolve') {
        const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { patient?: string };
        if (!body.patient || !/^(Patient\/)?[A-Za-z0-9\-.]{1,64}$/.test(body.patient)) {
          throw new ExchangeHttpError(400, outcome(issue('error', 'required', 'Indiquer la personne : {"patient": "Patient/<id>"}', 'Give the person: {"patient": "Patient/<id>"}', 'patient')));
        }
        patient = body.patient.startsWith('Patient/') ? body.patient : `Patient/${body.patient}`;
      }
      const updated = inbox.requeue(message.id, patient);
      worker.notify();
      send(res, 200, updated ? view(updated) : {});
      return;
    }
    throw new ExchangeHttpError(404, outcome(issue('error', 'not-supported', `${method} ${path} : point d'accès inconnu`, `${method} ${path}: unknown endpoint`)));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '');
    if (path !== '/exchange' && !path.startsWith('/exchange/')) return false;
    try {
      await route(req, res, path, url);
    } catch (error) {
      if (res.headersSent) res.end();
      else if (error instanceof ExchangeHttpError) send(res, error.status, error.outcome, error.headers);
      else if (error instanceof SyntaxError) send(res, 400, outcome(issue('error', 'invalid', `Corps illisible : ${error.message}`, 'Unreadable body')));
      else {
        options.log?.(`[exchange] internal error: ${error instanceof Error ? error.message : String(error)}`);
        send(res, 500, outcome(issue('error', 'exception', 'Erreur interne', 'Internal error')));
      }
    }
    return true;
  }

  return {
    handle,
    ...(mllp ? { mllpAddress: mllp.address } : {}),
    inbox,
    counts: () => inbox.counts(),
    drain: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (inbox.counts().pending > 0) {
        if (Date.now() > deadline) throw new Error(`EXCHANGE_DRAIN_TIMEOUT: ${inbox.counts().pending} messages still pending after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      await mllp?.close();
      await worker.stop();
      inbox.close();
    },
  };
}
