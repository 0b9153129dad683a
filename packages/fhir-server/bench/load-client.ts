// The load bench's clients: each reads the plan (its requests in parallel) again and again until the time is up,
// either over its own keep-alive connections or over new connections for every request (Connection: close).
// Responses are read to the end but not parsed, so the client costs little next to the server.
import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';

export interface Sample {
  kind: 'keep-alive' | 'new';
  ok: boolean;
  planMs: number;
  requestMs: number[];
  /** New connections only: until the TCP handshake completed (a full accept queue shows here as SYN retries). */
  connectMs: number[];
  /** New connections only: from the handshake to the first byte of the response (includes waiting to be accepted). */
  firstByteMs: number[];
  errors: string[];
}

interface Timing { ok: boolean; total: number; connect?: number; firstByte?: number; error?: string }

function get(url: URL, agent: Agent | false): Promise<Timing> {
  const t0 = performance.now();
  return new Promise((done) => {
    let connectedAt: number | undefined;
    const req = request(url, { agent, headers: agent ? {} : { Connection: 'close' } }, (res) => {
      const firstByteAt = performance.now();
      res.on('data', () => undefined);
      res.on('end', () => done({
        ok: res.statusCode === 200,
        ...(res.statusCode === 200 ? undefined : { error: `HTTP ${res.statusCode}` }),
        total: performance.now() - t0,
        ...(connectedAt !== undefined ? { connect: connectedAt - t0, firstByte: firstByteAt - connectedAt } : undefined),
      }));
    });
    if (!agent) {
      req.on('socket', (socket) => socket.once('connect', () => {
        connectedAt = performance.now();
      }));
    }
    req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, total: performance.now() - t0, error: err.code ?? err.message }));
    req.setTimeout(60_000, () => req.destroy());
    req.end();
  });
}

async function client(kind: Sample['kind'], urls: URL[], deadline: number, out: Sample[]): Promise<void> {
  const agent = kind === 'keep-alive' ? new Agent({ keepAlive: true, maxSockets: urls.length }) : false;
  try {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const timings = await Promise.all(urls.map((u) => get(u, agent)));
      out.push({
        kind,
        ok: timings.every((t) => t.ok),
        planMs: performance.now() - t0,
        requestMs: timings.map((t) => t.total),
        connectMs: timings.flatMap((t) => (t.connect !== undefined ? [t.connect] : [])),
        firstByteMs: timings.flatMap((t) => (t.firstByte !== undefined ? [t.firstByte] : [])),
        errors: timings.flatMap((t) => (t.error ? [t.error] : [])),
      });
    }
  } finally {
    if (agent) agent.destroy();
  }
}

/** Runs `keepAlive` + `fresh` clients for `seconds` and returns one sample per plan read. */
export async function runClients(base: string, paths: readonly string[], options: { keepAlive: number; fresh: number; seconds: number }): Promise<Sample[]> {
  const urls = paths.map((p) => new URL(base + p));
  const deadline = performance.now() + options.seconds * 1000;
  const out: Sample[] = [];
  await Promise.all([
    ...Array.from({ length: options.keepAlive }, () => client('keep-alive', urls, deadline, out)),
    ...Array.from({ length: options.fresh }, () => client('new', urls, deadline, out)),
  ]);
  return out;
}

let lastQueue = 0;
/**
 * The listen socket's current accept-queue length (Recv-Q of `ss -ltn`), from the previous sample: `ss` runs
 * asynchronously so sampling does not block the clients.
 */
export function acceptQueue(port: number): number {
  execFile('ss', ['-ltnH', `sport = :${port}`], (err, stdout) => {
    if (!err) lastQueue = Number(stdout.trim().split(/\s+/)[1] ?? 0);
  });
  return lastQueue;
}
