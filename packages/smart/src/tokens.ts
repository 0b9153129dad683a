// Access tokens (JWT, RFC 9068 `at+jwt`) and OpenID Connect id_tokens, signed and verified with jose.
import { randomBytes } from 'node:crypto';
import { SignJWT, createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import type { SigningKeys } from './keys.ts';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Claims of a Parcours access token. */
export interface AccessTokenClaims {
  iss: string;
  /** The FHIR base URL. */
  aud: string;
  /** User id, or client id for SMART Backend Services. */
  sub: string;
  client_id: string;
  scope: string;
  /** Patient id in context. */
  patient?: string;
  encounter?: string;
  /** Relative reference of the user, e.g. `Practitioner/123`. */
  fhirUser?: string;
  /**
   * Purpose of use of an emergency access (« bris de glace »): HL7 v3-ActReason `BTG`, as IHE IUA's purpose_of_use
   * claim carries it, with the reason the user gave (`purpose_reason`).
   */
  purpose_of_use?: 'BTG';
  purpose_reason?: string;
  /** Authorization grant the token belongs to (revoked as a whole on code replay). */
  gid: string;
  jti: string;
  iat: number;
  exp: number;
}

/** Random URL-safe identifier (codes, refresh tokens, jti). */
export function randomId(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export async function signAccessToken(
  keys: SigningKeys,
  claims: Omit<AccessTokenClaims, 'jti' | 'iat' | 'exp'>,
  lifetimeSeconds: number,
  nowMs: number,
): Promise<{ token: string; claims: AccessTokenClaims }> {
  const iat = Math.floor(nowMs / 1000);
  const full: AccessTokenClaims = { ...claims, jti: randomId(16), iat, exp: iat + lifetimeSeconds };
  const token = await new SignJWT({ ...full })
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: ACCESS_TOKEN_TYPE })
    .sign(keys.privateKey);
  return { token, claims: full };
}

export async function signIdToken(
  keys: SigningKeys,
  claims: { iss: string; sub: string; aud: string; fhirUser: string; name?: string; nonce?: string },
  lifetimeSeconds: number,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const payload: Record<string, unknown> = { ...claims, iat, exp: iat + lifetimeSeconds };
  if (payload['nonce'] === undefined) delete payload['nonce'];
  if (payload['name'] === undefined) delete payload['name'];
  return new SignJWT(payload).setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' }).sign(keys.privateKey);
}

/** Why a token was refused; `expired` lets the FHIR API answer with the expired-token outcome. */
export class TokenVerificationError extends Error {
  readonly reason: 'expired' | 'invalid';
  constructor(reason: 'expired' | 'invalid', message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TokenVerificationError';
    this.reason = reason;
  }
}

export interface VerifyAccessTokenOptions {
  /** The server's public keys: a JWKS, its URL, or a jose key resolver. */
  jwks: JSONWebKeySet | URL | JWTVerifyGetKey;
  issuer: string;
  /** The FHIR base URL the token must be for. */
  audience: string;
  /** Clock for tests. */
  currentDate?: Date;
  /** Accepted signature algorithms (default RS256, ES256). */
  algorithms?: string[];
}

/**
 * Verifies a Parcours access token (signature, `typ: at+jwt`, issuer, audience, expiry) and returns its claims.
 * Usable by any service of the origin (e.g. the discharge exchange) with the JWKS of /auth/jwks.
 * Throws TokenVerificationError.
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<AccessTokenClaims> {
  const keySource = options.jwks;
  const getKey: JWTVerifyGetKey =
    keySource instanceof URL
      ? createRemoteJWKSet(keySource)
      : typeof keySource === 'function'
        ? keySource
        : createLocalJWKSet(keySource);
  try {
    const verifyOptions: Parameters<typeof jwtVerify>[2] = {
      issuer: options.issuer,
      audience: options.audience,
      typ: ACCESS_TOKEN_TYPE,
      algorithms: options.algorithms ?? ['RS256', 'ES256'],
      requiredClaims: ['exp', 'iat', 'sub', 'scope', 'client_id', 'gid', 'jti'],
    };
    if (options.currentDate) verifyOptions.currentDate = options.currentDate;
    const { payload } = await jwtVerify(token, getKey, verifyOptions);
    if (typeof payload['scope'] !== 'string' || typeof payload['client_id'] !== 'string' || typeof payload['gid'] !== 'string') {
      throw new TokenVerificationError('invalid', 'Malformed access token claims');
    }
    return payload as unknown as AccessTokenClaims;
  } catch (error) {
    if (error instanceof TokenVerificationError) throw error;
    if (error instanceof errors.JWTExpired) throw new TokenVerificationError('expired', 'Access token expired', { cause: error });
    throw new TokenVerificationError('invalid', 'Invalid access token', { cause: error });
  }
}
