// The exchange's HTTP surface under /exchange as a Fastify plugin: intake (FHIR Bundle, HL7 v2) and the operator's
// views and actions on the inbox. Errors are OutcomeErrors, answered by @parcours/http.
import { rawBodies } from '@parcours/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '@parcours/http';
import { FHIR_JSON } from '@parcours/http';
import { bilingual, fail, issue, outcome } from '@parcours/outcomes';
import type { Permission, Sender } from './auth.ts';
import type { Inbox, InboxMessage, MessageStatus } from './inbox.ts';
import type { Intake } from './intake.ts';
import { decodeEr7 } from './mllp.ts';

export interface ExchangeParts {
  inbox: Inbox;
  intake: Intake;
  /** Wakes the worker up (a message was queued again). */
  notify(): void;
  authenticate(req: FastifyRequest['raw'], permission: Permission): Promise<Sender>;
}

/** Largest message accepted (a discharge Bundle with its documents). */
export const EXCHANGE_BODY_LIMIT = 16 * 1024 * 1024;
const ID = /^[A-Za-z0-9-]+$/;

function send(reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers({ 'Cache-Control': 'no-store', ...headers }).type(FHIR_JSON).send(JSON.stringify(body));
}

function bodyText(request: FastifyRequest): string {
  return Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
}

function parseJson(text: string, what: 'Bundle' | 'body'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const [fr, en] = what === 'Bundle' ? [`JSON illisible : ${(error as Error).message}`, 'Malformed JSON'] : [`Corps illisible : ${(error as Error).message}`, 'Unreadable body'];
    return fail('invalid', 'invalid', undefined, bilingual(fr, en));
  }
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

function unknownMessage(): never {
  return fail('not-found', 'not-found', undefined, bilingual('Message inconnu', 'Unknown message'));
}

async function postBundle(parts: ExchangeParts, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const sender = await parts.authenticate(request.raw, 'c');
  const { message, duplicate } = parts.intake.acceptBundle(parseJson(bodyText(request), 'Bundle'), sender.clientId);
  const text = duplicate
    ? bilingual('Lot déjà reçu, il ne sera pas appliqué deux fois', 'Bundle already received; it will not be applied twice')
    : bilingual('Lot reçu et enregistré ; il sera appliqué au plan partagé', 'Bundle received and stored; it will be applied to the shared plan');
  const result = outcome(undefined, { ...issue('information', 'informational', undefined, text), diagnostics: `message ${message.id} (${message.status})` });
  return send(reply, duplicate ? 200 : 202, result, { Location: `/exchange/messages/${message.id}`, 'X-Exchange-Message-Id': message.id });
}

async function postHl7(parts: ExchangeParts, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const sender = await parts.authenticate(request.raw, 'c');
  const charset = /charset=([^;]+)/i.exec(String(request.headers['content-type'] ?? ''))?.[1];
  const text = decodeEr7(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), charset);
  const result = parts.intake.acceptHl7(text, 'hl7v2', sender.clientId);
  return reply
    .code(result.httpStatus)
    .headers({
      'Cache-Control': 'no-store',
      ...(result.message ? { 'X-Exchange-Message-Id': result.message.id } : {}),
      ...(result.httpStatus === 503 ? { 'Retry-After': '5' } : {}),
    })
    .type('x-application/hl7-v2+er7; charset=utf-8')
    .send(result.ack);
}

function operatorList(parts: ExchangeParts, status: MessageStatus, query: Record<string, string | undefined>): Record<string, unknown> {
  const limit = Math.min(1000, Number(query._count ?? 100) || 100);
  const offset = Number(query._offset ?? 0) || 0;
  return { status, total: parts.inbox.counts()[status], messages: parts.inbox.list(status, limit, offset).map((m) => view(m)) };
}

async function act(parts: ExchangeParts, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  await parts.authenticate(request.raw, 'u');
  const { list, id, verb } = request.params as { list: string; id: string; verb: string };
  if (!(list === 'parked' && verb === 'resolve') && !(list === 'dead-letters' && verb === 'replay')) {
    fail('not-found', 'not-found', undefined, bilingual('Action inconnue', 'Unknown action'));
  }
  const expected: MessageStatus = list === 'parked' ? 'parked' : 'dead';
  const message = ID.test(id) ? parts.inbox.get(id) : undefined;
  if (!message) return unknownMessage();
  if (message.status !== expected) {
    fail('conflict', 'conflict', undefined, bilingual(`Le message est « ${message.status} », pas « ${expected} »`, `The message is "${message.status}", not "${expected}"`));
  }
  if (!message.bundle) {
    fail('conflict', 'conflict', undefined, bilingual(
      "Message refusé à la réception : rien à rejouer, l'expéditeur doit envoyer un message corrigé",
      'Message refused at intake: nothing to replay, the sender must send a corrected message'));
  }
  let patient: string | undefined;
  if (verb === 'resolve') {
    const body = parseJson(bodyText(request) || '{}', 'body') as { patient?: string };
    if (!body.patient || !/^(Patient\/)?[A-Za-z0-9\-.]{1,64}$/.test(body.patient)) {
      fail('invalid', 'required', 'patient', bilingual('Indiquer la personne : {"patient": "Patient/<id>"}', 'Give the person: {"patient": "Patient/<id>"}'));
    }
    patient = body.patient.startsWith('Patient/') ? body.patient : `Patient/${body.patient}`;
  }
  const updated = parts.inbox.requeue(message.id, patient);
  parts.notify();
  return send(reply, 200, updated ? view(updated) : {});
}

/** The Fastify plugin serving /exchange. */
export function exchangeRoutes(parts: ExchangeParts): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    rawBodies(app, 'buffer');
    const options = { bodyLimit: EXCHANGE_BODY_LIMIT };
    app.post('/exchange/fhir/Bundle', options, (request, reply) => postBundle(parts, request, reply));
    app.post('/exchange/hl7v2', options, (request, reply) => postHl7(parts, request, reply));
    app.get('/exchange/messages/:id', async (request, reply) => {
      await parts.authenticate(request.raw, 'r');
      const { id } = request.params as { id: string };
      const message = ID.test(id) ? parts.inbox.get(id) : undefined;
      return message ? send(reply, 200, view(message, true)) : unknownMessage();
    });
    for (const [path, status] of [['/exchange/dead-letters', 'dead'], ['/exchange/parked', 'parked']] as const) {
      app.get(path, async (request, reply) => {
        await parts.authenticate(request.raw, 'r');
        return send(reply, 200, operatorList(parts, status, request.query as Record<string, string | undefined>));
      });
    }
    app.get('/exchange/status', async (request, reply) => {
      await parts.authenticate(request.raw, 'r');
      return send(reply, 200, { counts: parts.inbox.counts() });
    });
    app.post('/exchange/:list/:id/:verb', options, (request, reply) => act(parts, request, reply));
    const unknown = (request: FastifyRequest): never => {
      const path = new URL(request.url, 'http://localhost').pathname;
      return fail('not-found', 'not-supported', undefined, bilingual(`${request.method} ${path} : point d'accès inconnu`, `${request.method} ${path}: unknown endpoint`));
    };
    app.all('/exchange', unknown);
    app.all('/exchange/*', unknown);
  };
}
