// The watch as a SMART Backend Services client: client_credentials with a signed JWT assertion (private_key_jwt,
// ES384 or RS384; the token client of @parcours/http/backend-token), then plain FHIR R4 REST. Searches follow the
// Bundle's `next` links.
// https://hl7.org/fhir/smart-app-launch/backend-services.html
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { BackendTokenSource } from '@parcours/http/backend-token';
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
  private readonly tokens: BackendTokenSource;
  /** Requests sent (for the benchmark's figures). */
  requests = 0;

  constructor(options: WatchClientOptions) {
    this.options = options;
    this.base = options.fhirBaseUrl.replace(/\/+$/, '');
    this.tokens = new BackendTokenSource({
      tokenEndpoint: options.tokenEndpoint,
      clientId: options.clientId,
      privateJwk: options.privateJwk,
      scope: options.scope ?? WATCH_SCOPES,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      fail: (_kind, message, status) => new WatchRequestError(message, status),
    });
  }

  async accessToken(): Promise<string> {
    return this.tokens.accessToken();
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
      this.tokens.invalidate();
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
