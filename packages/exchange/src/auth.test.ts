// Senders' tokens while the authorization server's JWKS is unreachable: cached keys survive a restart, a rotated key
// is fetched on its unknown kid, a cache past its age is not trusted. The JWKS is reached through a relay the test
// can switch off (the SMART server itself keeps issuing tokens).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, startExchangeHttp, tempDirs } from './testing.ts';
import type { Backend, ExchangeHttp } from './testing.ts';

const temp = tempDirs();
let backend: Backend;
let relay: Server;
let relayUrl: string;
let mode: 'up' | 'down' = 'up';
let extraKeys: JSONWebKeySet['keys'] = [];
let operator: string;

beforeAll(async () => {
  backend = await startBackend({ dataDir: temp.make(), seed: false });
  const jwksUrl = backend.tokenEndpoint.replace(/\/token$/, '/jwks');
  relay = createServer((req, res) => {
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    void fetch(jwksUrl).then(async (upstream) => {
      const jwks = (await upstream.json()) as JSONWebKeySet;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [...jwks.keys, ...extraKeys] }));
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/jwks`;
  operator = await backend.token('exchange-operator');
}, 60_000);

afterAll(async () => {
  relay.closeAllConnections();
  await new Promise((resolve) => relay.close(resolve));
  await backend.close();
  temp.removeAll();
});

async function status(ex: ExchangeHttp, token: string): Promise<number> {
  const res = await fetch(`${ex.base}/exchange/status`, { headers: { Authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

async function withExchange<T>(dataDir: string, run: (ex: ExchangeHttp) => Promise<T>, keysMaxAgeMs?: number): Promise<T> {
  const ex = await startExchangeHttp(backend, { dataDir, auth: { jwksUrl: relayUrl, ...(keysMaxAgeMs !== undefined ? { keysMaxAgeMs } : {}) } });
  try {
    return await run(ex);
  } finally {
    await ex.close();
  }
}

/** A token signed by a key the authorization server rotated in (published in the JWKS through the relay). */
async function rotatedToken(kid: string): Promise<{ token: string; publicJwk: JSONWebKeySet['keys'][number] }> {
  const pair = await generateKeyPair('ES384', { extractable: true });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ scope: 'system/Bundle.r', client_id: 'exchange-operator' })
    .setProtectedHeader({ alg: 'ES384', kid, typ: 'JWT' })
    .setIssuer(backend.fhirUrl)
    .setAudience(backend.fhirUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(randomUUID())
    .sign(pair.privateKey);
  return { token, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES384' } };
}

describe('signing keys', () => {
  it('verifies tokens after a restart while the authorization server is down, from the keys kept on disk', async () => {
    const dataDir = temp.make();
    mode = 'up';
    expect(await withExchange(dataDir, (ex) => status(ex, operator))).toBe(200);
    mode = 'down';
    expect(await withExchange(dataDir, (ex) => status(ex, operator))).toBe(200);
    // Without the kept keys, the same restart refuses every sender (what happened before).
    expect(await withExchange(temp.make(), (ex) => status(ex, operator))).toBe(503);
    mode = 'up';
  });

  it('fetches a rotated key on its unknown kid, and keeps it; an unknown kid while the server is down is 503, not 401', { timeout: 30_000 }, async () => {
    const dataDir = temp.make();
    mode = 'up';
    extraKeys = [];
    await withExchange(dataDir, async (ex) => {
      expect(await status(ex, operator)).toBe(200);
      const rotated = await rotatedToken('rotated-1');
      extraKeys = [rotated.publicJwk];
      // Within 5 s of a fetch the set is as fresh as it gets: an unknown kid is unknown (401). Past that, a new kid
      // makes the exchange fetch the set again, and the rotated key verifies.
      expect(await status(ex, rotated.token)).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 5_100));
      expect(await status(ex, rotated.token)).toBe(200);
      const cached = JSON.parse(readFileSync(join(dataDir, 'jwks-cache.json'), 'utf8')) as { jwks: JSONWebKeySet };
      expect(cached.jwks.keys.map((k) => k.kid)).toContain('rotated-1');
      const forged = await rotatedToken('rotated-1'); // same kid, another key: a bad signature
      expect(await status(ex, forged.token)).toBe(401);
    });
    mode = 'down';
    // The kept set a minute old: an unknown kid now needs a fetch the exchange cannot make.
    const file = join(dataDir, 'jwks-cache.json');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { fetchedAt: number; jwks: JSONWebKeySet };
    writeFileSync(file, JSON.stringify({ ...kept, fetchedAt: Date.now() - 60_000 }));
    await withExchange(dataDir, async (ex) => {
      expect(await status(ex, operator)).toBe(200);
      const unknown = await rotatedToken('rotated-2');
      expect(await status(ex, unknown.token)).toBe(503);
    });
    mode = 'up';
    extraKeys = [];
  });

  it('refreshes a stale cached set before using it when the server answers: a removed key no longer verifies', async () => {
    const dataDir = temp.make();
    mode = 'up';
    const removed = await rotatedToken('removed-1');
    extraKeys = [removed.publicJwk];
    await withExchange(dataDir, async (ex) => expect(await status(ex, removed.token)).toBe(200));
    extraKeys = [];
    const file = join(dataDir, 'jwks-cache.json');
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { fetchedAt: number; jwks: JSONWebKeySet };
    writeFileSync(file, JSON.stringify({ ...cached, fetchedAt: Date.now() - 60 * 60_000 }));
    await withExchange(dataDir, async (ex) => {
      expect(await status(ex, removed.token)).toBe(401);
      expect(await status(ex, operator)).toBe(200);
    });
  });

  it('does not trust a cached key set past its age', async () => {
    const dataDir = temp.make();
    mode = 'up';
    expect(await withExchange(dataDir, (ex) => status(ex, operator))).toBe(200);
    const file = join(dataDir, 'jwks-cache.json');
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { fetchedAt: number; jwks: JSONWebKeySet };
    writeFileSync(file, JSON.stringify({ ...cached, fetchedAt: Date.now() - 25 * 60 * 60_000 }));
    mode = 'down';
    expect(await withExchange(dataDir, (ex) => status(ex, operator))).toBe(503);
    expect(await withExchange(dataDir, (ex) => status(ex, operator), 48 * 60 * 60_000)).toBe(200);
    mode = 'up';
  });
});
