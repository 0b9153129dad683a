// The SMART server on @parcours/http: standalone start, body limit, malformed URLs, CORS and private logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMART_BODY_LIMIT } from './routes.ts';
import { startSmartServer } from './server.ts';
import type { SmartServer } from './server.ts';

const lines: string[] = [];
let server: { origin: string; smart: SmartServer; close(): Promise<void> };

beforeAll(async () => {
  server = await startSmartServer(
    (origin) => ({ fhirBaseUrl: `${origin}/fhir`, clients: [{ clientId: 'app', type: 'public', redirectUris: [`${origin}/app/`], scopes: 'launch openid' }], users: [] }),
    { logLevel: 'info', logStream: { write: (line) => lines.push(line) } },
  );
});
afterAll(() => server.close());

describe('SMART server over @parcours/http', () => {
  it('starts on its own and serves its discovery document with the port in every URL', async () => {
    const res = await fetch(`${server.origin}/fhir/.well-known/smart-configuration`, { headers: { 'Accept-Encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    const body = (await res.json()) as { token_endpoint: string };
    expect(body.token_endpoint).toBe(`${server.origin}/auth/token`);
  });

  it('refuses a token request larger than its limit with 413 and an OperationOutcome', async () => {
    const res = await fetch(`${server.origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_assertion=${'a'.repeat(SMART_BODY_LIMIT)}`,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('answers a malformed URL with 400 and keeps OAuth errors as RFC 6749 JSON', async () => {
    expect((await fetch(`${server.origin}/auth/authorize?x=%E0%A4%A`)).status).toBe(400);
    const res = await fetch(`${server.origin}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers a CORS preflight on the token endpoint and logs no form nor token', async () => {
    const pre = await fetch(`${server.origin}/auth/token`, { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    await fetch(`${server.origin}/auth/authorize?client_id=app&state=Dupont&access_token=x`, { headers: { Authorization: 'Bearer secret-value' } });
    const all = lines.join('\n');
    expect(all).toContain('"route":"/auth/authorize"');
    expect(all).not.toContain('Dupont');
    expect(all).not.toContain('secret-value');
  });
});
