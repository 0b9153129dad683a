// The watch as a SMART Backend Services client: client_credentials with a signed JWT assertion (private_key_jwt,
// ES384 or RS384), then plain FHIR R4 REST. Searches follow the Bundle's `next` links.
// https://hl7.org/fhir/smart-app-launch/backend-services.html
import { randomUUID } from 'node:crypto';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { SignJWT, importJWK } from 'jose';
import type { JWK } from 'jose';
import { outcomeText } from '@parcours/outcomes';

export interface WatchClientOptions {
  fhirBaseUrl: string;
  tokenEndpoint: string;
  clientId: string;
  privateJwk: JWK;
  /** Scopes asked for (default: WATCH_SCOPES, the least the watch needs). */
  scope?: string;
  timeoutMs?: number;
}

/** The system scopes the watch needs: read what the rules look at, write its Flags, Tasks and Device. */
export const WATCH_SCOPES = [
  'system/CarePlan.rs', 'system/CareTeam.rs', 'system/Encounter.rs', 'system/Appointment.rs',
  'system/Task.crus', 'system/Flag.crus', 'system/Device.cru',
].join(' ');

export class WatchRequestError extends Error {
  readonly status: number | undefined;
  readonly outcome: OperationOutcome | undefined;
  constructor(message: string, status?: number, result?: OperationOutcome) {
    super(message);
    this.name = 'WatchRequestError';
    this.status = status;
    this.outcome = result;
  }
}

export class WatchClient {
  private readonly options: WatchClientOptions;
  readonly base: string;
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;
  /** Requests sent (for the benchmark's figures). */
  requests = 0;

  constructor(options: WatchClientOptions) {
    this.options = options;
    this.base = options.fhirBaseUrl.replace(/\/+$/, '');
  }

  private async assertion(): Promise<string> {
    const jwk = this.options.privateJwk;
    const alg = jwk.alg ?? (jwk.kty === 'RSA' ? 'RS384' : 'ES384');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg, typ: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) })
      .setIssuer(this.options.clientId)
      .setSubject(this.options.clientId)
      .setAudience(this.options.tokenEndpoint)
      .setIssuedAt(now)
      .setExpirationTime(now + 240)
      .setJti(randomUUID())
      .sign(await importJWK(jwk, alg));
  }

  private async fetchToken(): Promise<string> {
    const res = await fetch(this.options.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: this.options.scope ?? WATCH_SCOPES,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await this.assertion(),
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    }).catch((error: unknown) => {
      throw new WatchRequestError(`Serveur d'autorisation injoignable / authorization server unreachable: ${(error as Error).message}`);
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!res.ok || !body.access_token) {
      throw new WatchRequestError(`Jeton refusé / token refused (${res.status} ${body.error ?? ''}: ${body.error_description ?? ''})`, res.status);
    }
    this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(10, (body.expires_in ?? 300) - 30) * 1000 };
    return body.access_token;
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** One FHIR call on a path under the base (or an absolute URL on it); a 401 renews the token once. */
  async request<T = Resource>(method: string, path: string, body?: unknown, retried = false): Promise<T | undefined> {
    const url = /^https?:/.test(path) ? path : `${this.base}/${path.replace(/^\/+/, '')}`;
    if (!url.startsWith(`${this.base}/`) && url !== this.base) throw new WatchRequestError('Lien hors du serveur FHIR / link outside the FHIR server');
    const token = await this.accessToken();
    this.requests++;
    const res = await fetch(url, {
      method,
      headers: {
        Accept: 'application/fhir+json',
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/fhir+json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    }).catch((error: unknown) => {
      throw new WatchRequestError(`Serveur FHIR injoignable / FHIR server unreachable: ${(error as Error).message}`);
    });
    if (res.status === 401 && !retried) {
      this.token = undefined;
      return this.request<T>(method, path, body, true);
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (res.status === 404 && method === 'GET') return undefined;
    if (!res.ok) {
      const result = (parsed as Resource | undefined)?.resourceType === 'OperationOutcome' ? (parsed as OperationOutcome) : undefined;
      throw new WatchRequestError(`${method} ${url.slice(this.base.length).split('?')[0]} → ${res.status}: ${result ? outcomeText(result) : text.slice(0, 200)}`, res.status, result);
    }
    return parsed as T;
  }

  /** Every match of a search (all pages), includes left out. */
  async searchAll<T extends Resource>(resourceType: T['resourceType'], params: Record<string, string | string[]>, maxPages = Infinity): Promise<T[]> {
    const out: T[] = [];
    // No total: it costs the server a count on every page, and paging works without it.
    const query = new URLSearchParams({ _count: '1000', _total: 'none' });
    for (const [key, value] of Object.entries(params)) {
      query.delete(key);
      for (const v of Array.isArray(value) ? value : [value]) query.append(key, v);
    }
    let next: string | undefined = `${resourceType}?${query.toString()}`;
    for (let page = 0; next && page < maxPages; page++) {
      const bundle: Bundle | undefined = await this.request<Bundle>('GET', next);
      for (const entry of bundle?.entry ?? []) {
        if (entry.search?.mode !== 'include' && entry.resource?.resourceType === resourceType) out.push(entry.resource as T);
      }
      next = bundle?.link?.find((l) => l.relation === 'next')?.url;
    }
    return out;
  }

  async transaction(entries: NonNullable<Bundle['entry']>): Promise<Bundle | undefined> {
    return this.request<Bundle>('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: entries });
  }
}
