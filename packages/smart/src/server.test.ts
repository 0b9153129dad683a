// Happy paths over real HTTP: discovery, EHR launch, standalone launch with patient picker, refresh, backend services.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmartServer } from './server.ts';
import {
  USERS,
  authorizeParams,
  backendToken,
  clientAssertion,
  exchangeCode,
  fhirGet,
  fhirPost,
  getAuthorize,
  pkce,
  postForm,
  startFixture,
} from './testing.ts';
import type { Fixture } from './testing.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx.close();
});

/** Runs an EHR launch for the GP on patient p1 and returns the token response. */
async function ehrLaunch(scope: string, state = 'st-1'): Promise<Record<string, unknown>> {
  const launch = fx.smart.createLaunch({ patient: 'p1', encounter: 'e1', user: 'gp', needPatientBanner: false, intent: 'plan-review' });
  const { verifier, challenge } = pkce();
  const res = await getAuthorize(fx, authorizeParams(fx, { launch, scope, state, code_challenge: challenge }));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe(state);
  const code = location.searchParams.get('code') ?? '';
  const token = await exchangeCode(fx, code, verifier);
  expect(token.status).toBe(200);
  return (await token.json()) as Record<string, unknown>;
}

describe('discovery', () => {
  it('serves smart-configuration under the FHIR base', async () => {
    const res = await fetch(`${fx.fhirBase}/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    const config = (await res.json()) as Record<string, unknown>;
    expect(config['authorization_endpoint']).toBe(`${fx.base}/auth/authorize`);
    expect(config['token_endpoint']).toBe(`${fx.base}/auth/token`);
    expect(config['jwks_uri']).toBe(`${fx.base}/auth/jwks`);
    expect(config['code_challenge_methods_supported']).toEqual(['S256']);
    expect(config['grant_types_supported']).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    for (const c of ['launch-ehr', 'launch-standalone', 'client-public', 'client-confidential-asymmetric', 'context-ehr-patient',
      'context-standalone-patient', 'context-banner', 'permission-v2', 'permission-v1', 'permission-patient', 'permission-user',
      'sso-openid-connect', 'authorize-post']) {
      expect(config['capabilities'], c).toContain(c);
    }
  });

  it('publishes public keys only, and the CapabilityStatement security block', async () => {
    const jwks = (await (await fetch(`${fx.base}/auth/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]?.['d']).toBeUndefined();
    expect(jwks.keys[0]?.['kid']).toBeTypeOf('string');
    const security = fx.smart.capabilitySecurity() as { extension: { extension: { url: string; valueUri: string }[] }[] };
    expect(security.extension[0]?.extension).toContainEqual({ url: 'token', valueUri: `${fx.base}/auth/token` });
  });

  it('leaves other paths to the caller', async () => {
    const res = await fetch(`${fx.base}/elsewhere`);
    expect(res.status).toBe(404);
  });
});

describe('EHR launch', () => {
  it('returns the launch context, fhirUser and a verifiable id_token', async () => {
    const state = 'état é & x=1';
    const body = await ehrLaunch('launch openid fhirUser patient/*.rs user/Practitioner.rs offline_access profile', state);
    expect(body['token_type']).toBe('Bearer');
    expect(body['patient']).toBe('p1');
    expect(body['encounter']).toBe('e1');
    expect(body['fhirUser']).toBe('Practitioner/gp1');
    expect(body['need_patient_banner']).toBe(false);
    expect(body['intent']).toBe('plan-review');
    expect(body['expires_in']).toBe(3600);
    // profile is not allowed for this client: granted = requested ∩ allowed
    expect(body['scope']).toBe('launch openid fhirUser patient/*.rs user/Practitioner.rs offline_access');
    expect(body['refresh_token']).toBeTypeOf('string');
    const { payload } = await jwtVerify(body['id_token'] as string, createRemoteJWKSet(new URL(`${fx.base}/auth/jwks`)), {
      issuer: fx.fhirBase,
      audience: 'parcours-app',
      currentDate: new Date(fx.clock.now),
    });
    expect(payload['fhirUser']).toBe(`${fx.fhirBase}/Practitioner/gp1`);
    expect(payload.sub).toBe('gp');
  });

  it('gives an access token that reads the patient and their observations', async () => {
    const body = await ehrLaunch('launch patient/*.rs');
    const token = body['access_token'] as string;
    expect((await fhirGet(fx, 'Patient/p1', token)).status).toBe(200);
    expect((await fhirGet(fx, 'Observation/o1', token)).status).toBe(200);
    expect((await fhirGet(fx, 'Practitioner/gp1', token)).status).toBe(200); // shared, non-compartment resource
    const claims = await fx.smart.verifyToken(token);
    expect(claims.patient).toBe('p1');
    expect(claims.client_id).toBe('parcours-app');
  });

  it('accepts the authorization request as a POST form (authorize-post)', async () => {
    const launch = fx.smart.createLaunch({ patient: 'Patient/p2', user: 'Practitioner/psy1' });
    const { verifier, challenge } = pkce();
    const res = await postForm(`${fx.base}/auth/authorize`, Object.fromEntries(authorizeParams(fx, { launch, scope: 'launch patient/Observation.rs', code_challenge: challenge })));
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const body = (await (await exchangeCode(fx, code, verifier)).json()) as Record<string, unknown>;
    expect(body['patient']).toBe('p2');
    expect(body['fhirUser']).toBe('Practitioner/psy1');
  });

  it('writes within v1 patient/*.write and the patient compartment', async () => {
    const body = await ehrLaunch('launch patient/*.read patient/*.write');
    const token = body['access_token'] as string;
    const created = await fhirPost(fx, 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'AUDIT-C' }, subject: { reference: 'Patient/p1' } }, token);
    expect(created.status).toBe(201);
  });
});

describe('standalone launch', () => {
  it('signs in, then shows the patient picker and issues a code for the chosen patient', async () => {
    const { verifier, challenge } = pkce();
    const page = await getAuthorize(fx, authorizeParams(fx, { scope: 'launch/patient openid fhirUser patient/Observation.rs', code_challenge: challenge }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('Karim Benali'); // nobody is listed before the user signs in
    expect(html).toContain(USERS[1]?.name);
    const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const picker = await postForm(`${fx.base}/auth/authorize/consent`, { request: requestId, user: 'psy', decision: 'approve' });
    expect(picker.status).toBe(200);
    const pickerHtml = await picker.text();
    expect(pickerHtml).toContain('Choisir la personne suivie');
    expect(pickerHtml).toContain('Karim Benali');
    const answer = await postForm(`${fx.base}/auth/authorize/consent`, { request: requestId, patient: 'p2', decision: 'approve' });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(fx.redirectUri);
    expect(location.searchParams.get('state')).toBe('st-123');
    const body = (await (await exchangeCode(fx, location.searchParams.get('code') ?? '', verifier)).json()) as Record<string, unknown>;
    expect(body['patient']).toBe('p2');
    expect(body['need_patient_banner']).toBe(true);
    expect(body['fhirUser']).toBe('Practitioner/psy1');
    expect(body['id_token']).toBeTypeOf('string');
    expect((await fhirGet(fx, 'Observation/o2', body['access_token'] as string)).status).toBe(200);
    // the consent request answers once
    const again = await postForm(`${fx.base}/auth/authorize/consent`, { request: requestId, patient: 'p2', decision: 'approve' });
    expect(again.status).toBe(400);
  });

  it('sends access_denied back when the user refuses', async () => {
    const { challenge } = pkce();
    const html = await (await getAuthorize(fx, authorizeParams(fx, { scope: 'user/*.rs', code_challenge: challenge }))).text();
    expect(html).not.toContain('Choisir la personne suivie'); // no patient context asked
    const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const answer = await postForm(`${fx.base}/auth/authorize/consent`, { request: requestId, decision: 'deny' });
    const location = new URL(answer.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-123');
  });
});

describe('refresh', () => {
  it('rotates refresh tokens and rejects the old one', async () => {
    const first = await ehrLaunch('launch patient/*.rs online_access');
    const refresh = first['refresh_token'] as string;
    const res = await postForm(`${fx.base}/auth/token`, { grant_type: 'refresh_token', refresh_token: refresh, client_id: 'parcours-app' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const second = (await res.json()) as Record<string, unknown>;
    expect(second['refresh_token']).toBeTypeOf('string');
    expect(second['refresh_token']).not.toBe(refresh);
    expect(second['patient']).toBe('p1');
    expect((await fhirGet(fx, 'Observation/o1', second['access_token'] as string)).status).toBe(200);
    // Reusing the rotated token fails and revokes the grant (both access tokens stop working).
    const reuse = await postForm(`${fx.base}/auth/token`, { grant_type: 'refresh_token', refresh_token: refresh, client_id: 'parcours-app' });
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await fhirGet(fx, 'Observation/o1', second['access_token'] as string)).status).toBe(401);
  });

  it('only narrows scopes on refresh', async () => {
    const first = await ehrLaunch('launch patient/*.rs offline_access');
    const wider = await postForm(`${fx.base}/auth/token`, { grant_type: 'refresh_token', refresh_token: first['refresh_token'] as string, client_id: 'parcours-app', scope: 'patient/*.cruds offline_access' });
    expect(((await wider.json()) as { error: string }).error).toBe('invalid_scope');
  });
});

describe('backend services', () => {
  it('issues a system token for a signed ES384 assertion and enforces its scopes', async () => {
    const res = await backendToken(fx, await clientAssertion(fx), 'system/Task.cu system/Patient.rs system/Condition.rs');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['scope']).toBe('system/Task.cu system/Patient.rs');
    expect(body['expires_in']).toBe(300);
    expect(body['refresh_token']).toBeUndefined();
    const token = body['access_token'] as string;
    const task = await fhirPost(fx, 'Task', { resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: 'Patient/p2' } }, token);
    expect(task.status).toBe(201);
    expect((await fhirGet(fx, 'Patient/p2', token)).status).toBe(200);
    expect((await fhirGet(fx, 'Observation/o1', token)).status).toBe(403);
  });

  it('fetches a client JWKS from its URL (RS384)', async () => {
    const assertion = await clientAssertion(fx, { clientId: 'rsa-backend', alg: 'RS384', kid: 'rsa-1', key: fx.rsaBackendKey });
    const res = await backendToken(fx, assertion, 'system/Observation.rs');
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { access_token: string }).access_token;
    const bundle = (await (await fhirGet(fx, 'Observation', token)).json()) as { entry: { resource: { id: string } }[] };
    expect(bundle.entry.map((e) => e.resource.id)).toEqual(expect.arrayContaining(['o1', 'o2'])); // system scope: every patient
  });
});

describe('signing key persistence', () => {
  it('keeps tokens valid across restarts when the key is saved to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-key-'));
    try {
      const options = { fhirBaseUrl: fx.fhirBase, clients: [], users: USERS, keyFile: join(dir, 'key.json'), now: () => fx.clock.now };
      const body = await ehrLaunch('launch patient/*.rs');
      const first = createSmartServer(options);
      await first.ready();
      expect(statSync(options.keyFile).mode & 0o777).toBe(0o600);
      const second = createSmartServer(options);
      expect(await second.jwks()).toEqual(await first.jwks());
      // A token of the fixture server (another key) is refused by both.
      await expect(second.verifyToken(body['access_token'] as string)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a key file that is not one, saying what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-key-'));
    try {
      writeFileSync(join(dir, 'key.json'), '{"alg":"HS256"}');
      const server = createSmartServer({ fhirBaseUrl: fx.fhirBase, clients: [], users: USERS, keyFile: join(dir, 'key.json') });
      await expect(server.ready()).rejects.toThrow(/SMART_KEY_FILE_INVALID/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('edges', () => {
  it('answers CORS preflight on the token endpoint', async () => {
    const res = await fetch(`${fx.base}/auth/token`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses createLaunch for an unknown user', () => {
    expect(() => fx.smart.createLaunch({ patient: 'p1', user: 'nobody' })).toThrow(/SMART_UNKNOWN_USER/);
  });

  it('asks for a launch parameter when the launch scope is requested', async () => {
    const res = await getAuthorize(fx, authorizeParams(fx, { scope: 'launch patient/*.rs', code_challenge: pkce().challenge }));
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });
});
