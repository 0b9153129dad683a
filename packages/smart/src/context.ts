// In-memory state of the authorization server, shared by the endpoints.
import type { EmergencyPurpose } from '@parcours/outcomes';
import type { JtiCache } from './client-auth.ts';
import type { SigningKeys } from './keys.ts';
import type { LaunchContext, PatientSummary, RegisteredClient, SyntheticUser, TokenExchangeOptions } from './types.ts';

/** What the app will get once a user approves (the consent page's pending state). */
export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  codeChallenge: string;
  nonce?: string;
  /** Show the patient picker. */
  needsPatient: boolean;
  /** The user who signed in, once they have (the patient picker is then shown to them). */
  userId?: string;
  expiresAt: number;
}

/** Who and what a grant is about; carried from the code to the tokens and refresh tokens. */
export interface GrantContext {
  clientId: string;
  scopes: string[];
  userId: string;
  patient?: string;
  encounter?: string;
  needPatientBanner: boolean;
  intent?: string;
  nonce?: string;
  /** The user's FHIR reference when the user is not a registered synthetic user (token exchange). */
  fhirUser?: string;
  /** An emergency access (« bris de glace »): purpose of use BTG and the user's reason, carried into the token. */
  emergency?: EmergencyPurpose;
  /** Grant id, shared by every token issued from one authorization. */
  gid: string;
}

export interface CodeRecord extends GrantContext {
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

export interface RefreshRecord extends GrantContext {
  expiresAt: number;
}

export interface SmartContext {
  fhirBaseUrl: string;
  /** Issuer of tokens (the FHIR base, so `{iss}/.well-known/openid-configuration` is served beside smart-configuration). */
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  clients: Map<string, RegisteredClient>;
  users: Map<string, SyntheticUser>;
  /** The people the standalone picker offers a signed-in user (the people of their care teams). */
  listPatients: (user: SyntheticUser) => Promise<PatientSummary[]>;
  /** Emergency access offered on the picker (absent: not offered); its tokens live `lifetimes.emergency` seconds. */
  emergencyAccess: boolean;
  keys: () => Promise<SigningKeys>;
  now: () => number;
  lifetimes: { access: number; backend: number; refresh: number; code: number; launch: number; emergency: number };
  smartStyleUrl?: string;
  launches: Map<string, { context: LaunchContext; expiresAt: number }>;
  pending: Map<string, PendingAuthorization>;
  codes: Map<string, CodeRecord>;
  refreshTokens: Map<string, RefreshRecord>;
  /** Refresh tokens already rotated away, to detect their reuse (kept until they would have expired). */
  rotatedRefreshTokens: Map<string, { gid: string; expiresAt: number }>;
  revokedGrants: Set<string>;
  jtis: JtiCache;
  /** Token exchange (RFC 8693) from trusted EHRs; absent: the grant type is not offered. */
  tokenExchange?: TokenExchangeOptions;
}

/** Drops expired entries from the in-memory maps (called on each auth request; bounded by map sizes). */
export function pruneExpired(ctx: SmartContext): void {
  const now = ctx.now();
  for (const map of [ctx.launches, ctx.pending, ctx.codes, ctx.refreshTokens, ctx.rotatedRefreshTokens] as Map<string, { expiresAt: number }>[]) {
    for (const [key, value] of map) if (value.expiresAt < now) map.delete(key);
  }
}

/** Revokes every token of a grant (on authorization code or refresh token replay). */
export function revokeGrant(ctx: SmartContext, gid: string): void {
  ctx.revokedGrants.add(gid);
  for (const [token, record] of ctx.refreshTokens) if (record.gid === gid) ctx.refreshTokens.delete(token);
}

/** Accepts `123` or `Patient/123` and returns `123`. */
export function bareId(value: string | undefined, resourceType: string): string | undefined {
  if (!value) return undefined;
  return value.startsWith(`${resourceType}/`) ? value.slice(resourceType.length + 1) : value;
}
