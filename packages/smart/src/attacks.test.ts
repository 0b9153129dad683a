// Each attack of issue 6 must be rejected, over real HTTP.
import { getStatus } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { UnsecuredJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutcomeError } from '@parcours/outcomes';
import {
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

async function codeFor(scope: string, patient = 'p1'): Promise<{ code: string; verifier: string }> {
  const launch = fx.smart.createLaunch({ patient, user: 'gp' });
  const { verifier, challenge } = pkce();
  const res = await getAuthorize(fx, authorizeParams(fx, { launch, scope, code_challenge: challenge }));
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error(`no code: ${res.headers.get('location') ?? res.status}`);
  return { code, verifier };
}

async function tokenFor(scope: string, patient = 'p1'): Promise<string> {
  const { code, verifier } = await codeFor(scope, patient);
  return ((await (await exchangeCode(fx, code, verifier)).json()) as { access_token: string }).access_token;
}

async function tokenError(res: Response): Promise<string> {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toContain('application/json');
  return ((await res.json()) as { error: string }).error;
}

/** The error an authorization request is redirected back with. */
async function authorizeError(extra: Record<string, string | undefined>): Promise<URLSearchParams> {
  const res = await getAuthorize(fx, authorizeParams(fx, { scope: 'launch/patient patient/*.rs', code_challenge: pkce().challenge, ...extra }));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(fx.redirectUri);
  return location.searchParams;
}

describe('authorization request attacks', () => {
  it('rejects a missing state (and echoes a present one exactly, for the client to compare)', async () => {
    const missing = await authorizeError({ state: undefined });
    expect(missing.get('error')).toBe('invalid_request');
    expect(missing.get('code')).toBeNull();
    expect(missing.get('state')).toBeNull();
    const echoed = await authorizeError({ state: 'a+b/c=d é', aud: 'https://evil.example/fhir' });
    expect(echoed.get('state')).toBe('a+b/c=d é');
  });

  it('a client detects a state mismatch: each authorization request gets back its own state, never another one', async () => {
    const stateOf = async (state: string): Promise<string | null> => {
      const launch = fx.smart.createLaunch({ patient: 'p1', user: 'gp' });
      const res = await getAuthorize(fx, authorizeParams(fx, { launch, scope: 'launch', state, code_challenge: pkce().challenge }));
      return new URL(res.headers.get('location') ?? '').searchParams.get('state');
    };
    // two requests in flight: neither gets the other's state (a server keeping one "current" state would fail here)
    const [first, second] = await Promise.all([stateOf('expected-by-client'), stateOf('other-tab')]);
    expect([first, second]).toEqual(['expected-by-client', 'other-tab']);
  });

  it('requires PKCE S256: plain or missing is rejected', async () => {
    const plain = await authorizeError({ code_challenge_method: 'plain', code_challenge: 'x'.repeat(43) });
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('state')).toBe('st-123');
    expect((await authorizeError({ code_challenge: undefined })).get('error')).toBe('invalid_request');
    expect((await authorizeError({ code_challenge_method: undefined })).get('error')).toBe('invalid_request');
  });

  it('never redirects to an unregistered redirect_uri', async () => {
    for (const redirect_uri of [`${'https://evil.example'}/app/index.html`, `${'x'}`, undefined]) {
      const res = await getAuthorize(fx, authorizeParams(fx, { redirect_uri, scope: 'patient/*.rs', code_challenge: pkce().challenge }));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('redirect_uri');
    }
    // prefix, suffix and case variants of the registered URI are not it
    for (const variant of [`${fx.redirectUri}?x=1`, `${fx.redirectUri}/`, fx.redirectUri.toUpperCase()]) {
      const res = await getAuthorize(fx, authorizeParams(fx, { redirect_uri: variant, scope: 'patient/*.rs', code_challenge: pkce().challenge }));
      expect(res.status, variant).toBe(400);
    }
    const unknownClient = await getAuthorize(fx, authorizeParams(fx, { client_id: 'nobody', scope: 'patient/*.rs' }));
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('location')).toBeNull();
  });

  it('rejects a wrong aud', async () => {
    const wrong = await authorizeError({ aud: 'https://evil.example/fhir' });
    expect(wrong.get('error')).toBe('invalid_request');
    expect((await authorizeError({ aud: undefined })).get('error')).toBe('invalid_request');
  });

  it('a launch id is single-use and short-lived', async () => {
    const launch = fx.smart.createLaunch({ patient: 'p1', user: 'gp' });
    const first = await getAuthorize(fx, authorizeParams(fx, { launch, scope: 'launch patient/*.rs', code_challenge: pkce().challenge }));
    expect(new URL(first.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    expect((await authorizeError({ launch, scope: 'launch patient/*.rs' })).get('error')).toBe('invalid_request');
    const stale = fx.smart.createLaunch({ patient: 'p1', user: 'gp' });
    const saved = fx.clock.now;
    fx.clock.now += 301 * 1000; // five minutes
    try {
      expect((await authorizeError({ launch: stale, scope: 'launch patient/*.rs' })).get('error')).toBe('invalid_request');
    } finally {
      fx.clock.now = saved;
    }
  });

  it('refuses to register a public client with system scopes', async () => {
    const { createSmartServer } = await import('./server.ts');
    expect(() => createSmartServer({ fhirBaseUrl: 'http://x/fhir', users: [], clients: [{ clientId: 'app', type: 'public', redirectUris: ['http://x/app'], scopes: 'system/*.rs' }] }))
      .toThrow(/SMART_CLIENT_SCOPES/);
  });

  it('rejects unknown launch ids and scopes the client may not have', async () => {
    expect((await authorizeError({ launch: 'Lforged', scope: 'launch patient/*.rs' })).get('error')).toBe('invalid_request');
    expect((await authorizeError({ scope: 'system/*.cruds' })).get('error')).toBe('invalid_scope');
  });
});

describe('token request attacks', () => {
  it('rejects code replay and revokes the tokens issued from that code', async () => {
    const { code, verifier } = await codeFor('launch patient/*.rs offline_access');
    const first = await exchangeCode(fx, code, verifier);
    expect(first.status).toBe(200);
    const { access_token, refresh_token } = (await first.json()) as { access_token: string; refresh_token: string };
    expect((await fhirGet(fx, 'Observation/o1', access_token)).status).toBe(200);
    const replay = await exchangeCode(fx, code, verifier);
    expect(replay.status).toBe(400);
    expect(await tokenError(replay)).toBe('invalid_grant');
    expect((await fhirGet(fx, 'Observation/o1', access_token)).status).toBe(401);
    const refresh = await postForm(`${fx.base}/auth/token`, { grant_type: 'refresh_token', refresh_token, client_id: 'parcours-app' });
    expect(await tokenError(refresh)).toBe('invalid_grant');
  });

  it('rejects a missing or wrong PKCE verifier, and the code is then spent', async () => {
    const missing = await codeFor('launch patient/*.rs');
    expect(await tokenError(await exchangeCode(fx, missing.code))).toBe('invalid_request');
    const wrong = await codeFor('launch patient/*.rs');
    expect(await tokenError(await exchangeCode(fx, wrong.code, pkce().verifier))).toBe('invalid_grant');
    expect(await tokenError(await exchangeCode(fx, wrong.code, wrong.verifier))).toBe('invalid_grant');
  });

  it('rejects a code for another redirect_uri or client, and unknown clients', async () => {
    const { code, verifier } = await codeFor('launch patient/*.rs');
    const res = await postForm(`${fx.base}/auth/token`, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: 'parcours-app', redirect_uri: `${fx.base}/other` });
    expect(await tokenError(res)).toBe('invalid_grant');
    const unknown = await postForm(`${fx.base}/auth/token`, { grant_type: 'authorization_code', code, client_id: 'nobody' });
    expect(unknown.status).toBe(401);
    expect(await tokenError(unknown)).toBe('invalid_client');
    expect(await tokenError(await postForm(`${fx.base}/auth/token`, { grant_type: 'password', client_id: 'parcours-app' }))).toBe('unsupported_grant_type');
    expect(await tokenError(await postForm(`${fx.base}/auth/token`, { grant_type: 'client_credentials', client_id: 'parcours-app', scope: 'system/*.rs' }))).toBe('unauthorized_client');
  });
});

describe('client assertion attacks', () => {
  it('rejects an assertion signed with another key (forged)', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const res = await backendToken(fx, await clientAssertion(fx, { key: privateKey }));
    expect(res.status).toBe(401);
    expect(await tokenError(res)).toBe('invalid_client');
  });

  it('rejects an unsigned (alg: none) assertion', async () => {
    const now = Math.floor(fx.clock.now / 1000);
    const unsigned = new UnsecuredJWT({ jti: 'none-1' })
      .setIssuer('parcours-exchange')
      .setSubject('parcours-exchange')
      .setAudience(`${fx.base}/auth/token`)
      .setExpirationTime(now + 60)
      .encode();
    expect(await tokenError(await backendToken(fx, unsigned))).toBe('invalid_client');
    // the same claims with a signature are accepted: the rejection is about alg none
    expect((await backendToken(fx, await clientAssertion(fx))).status).toBe(200);
  });

  it('rejects a replayed assertion (same jti)', async () => {
    const assertion = await clientAssertion(fx, { jti: 'once-only' });
    expect((await backendToken(fx, assertion)).status).toBe(200);
    expect(await tokenError(await backendToken(fx, assertion))).toBe('invalid_client');
  });

  it('rejects a wrong aud, an exp more than five minutes ahead, an expired one and a wrong algorithm', async () => {
    expect(await tokenError(await backendToken(fx, await clientAssertion(fx, { aud: `${fx.base}/auth/other` })))).toBe('invalid_client');
    expect(await tokenError(await backendToken(fx, await clientAssertion(fx, { expiresIn: 301 })))).toBe('invalid_client');
    expect(await tokenError(await backendToken(fx, await clientAssertion(fx, { expiresIn: -10 })))).toBe('invalid_client');
    const { privateKey } = await generateKeyPair('ES256');
    expect(await tokenError(await backendToken(fx, await clientAssertion(fx, { alg: 'ES256', key: privateKey })))).toBe('invalid_client');
  });

  it('rejects an assertion whose iss is another client than its keys', async () => {
    // signed with parcours-exchange's key but claiming to be rsa-backend
    expect(await tokenError(await backendToken(fx, await clientAssertion(fx, { clientId: 'rsa-backend' }), 'system/*.rs'))).toBe('invalid_client');
  });
});

describe('FHIR API enforcement', () => {
  it('answers 401 without a token, with a bad one, or a tampered one', async () => {
    const none = await fhirGet(fx, 'Patient/p1');
    expect(none.status).toBe(401);
    const outcome = (await none.json()) as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]?.code).toBe('login');
    expect(outcome.issue[0]?.details?.text).toContain('Jeton');
    expect((await fhirGet(fx, 'Patient/p1', 'not-a-jwt')).status).toBe(401);
    const token = await tokenFor('launch patient/Observation.rs');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: 'user/*.cruds' })).toString('base64url')}.${signature}`;
    expect((await fhirGet(fx, 'Condition', tampered)).status).toBe(401);
    expect((await fhirGet(fx, 'Observation/o1', token)).status).toBe(200);
  });

  it('answers 401 with an expired token', async () => {
    const token = await tokenFor('launch patient/*.rs');
    expect((await fhirGet(fx, 'Observation/o1', token)).status).toBe(200);
    const saved = fx.clock.now;
    fx.clock.now += 3601 * 1000;
    try {
      const res = await fhirGet(fx, 'Observation/o1', token);
      expect(res.status).toBe(401);
      const outcome = (await res.json()) as OperationOutcome;
      expect(outcome.issue[0]?.code).toBe('expired');
    } finally {
      fx.clock.now = saved;
    }
  });

  it('refuses an id_token used as an access token', async () => {
    const { code, verifier } = await codeFor('launch openid fhirUser patient/*.rs');
    const { id_token } = (await (await exchangeCode(fx, code, verifier)).json()) as { id_token: string };
    expect((await fhirGet(fx, 'Observation/o1', id_token)).status).toBe(401);
  });

  it('answers 403 out of scope', async () => {
    const token = await tokenFor('launch patient/Observation.rs');
    expect((await fhirGet(fx, 'Encounter/e1', token)).status).toBe(403);
    const write = await fhirPost(fx, 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } }, token);
    expect(write.status).toBe(403);
    const outcome = (await write.json()) as OperationOutcome;
    expect(outcome.issue[0]?.code).toBe('forbidden');
    expect(outcome.issue[0]?.expression).toEqual(['Observation']);
  });

  it('limits patient scopes to the patient compartment', async () => {
    const token = await tokenFor('launch patient/*.cruds', 'p1');
    expect((await fhirGet(fx, 'Observation/o2', token)).status).toBe(403);
    expect((await fhirGet(fx, 'Patient/p2', token)).status).toBe(403);
    const bundle = (await (await fhirGet(fx, 'Observation', token)).json()) as { entry: { resource: { subject: { reference: string } } }[] };
    expect(bundle.entry.length).toBeGreaterThan(0);
    expect(bundle.entry.every((e) => e.resource.subject.reference === 'Patient/p1')).toBe(true);
    const foreign = await fhirPost(fx, 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p2' } }, token);
    expect(foreign.status).toBe(403);
    // non-compartment resources are readable but never writable with patient scopes
    expect((await fhirPost(fx, 'Practitioner', { resourceType: 'Practitioner' }, token)).status).toBe(403);
  });

  it('throws errors whose outcome Medplum maps to the right status', async () => {
    const req = { headers: {} } as Parameters<typeof fx.smart.guard.authorize>[0];
    const error = await fx.smart.guard.authorize(req, { method: 'GET', interaction: 'read', resourceType: 'Patient', id: 'p1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeError);
    expect((error as OutcomeError).status).toBe(401);
    expect(getStatus((error as OutcomeError).outcome)).toBe(401);
  });
});
