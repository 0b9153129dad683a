// The shared Backend Services token client against a real token endpoint on port 0 that checks the assertion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { BackendTokenSource } from './backend-token.ts';
import { createHttpApp, formOf, listen, rawBodies } from './index.ts';
import type { Listening } from './index.ts';

let server: Listening;
let publicKey: CryptoKey;
let privateJwk: JWK;
const seen: { scope: string | null; jti: unknown }[] = [];
let answer: 'token' | 'refuse' = 'token';

beforeAll(async () => {
  const pair = await generateKeyPair('ES384', { extractable: true });
  publicKey = pair.publicKey;
  privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'k1', alg: 'ES384' };
  const app = await createHttpApp({ name: 'token-test' });
  rawBodies(app, 'string');
  app.post('/token', async (request, reply) => {
    const form = formOf(request);
    const { payload } = await jwtVerify(form?.get('client_assertion') ?? '', publicKey, { issuer: 'svc', subject: 'svc', audience: `${server.origin}/token` });
    seen.push({ scope: form?.get('scope') ?? null, jti: payload.jti });
    if (answer === 'refuse') return reply.code(401).send({ error: 'invalid_client', error_description: 'unknown key' });
    return { access_token: `t${seen.length}`, token_type: 'bearer', expires_in: 300 };
  });
  server = await listen(app);
});

afterAll(() => server.close());

function source(tokenEndpoint = `${server.origin}/token`): BackendTokenSource {
  return new BackendTokenSource({
    tokenEndpoint, clientId: 'svc', privateJwk, scope: 'system/Task.cru',
    fail: (kind, message, status) => Object.assign(new Error(message), { kind, status }),
  });
}

describe('BackendTokenSource', () => {
  it('asks once for concurrent callers, caches the token, and asks again after invalidate', async () => {
    seen.length = 0;
    answer = 'token';
    const tokens = source();
    const [a, b] = await Promise.all([tokens.accessToken(), tokens.accessToken()]);
    expect(a).toBe('t1');
    expect(b).toBe('t1');
    expect(await tokens.accessToken()).toBe('t1');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.scope).toBe('system/Task.cru');
    tokens.invalidate();
    expect(await tokens.accessToken()).toBe('t2');
    expect(seen[1]?.jti).not.toBe(seen[0]?.jti); // a fresh assertion each time
  });

  it('hands a refusal and an unreachable endpoint to the caller’s own error', async () => {
    answer = 'refuse';
    await expect(source().accessToken()).rejects.toMatchObject({ kind: 'refused', status: 401, message: expect.stringContaining('invalid_client') });
    await expect(source('http://127.0.0.1:1/token').accessToken()).rejects.toMatchObject({ kind: 'unreachable', message: expect.stringContaining('injoignable') });
  });
});
