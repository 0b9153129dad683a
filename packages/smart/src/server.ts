// createSmartServer: the SMART App Launch 2.x authorization server simulator, served by @parcours/http (Fastify).
import { listenFirst } from '@parcours/http';
import type { FastifyInstance, ListenOptions, Listening } from '@parcours/http';
import { JtiCache } from './client-auth.ts';
import { bareId } from './context.ts';
import type { SmartContext } from './context.ts';
import { capabilitySecurity, smartConfiguration } from './discovery.ts';
import { createGuard } from './guard.ts';
import type { FhirGuard } from './guard.ts';
import { loadSigningKeys } from './keys.ts';
import type { SigningKeys } from './keys.ts';
import { smartRoutes } from './routes.ts';
import { parseResourceScope, splitScopes } from './scopes.ts';
import { TokenVerificationError, verifyAccessToken } from './tokens.ts';
import type { AccessTokenClaims } from './tokens.ts';
import type { LaunchContext, RegisteredClient, SmartServerOptions } from './types.ts';

export interface SmartServer {
  /** Fastify plugin serving the SMART endpoints: `app.register(smart.routes)`. */
  routes(app: FastifyInstance): Promise<void>;
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

function createContext(options: SmartServerOptions, fhirBaseUrl: string, authBaseUrl: string, keys: Promise<SigningKeys>): SmartContext {
  const ctx: SmartContext = {
    fhirBaseUrl,
    issuer: fhirBaseUrl,
    authorizeUrl: `${authBaseUrl}/authorize`,
    tokenUrl: `${authBaseUrl}/token`,
    jwksUrl: `${authBaseUrl}/jwks`,
    clients: new Map(options.clients.map((c) => [c.clientId, c])),
    users: new Map(options.users.map((u) => [u.id, u])),
    listPatients: options.listPatients ?? (() => Promise.resolve([])),
    emergencyAccess: options.emergencyAccess !== undefined,
    keys: () => keys,
    now: options.now ?? Date.now,
    lifetimes: {
      access: options.accessTokenLifetime ?? 3600,
      backend: options.backendTokenLifetime ?? 300,
      refresh: options.refreshTokenLifetime ?? 30 * 24 * 3600,
      code: options.codeLifetime ?? 60,
      launch: options.launchLifetime ?? 300,
      emergency: options.emergencyAccess?.lifetime ?? 900,
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
  if (options.tokenExchange) ctx.tokenExchange = options.tokenExchange;
  return ctx;
}

/** Verified tokens are cached, so each FHIR request does not re-check the signature (expiry is checked every time). */
function tokenVerifier(ctx: SmartContext): (token: string) => Promise<AccessTokenClaims> {
  const verified = new Map<string, AccessTokenClaims>();
  return async (token) => {
    const cached = verified.get(token);
    if (cached && cached.exp * 1000 > ctx.now()) return cached;
    const keys = await ctx.keys();
    const claims = await verifyAccessToken(token, {
      jwks: keys.jwks,
      issuer: ctx.issuer,
      audience: ctx.fhirBaseUrl,
      currentDate: new Date(ctx.now()),
      algorithms: [keys.alg],
    });
    if (verified.size >= 1000) verified.clear();
    verified.set(token, claims);
    return claims;
  };
}

function launchRecorder(ctx: SmartContext): (context: LaunchContext) => string {
  return (context) => {
    const known = ctx.users.has(context.user) || [...ctx.users.values()].some((u) => u.fhirUser === context.user);
    if (!known) throw new Error(`SMART_UNKNOWN_USER: launch context user "${context.user}" is not a registered synthetic user`);
    const id = `L${crypto.randomUUID().replace(/-/g, '')}`;
    const stored: LaunchContext = { ...context };
    const patient = bareId(context.patient, 'Patient');
    if (patient) stored.patient = patient;
    ctx.launches.set(id, { context: stored, expiresAt: ctx.now() + ctx.lifetimes.launch * 1000 });
    return id;
  };
}

/**
 * Creates the SMART App Launch 2.x authorization server simulator
 * (https://hl7.org/fhir/smart-app-launch/app-launch.html, backend-services.html).
 * The signing key loads in the background; `ready()` waits for it and every endpoint awaits it.
 */
export function createSmartServer(options: SmartServerOptions): SmartServer {
  checkRegistrations(options.clients);
  const fhirBaseUrl = trimSlash(options.fhirBaseUrl);
  const authBaseUrl = trimSlash(options.authBaseUrl ?? `${new URL(fhirBaseUrl).origin}/auth`);
  const keysPromise: Promise<SigningKeys> = loadSigningKeys(options);
  keysPromise.catch(() => undefined); // surfaced by ready() and by each use, never as an unhandled rejection
  const ctx = createContext(options, fhirBaseUrl, authBaseUrl, keysPromise);
  const verifyToken = tokenVerifier(ctx);
  const paths = { fhirPath: new URL(fhirBaseUrl).pathname.replace(/\/+$/, ''), authPath: new URL(authBaseUrl).pathname.replace(/\/+$/, '') };
  return {
    routes: smartRoutes(ctx, paths),
    guard: createGuard({
      verify: verifyToken,
      isRevoked: (claims) => ctx.revokedGrants.has(claims.gid),
      fhirBaseUrl,
      patientScopesReadShared: options.patientScopesReadShared ?? true,
      ...(options.deniedLabels ? { deniedLabels: options.deniedLabels } : {}),
      ...(options.emergencyAccess?.deniedLabels ? { emergencyDeniedLabels: options.emergencyAccess.deniedLabels } : {}),
    }),
    createLaunch: launchRecorder(ctx),
    smartConfiguration: () => smartConfiguration(ctx),
    capabilitySecurity: () => capabilitySecurity(ctx),
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

/** Starts the SMART server on its own origin (port 0 picks a free one); `options` receives that origin. */
export async function startSmartServer(
  options: (origin: string) => SmartServerOptions,
  listen: ListenOptions = {},
): Promise<Listening & { smart: SmartServer }> {
  let smart: SmartServer | undefined;
  const listening = await listenFirst({ name: 'smart', ...listen }, async (app, origin) => {
    smart = createSmartServer(options(origin));
    await app.register(smart.routes);
    await smart.ready();
  });
  return { ...listening, smart: smart as SmartServer };
}
