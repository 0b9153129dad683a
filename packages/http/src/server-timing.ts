// `Server-Timing` (https://www.w3.org/TR/server-timing/): how long the server spent on an answer, split into the
// phases the routes report (SQL, audit, serialising, compressing), so a client or a benchmark can tell server time
// from its own (network, decompression, parsing). Durations only: nothing about what was read. The phases are sent
// only when asked (SERVER_TIMING=phases: benchmarks, development): an attacker timing searches for resources they
// may not see would learn more from the server's own `sql` figure than from the noisy total every answer carries.
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Milliseconds per phase of this answer, in the order first reported (see addServerTiming). */
    serverTiming?: Map<string, number>;
  }
}

/** A token of RFC 7230 (metric names are tokens). */
const METRIC = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Adds `ms` to the phase `name` of this request's answer (phases reported twice add up). */
export function addServerTiming(request: FastifyRequest, name: string, ms: number): void {
  if (!METRIC.test(name)) throw new TypeError(`Server-Timing metric names are tokens: ${name}`);
  const timing = (request.serverTiming ??= new Map());
  timing.set(name, (timing.get(name) ?? 0) + ms);
}

/** Times `fn` as the phase `name` of this request's answer. */
export async function timed<T>(request: FastifyRequest, name: string, fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    addServerTiming(request, name, performance.now() - start);
  }
}

/** The header's value: each phase, then `total` (from the request's arrival until its answer is handed to the socket). */
export function serverTimingHeader(phases: ReadonlyMap<string, number> | undefined, totalMs: number): string {
  const metric = (name: string, ms: number): string => `${name};dur=${ms.toFixed(2)}`;
  const metrics = [...(phases ?? [])].map(([name, ms]) => metric(name, ms));
  return [...metrics, metric('total', totalMs)].join(', ');
}

/** Whether answers carry their phases (SERVER_TIMING=phases), not only their total. */
export function phasesByDefault(): boolean {
  return process.env.SERVER_TIMING === 'phases';
}

/** Registers the header; register it after every other onSend hook (compression), so `total` includes them. */
export function serverTiming(app: FastifyInstance, options: { phases: boolean }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Server-Timing', serverTimingHeader(options.phases ? request.serverTiming : undefined, reply.elapsedTime));
    return payload;
  });
}
