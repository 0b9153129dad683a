// Test helpers: the sandbox's real flows as a browser and an app go through them (EHR simulator page and its
// anti-forgery token, SMART authorization code with PKCE), so tests hold real tokens.
import { createHash, randomBytes } from 'node:crypto';
import { APP_CLIENT_ID } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';

export interface TokenResponse {
  access_token: string;
  patient: string;
  scope: string;
  need_patient_banner: boolean;
}

/** Opens the EHR simulator page: its anti-forgery cookie and form token. */
export async function ehrForm(sandbox: Sandbox): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${sandbox.url}/`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '' };
}

/** Opens the EHR simulator page and posts its launch form (with the page's token and cookie); returns the app URL. */
export async function ehrLaunchUrl(sandbox: Sandbox, user: string, patient: string): Promise<URL> {
  const { cookie, csrf } = await ehrForm(sandbox);
  const launched = await fetch(`${sandbox.url}/ehr/launch`, {
    method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ user, patient, target: 'tab', csrf }), redirect: 'manual',
  });
  if (launched.status !== 303) throw new Error(`EHR launch refused: ${launched.status} ${await launched.text()}`);
  return new URL(launched.headers.get('location') ?? '');
}

/** The app's authorization request for a launch id; resolves to the redirect location. */
export async function authorize(sandbox: Sandbox, launch: string, scope: string, challenge: string): Promise<URL> {
  const authorizeUrl = new URL(`${sandbox.url}/auth/authorize`);
  authorizeUrl.search = new URLSearchParams({
    response_type: 'code', client_id: APP_CLIENT_ID, redirect_uri: `${sandbox.url}/app/index.html`, scope,
    state: 'state-123', aud: sandbox.fhirBaseUrl, launch, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  const redirected = await fetch(authorizeUrl, { redirect: 'manual' });
  return new URL(redirected.headers.get('location') ?? '');
}

/** EHR launch then the app's code flow: the token the app would hold. */
export async function ehrLaunch(sandbox: Sandbox, user: string, patient: string, scope = 'launch openid fhirUser patient/*.rs'): Promise<TokenResponse> {
  const launchUrl = await ehrLaunchUrl(sandbox, user, patient);
  const verifier = randomBytes(32).toString('base64url');
  const callback = await authorize(sandbox, launchUrl.searchParams.get('launch') ?? '', scope, createHash('sha256').update(verifier).digest('base64url'));
  const token = await fetch(`${sandbox.url}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: `${sandbox.url}/app/index.html`, client_id: APP_CLIENT_ID, code_verifier: verifier }),
  });
  if (token.status !== 200) throw new Error(`token refused: ${token.status} ${await token.text()}`);
  return (await token.json()) as TokenResponse;
}

export interface EhrTokenResponse extends TokenResponse {
  id_token: string;
}

/**
 * A launch from the GP's own EHR (/dpi): the simulator's second form, then the code flow against the EHR's own
 * authorization server. `clientId`: the EHR's client (another app of the EHR gives id_tokens for another audience).
 */
export async function dpiLaunch(sandbox: Sandbox, user: string, patient: string, clientId = 'parcours-app'): Promise<EhrTokenResponse> {
  const { cookie, csrf } = await ehrForm(sandbox);
  const launched = await fetch(`${sandbox.url}/ehr/dpi-launch`, {
    method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ user, patient, target: 'tab', csrf }), redirect: 'manual',
  });
  if (launched.status !== 303) throw new Error(`EHR launch refused: ${launched.status} ${await launched.text()}`);
  const launch = new URL(launched.headers.get('location') ?? '').searchParams.get('launch') ?? '';
  const redirectUri = clientId === 'parcours-app' ? `${sandbox.url}/app/index.html` : `${sandbox.url}/dpi/agenda`;
  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = new URL(`${sandbox.url}/dpi/auth/authorize`);
  authorizeUrl.search = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'launch openid fhirUser patient/*.rs', state: 'state-dpi',
    aud: sandbox.ehr.fhirBaseUrl, launch, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }).toString();
  const callback = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location') ?? '');
  const token = await fetch(`${sandbox.url}/dpi/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
  });
  if (token.status !== 200) throw new Error(`EHR token refused: ${token.status} ${await token.text()}`);
  return (await token.json()) as EhrTokenResponse;
}

/** The app's token exchange at the plan server: the EHR's id_token (subject) and access token (actor). */
export async function exchangeAtPlan(sandbox: Sandbox, ehr: { id_token: string; access_token: string }, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', client_id: APP_CLIENT_ID,
      subject_token: ehr.id_token, subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      actor_token: ehr.access_token, actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      scope: 'openid fhirUser online_access patient/*.rs patient/Observation.c patient/Provenance.c', ...extra,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The standalone launch as a browser goes through it: authorize, then sign in as `user`; returns the picker page. */
export async function standaloneSignIn(sandbox: Sandbox, user: string, scope = 'openid fhirUser launch/patient patient/*.rs'): Promise<{ request: string; verifier: string; picker: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = new URL(`${sandbox.url}/auth/authorize`);
  authorizeUrl.search = new URLSearchParams({
    response_type: 'code', client_id: APP_CLIENT_ID, redirect_uri: `${sandbox.url}/app/index.html`, scope, state: 'state-123',
    aud: sandbox.fhirBaseUrl, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }).toString();
  const request = /name="request" value="([^"]+)"/.exec(await (await fetch(authorizeUrl)).text())?.[1] ?? '';
  const picker = await fetch(`${sandbox.url}/auth/authorize/consent`, { method: 'POST', body: new URLSearchParams({ request, user, decision: 'approve' }) });
  return { request, verifier, picker: await picker.text() };
}

/** Posts the picker's answer; a redirect with a code is exchanged for the token, anything else is returned as is. */
export async function standaloneAnswer(sandbox: Sandbox, signIn: { request: string; verifier: string }, form: Record<string, string>): Promise<{ status: number; text: string; token?: TokenResponse & { expires_in: number; refresh_token?: string } }> {
  const answered = await fetch(`${sandbox.url}/auth/authorize/consent`, { method: 'POST', body: new URLSearchParams({ request: signIn.request, ...form }), redirect: 'manual' });
  const code = answered.status === 302 ? new URL(answered.headers.get('location') ?? '').searchParams.get('code') : null;
  if (!code) return { status: answered.status, text: await answered.text() };
  const token = await fetch(`${sandbox.url}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${sandbox.url}/app/index.html`, client_id: APP_CLIENT_ID, code_verifier: signIn.verifier }),
  });
  return { status: answered.status, text: '', token: (await token.json()) as TokenResponse & { expires_in: number } };
}
