// The one SMART Backend Services token client of the Parcours services (the exchange, the care-break watch):
// client_credentials with a signed JWT assertion (private_key_jwt, ES384 or RS384), the token cached until shortly
// before it expires and fetched once for concurrent callers. Each service keeps its own error type (the exchange
// sorts failures into transient and permanent, the watch does not): failures go through `fail`.
// https://hl7.org/fhir/smart-app-launch/backend-services.html
import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import type { JWK } from 'jose';

export interface BackendTokenOptions {
  tokenEndpoint: string;
  clientId: string;
  /** Private key of the client (its public half is registered with the authorization server). */
  privateJwk: JWK;
  scope: string;
  timeoutMs?: number;
  /**
   * Builds the error to throw: `unreachable` when the token endpoint did not answer (network, timeout), `refused`
   * when it answered without a token (with its status). The message is bilingual, French first.
   */
  fail(kind: 'unreachable' | 'refused', message: string, status?: number): Error;
}

/** Seconds before expiry at which a cached token is renewed (the token endpoint's clock may run ahead of ours). */
const MARGIN_S = 30;
/** Lifetime of the client assertion: SMART Backend Services asks for at most five minutes. */
const ASSERTION_S = 240;

export class BackendTokenSource {
  private readonly options: BackendTokenOptions;
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(options: BackendTokenOptions) {
    this.options = options;
  }

  private async assertion(): Promise<string> {
    const { privateJwk: jwk, clientId, tokenEndpoint } = this.options;
    const alg = jwk.alg ?? (jwk.kty === 'RSA' ? 'RS384' : 'ES384');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg, typ: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenEndpoint)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_S)
      .setJti(randomUUID())
      .sign(await importJWK(jwk, alg));
  }

  private async fetchToken(): Promise<string> {
    const { tokenEndpoint, scope, timeoutMs, fail } = this.options;
    let res: Response;
    try {
      res = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: await this.assertion(),
        }),
        signal: AbortSignal.timeout(timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw fail('unreachable', `Serveur d'autorisation injoignable / authorization server unreachable: ${(error as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!res.ok || !body.access_token) {
      throw fail('refused', `Jeton refusé / token refused (${res.status} ${body.error ?? ''}: ${body.error_description ?? ''})`, res.status);
    }
    this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(10, (body.expires_in ?? 300) - MARGIN_S) * 1000 };
    return body.access_token;
  }

  /** A valid access token: the cached one, or one fetched now (a single request for concurrent callers). */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached token (after a 401: the server no longer accepts it). */
  invalidate(): void {
    this.token = undefined;
  }
}
