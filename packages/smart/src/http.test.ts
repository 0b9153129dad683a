// The SMART server on @parcours/http: standalone start, body limit, malformed URLs, CORS and private logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMART_BODY_LIMIT } from './routes.ts';
import { PATIENTS, USERS } from './testing.ts';
import { startSmartServer } from './server.ts';
import type { SmartServer } from './server.ts';

const lines: string[] = [];
let server: { origin: string; smart: SmartServer; close(): Promise<void> };

beforeAll(async () => {
  server = await startSmartServer(
    (origin) => ({ fhirBaseUrl: `${origin}/fhir`, clients: [{ clientId: 'app', type: 'public', redirectUris: [`${origin}/app/`], scopes: 'launch launch/patient openid' }], users: USERS, listPatients: () => new Promise((resolve) => setTimeout(() => resolve(PATIENTS), 5)) }),
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

  it('answers the standalone consent page whole when compressed', async () => {
    const search = new URLSearchParams({
      response_type: 'code', client_id: 'app', redirect_uri: `${server.origin}/app/`, scope: 'openid launch/patient', state: 's',
      aud: `${server.origin}/fhir`, code_challenge: 'a'.repeat(43), code_challenge_method: 'S256',
    });
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await fetch(`${server.origin}/auth/authorize?${search.toString()}`, { headers: { 'Accept-Encoding': encoding } });
      expect(res.status, encoding).toBe(200);
      const page = await res.text();
      expect(page, encoding).toContain('<form');
      expect(page, encoding).toContain(USERS[0]?.name);
    }
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
