// The exchange's HTTP surface on @parcours/http: body limit, malformed URL, unknown endpoints, sender errors.
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, listen } from '@parcours/http';
import type { Listening } from '@parcours/http';
import { createExchange } from './exchange.ts';
import type { Exchange } from './exchange.ts';
import { EXCHANGE_BODY_LIMIT } from './http-routes.ts';

let exchange: Exchange;
let server: Listening;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES384', { extractable: true });
  // Nothing is sent to these addresses: no message gets far enough to be applied.
  exchange = await createExchange({ dataDir: ':memory:', fhirBaseUrl: 'http://127.0.0.1:9/fhir', tokenEndpoint: 'http://127.0.0.1:9/auth/token', clientId: 'x', privateJwk: await exportJWK(privateKey) });
  const app = await createHttpApp({ name: 'exchange', bodyLimit: 1024 });
  await app.register(exchange.routes);
  server = await listen(app);
});
afterAll(async () => {
  await server.close();
  await exchange.close();
});

describe('exchange over @parcours/http', () => {
  it('refuses a message over its body limit with 413 and an OperationOutcome, before reading it', async () => {
    const res = await fetch(`${server.origin}/exchange/fhir/Bundle`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: 'x'.repeat(EXCHANGE_BODY_LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-costly' }] });
  });

  it('answers a malformed URL with 400 and an unknown endpoint with 404, both as OperationOutcomes', async () => {
    const bad = await fetch(`${server.origin}/exchange/messages/%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const unknown = await fetch(`${server.origin}/exchange/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ issue: [{ code: 'not-supported' }] });
  });

  it('asks a sender without a token for one (401, WWW-Authenticate)', async () => {
    const res = await fetch(`${server.origin}/exchange/fhir/Bundle`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
