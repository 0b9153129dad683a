// Asymmetric client authentication (private_key_jwt, RFC 7523) as SMART Backend Services profiles it:
// https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type { RegisteredClient } from './types.ts';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
/** Longest accepted assertion lifetime: exp no more than five minutes in the future. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

export class ClientAuthError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClientAuthError';
  }
}

/** Remembers assertion `jti`s until they expire, so an assertion is accepted once. */
export class JtiCache {
  private readonly seen = new Map<string, number>();
  /** False when already seen (a replay); records it otherwise. */
  remember(key: string, expiresAtSeconds: number, nowSeconds: number): boolean {
    if (this.seen.size > 10_000) {
      for (const [k, exp] of this.seen) if (exp < nowSeconds) this.seen.delete(k);
    }
    const known = this.seen.get(key);
    if (known !== undefined && known >= nowSeconds) return false;
    this.seen.set(key, expiresAtSeconds);
    return true;
  }
}

const remoteSets = new Map<string, JWTVerifyGetKey>();

function clientKeys(client: RegisteredClient): JWTVerifyGetKey {
  if (client.jwks) return createLocalJWKSet(client.jwks);
  if (client.jwksUrl) {
    let set = remoteSets.get(client.jwksUrl);
    if (!set) {
      set = createRemoteJWKSet(new URL(client.jwksUrl));
      remoteSets.set(client.jwksUrl, set);
    }
    return set;
  }
  throw new ClientAuthError(`Client ${client.clientId} has no registered JWKS`);
}

/** The client id a client assertion claims to come from (unverified; used to find the client's keys). */
export function assertionIssuer(assertion: string): string | undefined {
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a client assertion: algorithm RS384/ES384 (never `none`), signature against the client's JWKS,
 * iss = sub = client_id, aud = token endpoint, exp present and at most five minutes ahead, jti never seen before.
 * Throws ClientAuthError.
 */
export async function verifyClientAssertion(
  assertion: string,
  client: RegisteredClient,
  options: { tokenEndpoint: string; nowMs: number; jtis: JtiCache },
): Promise<void> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(assertion).alg;
  } catch (error) {
    throw new ClientAuthError('Malformed client assertion', { cause: error });
  }
  if (!alg || !ASSERTION_ALGORITHMS.includes(alg)) {
    throw new ClientAuthError(`Client assertion algorithm ${String(alg)} not accepted (RS384, ES384)`);
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, clientKeys(client), {
      algorithms: ASSERTION_ALGORITHMS,
      issuer: client.clientId,
      subject: client.clientId,
      audience: options.tokenEndpoint,
      currentDate: new Date(options.nowMs),
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    throw new ClientAuthError(`Client assertion rejected: ${error instanceof Error ? error.message : 'invalid'}`, { cause: error });
  }
  const now = Math.floor(options.nowMs / 1000);
  const exp = payload.exp as number;
  if (exp > now + MAX_ASSERTION_LIFETIME_SECONDS) {
    throw new ClientAuthError('Client assertion exp is more than five minutes in the future');
  }
  if (!options.jtis.remember(`${client.clientId} ${String(payload.jti)}`, exp, now)) {
    throw new ClientAuthError('Client assertion jti already used');
  }
}
