// The shared layer over real HTTP on port 0: errors, malformed URLs, body limits, compression, private logs, CORS.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail } from '@parcours/outcomes';
import { acceptedEncoding, LARGE_ANSWER } from './compress.ts';
import { addServerTiming, createHttpApp, listen, rawBodies } from './index.ts';
import { serverTimingHeader } from './server-timing.ts';
import type { Listening } from './index.ts';

const lines: string[] = [];
let server: Listening;

beforeAll(async () => {
  const app = await createHttpApp({ name: 'test', bodyLimit: 1024, serverTimingPhases: true, logLevel: 'info', logStream: { write: (line) => lines.push(line) } });
  app.get('/boom', () => {
    const missing = undefined as unknown as { name: string };
    return missing.name; // a TypeError, as a bug would throw it
  });
  app.get('/gone', () => fail('gone', 'deleted', undefined, 'Supprimé / Deleted'));
  app.get('/timed', (request) => {
    addServerTiming(request, 'sql', 1.5);
    addServerTiming(request, 'sql', 1);
    addServerTiming(request, 'audit', 0.25);
    return { resourceType: 'Bundle', entry: Array.from({ length: 2000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Observation', status: 'final', valueInteger: i } })) };
  });
  app.get('/fhir/Patient/:id', (request) => ({ resourceType: 'Patient', id: (request.params as { id: string }).id }));
  app.get('/large', () => ({ resourceType: 'Bundle', entry: Array.from({ length: 2000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Observation', status: 'final', valueInteger: i } })) }));
  app.get('/big', () => ({ resourceType: 'Bundle', entry: Array.from({ length: 200 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Observation', status: 'final' } })) }));
  await app.register(async (scope) => {
    rawBodies(scope, 'string');
    scope.post('/echo', (request) => ({ length: String(request.body).length }));
  });
  server = await listen(app);
});

afterAll(() => server.close());

function rawGet(path: string): Promise<number> {
  // fetch would normalise the path; node:http sends it as written.
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.origin}${path}`, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('@parcours/http', () => {
  it('answers a TypeError with 500 naming the correlation id, without the message, and logs the message with its stack', async () => {
    const res = await fetch(`${server.origin}/boom`);
    expect(res.status).toBe(500);
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).not.toBe('');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'exception', diagnostics: `correlation-id: ${id}` }] });
    expect(text).not.toContain('Cannot read');
    expect(text).not.toContain('TypeError');
    const logged = lines.filter((l) => l.includes(id) && l.includes('Cannot read'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('http.test.ts'); // the stack
  });

  it('answers known outcomes with their own status', async () => {
    const res = await fetch(`${server.origin}/gone`);
    expect(res.status).toBe(410);
    expect(((await res.json()) as { issue: { code: string }[] }).issue[0]?.code).toBe('deleted');
  });

  it('answers a malformed URL with 400 and an OperationOutcome', async () => {
    expect(await rawGet('/fhir/Patient/%E0%A4%A')).toBe(400);
    const res = await fetch(`${server.origin}/fhir/Patient/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('answers an oversized body with 413 and an OperationOutcome', async () => {
    expect((await (await fetch(`${server.origin}/echo`, { method: 'POST', body: 'x'.repeat(100) })).json()) as unknown).toEqual({ length: 100 });
    const res = await fetch(`${server.origin}/echo`, { method: 'POST', body: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { issue: { code: string }[] }).issue[0]?.code).toBe('too-costly');
  });

  it('answers Server-Timing: the phases reported (added up), the compression, then the total, exposed to CORS', async () => {
    const res = await fetch(`${server.origin}/timed`, { headers: { 'Accept-Encoding': 'br', Origin: 'https://app.example' } });
    await res.arrayBuffer();
    const header = res.headers.get('server-timing') ?? '';
    const metrics = header.split(', ').map((m) => /^([a-z]+);dur=([0-9.]+)$/.exec(m));
    expect(metrics.map((m) => m?.[1])).toEqual(['sql', 'audit', 'compress', 'total']);
    expect(metrics[0]?.[2]).toBe('2.50');
    expect(metrics[1]?.[2]).toBe('0.25');
    const [compress, total] = [Number(metrics[2]?.[2]), Number(metrics[3]?.[2])];
    expect(compress).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(compress);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Server-Timing/);
    // Without phases (a small answer, nothing reported): the total alone.
    expect((await fetch(`${server.origin}/gone`)).headers.get('server-timing')).toMatch(/^total;dur=[0-9.]+$/);
    expect(serverTimingHeader(new Map([['json', 0.123]]), 4)).toBe('json;dur=0.12, total;dur=4.00');
    expect(() => addServerTiming({} as Parameters<typeof addServerTiming>[0], 'not a token', 1)).toThrow(TypeError);
  });

  it('sends only the total by default: the phases (sql, audit…) are for benchmarks and development', async () => {
    const app = await createHttpApp({ name: 'test', logLevel: 'silent' });
    app.get('/timed', (request) => {
      addServerTiming(request, 'sql', 1.5);
      return { ok: true };
    });
    const quiet = await listen(app);
    try {
      expect((await fetch(`${quiet.origin}/timed`)).headers.get('server-timing')).toMatch(/^total;dur=[0-9.]+$/);
    } finally {
      await quiet.close();
    }
  });

  it('compresses JSON with brotli or gzip as the client asks, small and large answers alike', async () => {
    for (const path of ['/big', '/large']) {
      const plain = await fetch(`${server.origin}${path}`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const text = await plain.text();
      for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
        const res = await new Promise<{ encoding: string | undefined; vary: string | undefined; length: string | undefined; body: Buffer }>((resolve, reject) => {
          httpRequest(`${server.origin}${path}`, { headers: { 'Accept-Encoding': encoding === 'gzip' ? 'br;q=0, gzip' : encoding } }, (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => resolve({ encoding: r.headers['content-encoding'], vary: r.headers.vary, length: r.headers['content-length'], body: Buffer.concat(chunks) }));
          }).on('error', reject).end();
        });
        expect(res.encoding).toBe(encoding);
        expect(res.vary).toMatch(/accept-encoding/i);
        // A large answer is compressed in one call (compress.ts): its length is known.
        if (path === '/large') expect(Number(res.length)).toBe(res.body.length);
        expect(res.body.length).toBeLessThan(text.length / 5);
        expect(decode(res.body).toString('utf8')).toBe(text);
      }
    }
    expect(Buffer.byteLength(await (await fetch(`${server.origin}/large`, { headers: { 'Accept-Encoding': 'identity' } })).text())).toBeGreaterThan(LARGE_ANSWER);
  });

  it('reads Accept-Encoding as HTTP says (weights, q=0, *)', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('*;q=0')).toBeUndefined();
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding(undefined)).toBeUndefined();
  });

  it('logs method, route pattern, status and id, never the query string nor the Authorization header', async () => {
    const res = await fetch(`${server.origin}/fhir/Patient/p1?name=Dupont&access_token=x`, { headers: { Authorization: 'Bearer secret-token-value' } });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id') ?? '';
    const line = lines.find((l) => l.includes(id) && l.includes('"msg":"request"')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ method: 'GET', route: '/fhir/Patient/:id', status: 200, reqId: id, service: 'test' });
    const all = lines.join('\n');
    expect(all).not.toContain('Dupont');
    expect(all).not.toContain('access_token');
    expect(all).not.toContain('secret-token-value');
  });

  it('answers a CORS preflight', async () => {
    const res = await fetch(`${server.origin}/fhir/Patient/p1`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://ehr.example', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, if-match' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toContain('If-Match');
    const get = await fetch(`${server.origin}/fhir/Patient/p1`, { headers: { Origin: 'https://ehr.example' } });
    expect(get.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('reuses a safe incoming X-Request-Id and replaces an unsafe one', async () => {
    const kept = await fetch(`${server.origin}/fhir/Patient/p1`, { headers: { 'X-Request-Id': 'trace-0123456789' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-0123456789');
    const replaced = await fetch(`${server.origin}/fhir/Patient/p1`, { headers: { 'X-Request-Id': 'a"} {"evil":1' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('evil');
  });
});
