// Authorization endpoint (code flow, PKCE S256) and the simulator's login/consent page.
// https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
import { formOf } from '@parcours/http';
import type { FastifyReply, FastifyRequest } from '@parcours/http';
import { bareId } from './context.ts';
import type { CodeRecord, PendingAuthorization, SmartContext } from './context.ts';
import { redirect, sendHtml } from './http.ts';
import { consentPage, errorPage } from './pages.ts';
import { grantScopes, parseResourceScope } from './scopes.ts';
import { randomId } from './tokens.ts';
import type { LaunchContext } from './types.ts';

/** PKCE code_challenge: base64url of 32+ bytes of SHA-256 (43 characters). */
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Redirects an error to the (already validated) redirect_uri, echoing state. */
export function redirectError(res: FastifyReply, redirectUri: string, error: string, description: string, state: string | null): void {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== null) url.searchParams.set('state', state);
  redirect(res, url.toString());
}

export function issueCode(ctx: SmartContext, record: Omit<CodeRecord, 'expiresAt' | 'used' | 'gid'>): string {
  const code = randomId();
  ctx.codes.set(code, { ...record, gid: randomId(16), used: false, expiresAt: ctx.now() + ctx.lifetimes.code * 1000 });
  return code;
}

export function redirectCode(res: FastifyReply, redirectUri: string, code: string, state: string): void {
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  url.searchParams.set('state', state);
  redirect(res, url.toString());
}

function resolveUser(ctx: SmartContext, user: string): string | undefined {
  if (ctx.users.has(user)) return user;
  for (const u of ctx.users.values()) if (u.fhirUser === user) return u.id;
  return undefined;
}

/** GET|POST /auth/authorize. */
export async function handleAuthorize(ctx: SmartContext, req: FastifyRequest, res: FastifyReply, url: URL): Promise<void> {
  let params = url.searchParams;
  if (req.method === 'POST') {
    const form = formOf(req);
    if (!form) {
      sendHtml(res, 400, errorPage('Requête mal formée (formulaire attendu).', 'Malformed request (form expected).'));
      return;
    }
    params = form;
  }
  // 1. Client and redirect_uri first: until both are trusted, errors are shown here, never redirected.
  const clientId = params.get('client_id') ?? '';
  const client = ctx.clients.get(clientId);
  if (!client) {
    sendHtml(res, 400, errorPage(`Application inconnue : « ${clientId} ».`, `Unknown client_id "${clientId}".`));
    return;
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!client.redirectUris?.includes(redirectUri)) {
    sendHtml(
      res,
      400,
      errorPage(
        'L’adresse de retour (redirect_uri) ne correspond à aucune adresse enregistrée pour cette application.',
        'redirect_uri does not exactly match a redirect URI registered for this client.',
      ),
    );
    return;
  }
  // 2. From here on, errors go back to the app with state.
  const state = params.get('state');
  if (!state) {
    redirectError(res, redirectUri, 'invalid_request', 'state is required', null);
    return;
  }
  if (params.get('response_type') !== 'code') {
    redirectError(res, redirectUri, 'unsupported_response_type', 'response_type must be code', state);
    return;
  }
  const challenge = params.get('code_challenge') ?? '';
  const method = params.get('code_challenge_method');
  if (method !== 'S256' || !CODE_CHALLENGE.test(challenge)) {
    redirectError(res, redirectUri, 'invalid_request', 'PKCE with code_challenge_method S256 is required', state);
    return;
  }
  const aud = params.get('aud') ?? '';
  if (!sameUrl(aud, ctx.fhirBaseUrl)) {
    redirectError(res, redirectUri, 'invalid_request', `aud must be the FHIR base URL ${ctx.fhirBaseUrl}`, state);
    return;
  }
  const scopes = grantScopes(params.get('scope') ?? '', client.scopes).filter((s) => parseResourceScope(s)?.context !== 'system');
  const launchId = params.get('launch');
  let launch: LaunchContext | undefined;
  if (launchId) {
    const entry = ctx.launches.get(launchId);
    // Single use: a launch id seen once (in a URL, a log, a browser history) gives no second token.
    ctx.launches.delete(launchId);
    if (!entry || entry.expiresAt < ctx.now()) {
      redirectError(res, redirectUri, 'invalid_request', 'Unknown, used or expired launch', state);
      return;
    }
    launch = entry.context;
  } else if (scopes.includes('launch')) {
    redirectError(res, redirectUri, 'invalid_request', 'The launch scope needs a launch parameter (EHR launch)', state);
    return;
  }
  if (scopes.length === 0) {
    redirectError(res, redirectUri, 'invalid_scope', 'None of the requested scopes can be granted to this client', state);
    return;
  }
  const nonce = params.get('nonce') ?? undefined;
  if (launch) {
    // EHR launch: the user is already signed in to the EHR, which approves for them.
    const userId = resolveUser(ctx, launch.user);
    if (!userId) {
      redirectError(res, redirectUri, 'server_error', 'The launch context names an unknown user', state);
      return;
    }
    const record: Omit<CodeRecord, 'expiresAt' | 'used' | 'gid'> = {
      clientId,
      redirectUri,
      codeChallenge: challenge,
      scopes,
      userId,
      needPatientBanner: launch.needPatientBanner ?? false,
    };
    const patient = bareId(launch.patient, 'Patient');
    const encounter = bareId(launch.encounter, 'Encounter');
    if (patient) record.patient = patient;
    if (encounter) record.encounter = encounter;
    if (launch.intent) record.intent = launch.intent;
    if (nonce) record.nonce = nonce;
    redirectCode(res, redirectUri, issueCode(ctx, record), state);
    return;
  }
  // Standalone launch: sign-in and consent page, with a patient picker when a patient context is needed.
  const needsPatient = scopes.includes('launch/patient') || scopes.some((s) => parseResourceScope(s)?.context === 'patient');
  const requestId = randomId();
  const pending: PendingAuthorization = {
    clientId,
    redirectUri,
    state,
    scopes,
    codeChallenge: challenge,
    needsPatient,
    expiresAt: ctx.now() + 10 * 60 * 1000,
  };
  if (nonce) pending.nonce = nonce;
  ctx.pending.set(requestId, pending);
  // The patient picker comes once the user is signed in (consent.ts): it lists only the people of their care teams.
  sendHtml(res, 200, consentPage({ requestId, action: `${ctx.authorizeUrl}/consent`, clientName: client.name ?? client.clientId, scopes, users: [...ctx.users.values()], needsPatient }));
}
