// createSmartServer: the SMART App Launch 2.x authorization server simulator, on node:http request/response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAuthorize, handleConsent } from './authorize.ts';
import { JtiCache } from './client-auth.ts';
import { bareId, pruneExpired } from './context.ts';
import type { SmartContext } from './context.ts';
import { createGuard } from './guard.ts';
import type { FhirGuard } from './guard.ts';
import { BodyTooLargeError, sendJson } from './http.ts';
import { loadSigningKeys } from './keys.ts';
import type { SigningKeys } from './keys.ts';
import { NON_RESOURCE_SCOPES, parseResourceScope, splitScopes } from './scopes.ts';
import { handleToken } from './token-endpoint.ts';
import { TokenVerificationError, verifyAccessToken } from './tokens.ts';
import type { AccessTokenClaims } from './tokens.ts';
import type { LaunchContext, RegisteredClient, SmartServerOptions } from './types.ts';

export interface SmartServer {
  /** Serves the SMART endpoints; resolves to false when the request is not one of them. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Enforces access tokens on the FHIR API (the FhirGuard of @parcours/fhir-server). */
  guard: FhirGuard;
  /** Records an EHR launch context and returns the opaque `launch` value to hand to the app. */
  createLaunch(context: LaunchContext): string;
  /** The /.well-known/smart-configuration document. */
  smartConfiguration(): Record<string, unknown>;
  /** The CapabilityStatement.rest.security block advertising SMART. */
  capabilitySecurity(): Record<string, unknown>;
  /** Verifies an access token issued by this server (signature, issuer, audience, expiry, revocation). */
  verifyToken(token: string): Promise<AccessTokenClaims>;
  /** Public keys (also at /auth/jwks). */
  jwks(): Promise<Record<string, unknown>>;
  /** Resolves once the signing key is loaded or generated (rejects when the key file is invalid). */
  ready(): Promise<void>;
}

const SCOPES_SUPPORTED = [
  ...NON_RESOURCE_SCOPES,
  'patient/*.cruds',
  'patient/*.rs',
  'user/*.cruds',
  'user/*.rs',
  'system/*.cruds',
  'system/*.rs',
  'patient/*.read',
  'patient/*.write',
  'patient/*.*',
  'user/*.read',
  'user/*.write',
  'user/*.*',
  'system/*.read',
  'system/*.write',
  'system/*.*',
];

const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'client-confidential-asymmetric',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'context-banner',
  'context-style',
  'permission-v2',
  'permission-v1',
  'permission-patient',
  'permission-user',
  'permission-offline',
  'permission-online',
  'sso-openid-connect',
  'authorize-post',
];

/**
 * Clients are registered with the scopes they may ever receive: system scopes only for backend clients that
 * authenticate with keys, and no public client without a redirect URI.
 */
function checkRegistrations(clients: readonly RegisteredClient[]): void {
  for (const client of clients) {
    const system = splitScopes(client.scopes).filter((s) => parseResourceScope(s)?.context === 'system');
    if (client.type === 'public' && system.length > 0) {
      throw new Error(`SMART_CLIENT_SCOPES: the public client "${client.clientId}" is registered with system scopes (${system.join(' ')}); only backend clients with keys may have them`);
    }
    if (client.type === 'confidential-asymmetric' && !client.jwks && !client.jwksUrl) {
      throw new Error(`SMART_CLIENT_KEYS: the backend client "${client.clientId}" has neither jwks nor jwksUrl`);
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Creates the SMART App Launch 2.x authorization server simulator
 * (https://hl7.org/fhir/smart-app-launch/app-launch.html, backend-services.html).
 * The signing key loads in the background; `ready()` waits for it and every endpoint awaits it.
 */
export function createSmartServer(options: SmartServerOptions): SmartServer {
  checkRegistrations(options.clients);
  const fhirBaseUrl = trimSlash(options.fhirBaseUrl);
  const fhirPath = new URL(fhirBaseUrl).pathname.replace(/\/+$/, '');
  const authBaseUrl = trimSlash(options.authBaseUrl ?? `${new URL(fhirBaseUrl).origin}/auth`);
  const authPath = new URL(authBaseUrl).pathname.replace(/\/+$/, '');
  const keysPromise: Promise<SigningKeys> = loadSigningKeys(options);
  keysPromise.catch(() => undefined); // surfaced by ready() and by each use, never as an unhandled rejection
  const ctx: SmartContext = {
    fhirBaseUrl,
    issuer: fhirBaseUrl,
    authorizeUrl: `${authBaseUrl}/authorize`,
    tokenUrl: `${authBaseUrl}/token`,
    jwksUrl: `${authBaseUrl}/jwks`,
    clients: new Map(options.clients.map((c) => [c.clientId, c])),
    users: new Map(options.users.map((u) => [u.id, u])),
    listPatients: options.listPatients ?? (() => Promise.resolve([])),
    keys: () => keysPromise,
    now: options.now ?? Date.now,
    lifetimes: {
      access: options.accessTokenLifetime ?? 3600,
      backend: options.backendTokenLifetime ?? 300,
      refresh: options.refreshTokenLifetime ?? 30 * 24 * 3600,
      code: options.codeLifetime ?? 60,
      launch: options.launchLifetime ?? 300,
    },
    launches: new Map(),
    pending: new Map(),
    codes: new Map(),
    refreshTokens: new Map(),
    rotatedRefreshTokens: new Map(),
    revokedGrants: new Set(),
    jtis: new JtiCache(),
  };
  if (options.smartStyleUrl) ctx.smartStyleUrl = options.smartStyleUrl;

  // Verified tokens, so each FHIR request does not re-check the signature (expiry is still checked every time).
  const verified = new Map<string, AccessTokenClaims>();
  const verifyToken = async (token: string): Promise<AccessTokenClaims> => {
    const cached = verified.get(token);
    if (cached && cached.exp * 1000 > ctx.now()) return cached;
    const keys = await keysPromise;
    const claims = await verifyAccessToken(token, {
      jwks: keys.jwks,
      issuer: ctx.issuer,
      audience: fhirBaseUrl,
      currentDate: new Date(ctx.now()),
      algorithms: [keys.alg],
    });
    if (verified.size >= 1000) verified.clear();
    verified.set(token, claims);
    return claims;
  };

  const smartConfiguration = (): Record<string, unknown> => ({
    issuer: ctx.issuer,
    jwks_uri: ctx.jwksUrl,
    authorization_endpoint: ctx.authorizeUrl,
    token_endpoint: ctx.tokenUrl,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: SCOPES_SUPPORTED,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  });

  const openidConfiguration = async (): Promise<Record<string, unknown>> => ({
    issuer: ctx.issuer,
    jwks_uri: ctx.jwksUrl,
    authorization_endpoint: ctx.authorizeUrl,
    token_endpoint: ctx.tokenUrl,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [(await keysPromise).alg],
    scopes_supported: ['openid', 'fhirUser', 'profile'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'fhirUser', 'name', 'nonce'],
    code_challenge_methods_supported: ['S256'],
  });

  const capabilitySecurity = (): Record<string, unknown> => ({
    cors: true,
    service: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }],
        text: 'OAuth2 avec SMART App Launch 2.x / OAuth2 using SMART App Launch 2.x',
      },
    ],
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: [
          { url: 'authorize', valueUri: ctx.authorizeUrl },
          { url: 'token', valueUri: ctx.tokenUrl },
        ],
      },
    ],
    description: 'Jeton Bearer SMART requis / SMART bearer token required',
  });

  const createLaunch = (context: LaunchContext): string => {
    const known = ctx.users.has(context.user) || [...ctx.users.values()].some((u) => u.fhirUser === context.user);
    if (!known) throw new Error(`SMART_UNKNOWN_USER: launch context user "${context.user}" is not a registered synthetic user`);
    const id = `L${crypto.randomUUID().replace(/-/g, '')}`;
    const stored: LaunchContext = { ...context };
    const patient = bareId(context.patient, 'Patient');
    if (patient) stored.patient = patient;
    ctx.launches.set(id, { context: stored, expiresAt: ctx.now() + ctx.lifetimes.launch * 1000 });
    return id;
  };

  const cors = { 'Access-Control-Allow-Origin': '*' };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const isAuth = path === `${authPath}/authorize` || path === `${authPath}/authorize/consent` || path === `${authPath}/token` || path === `${authPath}/jwks`;
    const isWellKnown = path === `${fhirPath}/.well-known/smart-configuration` || path === `${fhirPath}/.well-known/openid-configuration`;
    if (!isAuth && !isWellKnown) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', 'Access-Control-Max-Age': '600' });
      res.end();
      return true;
    }
    try {
      pruneExpired(ctx);
      if (path === `${fhirPath}/.well-known/smart-configuration`) {
        sendJson(res, 200, smartConfiguration(), cors);
      } else if (path === `${fhirPath}/.well-known/openid-configuration`) {
        sendJson(res, 200, await openidConfiguration(), cors);
      } else if (path === `${authPath}/jwks`) {
        sendJson(res, 200, (await keysPromise).jwks, cors);
      } else if (path === `${authPath}/token`) {
        for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
        await handleToken(ctx, req, res);
      } else if (path === `${authPath}/authorize/consent` && req.method === 'POST') {
        await handleConsent(ctx, req, res);
      } else if (path === `${authPath}/authorize` && (req.method === 'GET' || req.method === 'POST')) {
        await handleAuthorize(ctx, req, res, url);
      } else {
        sendJson(res, 405, { error: 'invalid_request', error_description: 'Method not allowed' });
      }
    } catch (error) {
      if (res.headersSent) throw error;
      if (error instanceof BodyTooLargeError) sendJson(res, 413, { error: 'invalid_request', error_description: error.message });
      else {
        console.error('[smart] internal error on', path, error instanceof Error ? error.message : error);
        sendJson(res, 500, { error: 'server_error', error_description: 'Internal error' }, { 'Cache-Control': 'no-store' });
      }
    }
    return true;
  };

  return {
    handle,
    guard: createGuard({
      verify: verifyToken,
      isRevoked: (claims) => ctx.revokedGrants.has(claims.gid),
      fhirBaseUrl,
      patientScopesReadShared: options.patientScopesReadShared ?? true,
      ...(options.deniedLabels ? { deniedLabels: options.deniedLabels } : {}),
    }),
    createLaunch,
    smartConfiguration,
    capabilitySecurity,
    verifyToken: async (token) => {
      const claims = await verifyToken(token);
      if (ctx.revokedGrants.has(claims.gid)) throw new TokenVerificationError('invalid', 'Access token revoked');
      return claims;
    },
    jwks: async () => ({ ...(await keysPromise).jwks }),
    ready: async () => {
      await keysPromise;
    },
  };
}
