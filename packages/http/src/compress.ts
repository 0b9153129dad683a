// Large answers held in memory (a caseload's searches: megabytes of JSON) are compressed in one call on libuv's
// thread pool, at the same quality, instead of through @fastify/compress's stream: its 16 KiB chunks each wait for a
// pool thread in turn, and under load the stream took 441 ms of wall time where one call takes 79 ms for the
// caseload's 7.8 MB (the same bytes out). Smaller answers and file streams stay with @fastify/compress. A route may
// start it itself (`reply.encodeLarge`) to overlap it with work of its own before sending.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addServerTiming } from './server-timing.ts';

/** From this size on, an answer in memory is compressed in one call off the main thread. */
export const LARGE_ANSWER = 64 * 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** `br` or `gzip` as `Accept-Encoding` allows (q > 0, `*` included), brotli first; undefined for neither. */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const q = new Map<string, number>();
  for (const part of String(header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  const allowed = (name: string): boolean => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return undefined;
}

function compressible(request: FastifyRequest, reply: FastifyReply, types: RegExp): boolean {
  if (reply.getHeader('Content-Encoding') || reply.getHeader('Content-Range') !== undefined || reply.statusCode === 206) return false;
  if (request.headers['x-no-compression'] !== undefined) return false;
  return types.test(String(reply.getHeader('Content-Type') ?? 'application/json'));
}

/** Sets the answer's encoding headers (none when it was not compressed) and gives the bytes to send. */
export type EncodedAnswer = () => string | Buffer;

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Starts compressing the answer at once (on the thread pool) when it is large enough and the client accepts it,
     * so that a route may do its own work meanwhile (an audit commit) and send when both are done. Nothing is set
     * on the reply until the result is called (an answer that ends in an error carries no `Content-Encoding`); the
     * hook leaves an answer so encoded as it is.
     */
    encodeLarge(payload: string | Buffer): Promise<EncodedAnswer>;
  }
}

async function encodeLarge(request: FastifyRequest, reply: FastifyReply, payload: string | Buffer, options: { types: RegExp; brotliQuality: number }): Promise<EncodedAnswer> {
  const asIs = (): string | Buffer => payload;
  // Sized before any copy: most answers are small and go on to @fastify/compress untouched.
  if (Buffer.byteLength(payload) < LARGE_ANSWER || !compressible(request, reply, options.types)) return asIs;
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  if (!encoding) return asIs;
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const start = performance.now();
  const out = encoding === 'br'
    ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: options.brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : await gzipAsync(body);
  addServerTiming(request, 'compress', performance.now() - start);
  return () => {
    const vary = String(reply.getHeader('Vary') ?? '');
    if (!/accept-encoding/i.test(vary)) reply.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    reply.header('Content-Encoding', encoding);
    reply.header('Content-Length', out.length);
    return out;
  };
}

/** Registers the hook and `reply.encodeLarge`; call before registering @fastify/compress, so this one sees large answers first. */
export function compressLargeAnswers(app: FastifyInstance, options: { types: RegExp; brotliQuality: number }): void {
  app.decorateReply('encodeLarge', function (this: FastifyReply, payload: string | Buffer) {
    return encodeLarge(this.request, this, payload, options);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    return (await encodeLarge(request, reply, payload, options))();
  });
}
