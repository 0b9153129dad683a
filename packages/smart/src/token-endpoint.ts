// Token endpoint: authorization_code (PKCE), refresh_token (rotation), client_credentials (SMART Backend
// Services) and token exchange (RFC 8693, token-exchange.ts). https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-access-token
// Errors per RFC 6749 §5.2, as JSON with Cache-Control: no-store.
import { createHash, timingSafeEqual } from 'node:crypto';
import { formOf } from '@parcours/http';
import type { FastifyReply, FastifyRequest } from '@parcours/http';
import { CLIENT_ASSERTION_TYPE, ClientAuthError, assertionIssuer, verifyClientAssertion } from './client-auth.ts';
import { revokeGrant } from './context.ts';
import type { GrantContext, SmartContext } from './context.ts';
import { sendJson } from './http.ts';
import { grantScopes, parseResourceScope, splitScopes } from './scopes.ts';
import { NO_STORE, TokenError, sendTokenError } from './token-error.ts';
import { TOKEN_EXCHANGE_GRANT, tokenExchangeGrant } from './token-exchange.ts';
import { randomId, signAccessToken, signIdToken } from './tokens.ts';
import type { RegisteredClient } from './types.ts';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Authenticates the client of a token request: a JWT assertion (confidential-asymmetric) or a bare client_id (public). */
async function authenticateClient(
  ctx: SmartContext,
  form: URLSearchParams,
): Promise<{ client: RegisteredClient; asserted: boolean }> {
  const assertion = form.get('client_assertion');
  const assertionType = form.get('client_assertion_type');
  const clientId = form.get('client_id');
  if (assertion || assertionType) {
    if (assertionType !== CLIENT_ASSERTION_TYPE || !assertion) {
      throw new TokenError('invalid_client', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE} with a client_assertion`);
    }
    const iss = assertionIssuer(assertion);
    const client = iss ? ctx.clients.get(iss) : undefined;
    if (!client || client.type !== 'confidential-asymmetric' || (clientId && clientId !== client.clientId)) {
      throw new TokenError('invalid_client', 'Unknown client or client not registered for asymmetric authentication');
    }
    try {
      await verifyClientAssertion(assertion, client, { tokenEndpoint: ctx.tokenUrl, nowMs: ctx.now(), jtis: ctx.jtis });
    } catch (error) {
      if (error instanceof ClientAuthError) throw new TokenError('invalid_client', error.message);
      throw error;
    }
    return { client, asserted: true };
  }
  const client = clientId ? ctx.clients.get(clientId) : undefined;
  if (!client) throw new TokenError('invalid_client', 'Unknown client_id');
  if (client.type !== 'public') throw new TokenError('invalid_client', 'This client must authenticate with a client_assertion');
  return { client, asserted: false };
}

function pkceMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** Builds the token response of a user grant: access token, context, id_token and refresh token as the scopes ask. */
async function userTokenResponse(ctx: SmartContext, grant: GrantContext): Promise<Record<string, unknown>> {
  const keys = await ctx.keys();
  const user = ctx.users.get(grant.userId);
  const claims: Parameters<typeof signAccessToken>[1] = {
    iss: ctx.issuer,
    aud: ctx.fhirBaseUrl,
    sub: grant.userId,
    client_id: grant.clientId,
    scope: grant.scopes.join(' '),
    gid: grant.gid,
  };
  if (grant.patient) claims.patient = grant.patient;
  if (grant.encounter) claims.encounter = grant.encounter;
  const fhirUser = user?.fhirUser ?? grant.fhirUser;
  if (fhirUser) claims.fhirUser = fhirUser;
  if (grant.emergency) {
    claims.purpose_of_use = grant.emergency.code;
    claims.purpose_reason = grant.emergency.reason;
  }
  // An emergency access lasts its own short lifetime, and its scopes hold no refresh (consent.ts).
  const lifetime = grant.emergency ? ctx.lifetimes.emergency : ctx.lifetimes.access;
  const { token } = await signAccessToken(keys, claims, lifetime, ctx.now());
  const body: Record<string, unknown> = {
    access_token: token,
    token_type: 'Bearer',
    expires_in: lifetime,
    scope: grant.scopes.join(' '),
  };
  if (grant.patient) {
    body['patient'] = grant.patient;
    body['need_patient_banner'] = grant.needPatientBanner;
  }
  if (grant.encounter) body['encounter'] = grant.encounter;
  if (fhirUser) body['fhirUser'] = fhirUser;
  if (grant.intent) body['intent'] = grant.intent;
  if (ctx.smartStyleUrl) body['smart_style_url'] = ctx.smartStyleUrl;
  if (user && grant.scopes.includes('openid') && (grant.scopes.includes('fhirUser') || grant.scopes.includes('profile'))) {
    const idClaims: Parameters<typeof signIdToken>[1] = {
      iss: ctx.issuer,
      sub: user.id,
      aud: grant.clientId,
      fhirUser: `${ctx.fhirBaseUrl}/${user.fhirUser}`,
      name: user.name,
    };
    if (grant.nonce) idClaims.nonce = grant.nonce;
    body['id_token'] = await signIdToken(keys, idClaims, ctx.lifetimes.access, ctx.now());
  }
  if (grant.scopes.includes('offline_access') || grant.scopes.includes('online_access')) {
    const refresh = randomId();
    ctx.refreshTokens.set(refresh, { ...grant, expiresAt: ctx.now() + ctx.lifetimes.refresh * 1000 });
    body['refresh_token'] = refresh;
  }
  return body;
}

async function authorizationCodeGrant(ctx: SmartContext, form: URLSearchParams, client: RegisteredClient): Promise<Record<string, unknown>> {
  const code = form.get('code') ?? '';
  const record = ctx.codes.get(code);
  if (!record) throw new TokenError('invalid_grant', 'Unknown or expired authorization code');
  if (record.used) {
    // A code presented twice may have been stolen: revoke everything issued from it (RFC 6749 §4.1.2).
    revokeGrant(ctx, record.gid);
    throw new TokenError('invalid_grant', 'Authorization code already used; the tokens issued from it are revoked');
  }
  record.used = true; // before any await: a concurrent replay sees it
  if (record.expiresAt < ctx.now()) throw new TokenError('invalid_grant', 'Authorization code expired');
  if (record.clientId !== client.clientId) throw new TokenError('invalid_grant', 'Authorization code issued to another client');
  if (form.get('redirect_uri') !== record.redirectUri) throw new TokenError('invalid_grant', 'redirect_uri differs from the authorization request');
  const verifier = form.get('code_verifier');
  if (!verifier) throw new TokenError('invalid_request', 'code_verifier is required (PKCE)');
  if (!VERIFIER.test(verifier) || !pkceMatches(verifier, record.codeChallenge)) {
    throw new TokenError('invalid_grant', 'code_verifier does not match the code_challenge');
  }
  return userTokenResponse(ctx, record);
}

async function refreshTokenGrant(ctx: SmartContext, form: URLSearchParams, client: RegisteredClient): Promise<Record<string, unknown>> {
  const token = form.get('refresh_token') ?? '';
  const record = ctx.refreshTokens.get(token);
  if (!record) {
    const rotated = ctx.rotatedRefreshTokens.get(token);
    if (rotated) revokeGrant(ctx, rotated.gid); // reuse of a rotated refresh token: revoke the grant
    throw new TokenError('invalid_grant', 'Unknown, used or revoked refresh token');
  }
  if (record.clientId !== client.clientId) throw new TokenError('invalid_grant', 'Refresh token issued to another client');
  ctx.refreshTokens.delete(token);
  ctx.rotatedRefreshTokens.set(token, { gid: record.gid, expiresAt: record.expiresAt });
  if (record.expiresAt < ctx.now() || ctx.revokedGrants.has(record.gid)) throw new TokenError('invalid_grant', 'Refresh token expired or revoked');
  let scopes = record.scopes;
  const requested = form.get('scope');
  if (requested) {
    const asked = splitScopes(requested);
    if (!asked.every((s) => record.scopes.includes(s))) throw new TokenError('invalid_scope', 'A refresh may only narrow the granted scopes');
    scopes = asked;
  }
  return userTokenResponse(ctx, { ...record, scopes });
}

async function clientCredentialsGrant(
  ctx: SmartContext,
  form: URLSearchParams,
  client: RegisteredClient,
  asserted: boolean,
): Promise<Record<string, unknown>> {
  if (!asserted) throw new TokenError('unauthorized_client', 'client_credentials needs an asymmetric client (SMART Backend Services)');
  const scopes = grantScopes(form.get('scope') ?? '', client.scopes).filter((s) => parseResourceScope(s)?.context === 'system');
  if (scopes.length === 0) throw new TokenError('invalid_scope', 'No requested system scope can be granted to this client');
  const { token } = await signAccessToken(
    await ctx.keys(),
    { iss: ctx.issuer, aud: ctx.fhirBaseUrl, sub: client.clientId, client_id: client.clientId, scope: scopes.join(' '), gid: randomId(16) },
    ctx.lifetimes.backend,
    ctx.now(),
  );
  return { access_token: token, token_type: 'Bearer', expires_in: ctx.lifetimes.backend, scope: scopes.join(' ') };
}

/** POST /auth/token. */
export async function handleToken(ctx: SmartContext, req: FastifyRequest, res: FastifyReply): Promise<void> {
  try {
    if (req.method !== 'POST') throw new TokenError('invalid_request', 'The token endpoint accepts POST only');
    const form = formOf(req);
    if (!form) throw new TokenError('invalid_request', 'Body must be application/x-www-form-urlencoded');
    const grantType = form.get('grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token' && grantType !== 'client_credentials' && grantType !== TOKEN_EXCHANGE_GRANT) {
      throw new TokenError(grantType ? 'unsupported_grant_type' : 'invalid_request', `Unsupported grant_type ${grantType ?? '(missing)'}`);
    }
    const { client, asserted } = await authenticateClient(ctx, form);
    let body: Record<string, unknown>;
    if (grantType === 'authorization_code') body = await authorizationCodeGrant(ctx, form, client);
    else if (grantType === 'refresh_token') body = await refreshTokenGrant(ctx, form, client);
    else if (grantType === TOKEN_EXCHANGE_GRANT) body = await tokenExchangeGrant(ctx, form, client, userTokenResponse);
    else body = await clientCredentialsGrant(ctx, form, client, asserted);
    sendJson(res, 200, body, NO_STORE);
  } catch (error) {
    if (error instanceof TokenError) {
      sendTokenError(res, error);
      return;
    }
    throw error;
  }
}
