// The exchange as a SMART Backend Services client of the FHIR server: client_credentials with a signed JWT
// assertion (private_key_jwt, RS384 or ES384), then plain FHIR REST. Errors are sorted into transient (retry:
// network errors, timeouts, 500/502/503/504, 408, 409, 412 version conflict, 425, 429, token endpoint unreachable or
// refusing) and permanent (dead letter: every other status, 501 and 505 included). Transient errors where the server
// cannot be reached at all (network, timeout, 502/503/504) are also `unavailable`: the worker then stops trying
// messages and probes the server cheaply until it answers (see worker.ts).
// https://hl7.org/fhir/smart-app-launch/backend-services.html
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { BackendTokenSource } from '@parcours/http/backend-token';
import type { JWK } from 'jose';
import { outcomeText } from '@parcours/outcomes';

export class ApplyError extends Error {
  readonly transient: boolean;
  readonly status?: number;
  readonly outcome?: OperationOutcome;
  /** Set when the server could not be reached: the URL to probe until it answers. */
  unavailable?: string;
  constructor(message: string, transient: boolean, status?: number, result?: OperationOutcome) {
    super(message);
    this.name = 'ApplyError';
    this.transient = transient;
    if (status !== undefined) this.status = status;
    if (result) this.outcome = result;
  }
}

const UNAVAILABLE_STATUS = new Set([502, 503, 504]);

function unavailable(error: ApplyError, probeUrl: string): ApplyError {
  error.unavailable = probeUrl;
  return error;
}

export interface FhirClientOptions {
  fhirBaseUrl: string;
  tokenEndpoint: string;
  clientId: string;
  privateJwk: JWK;
  /** Scopes asked for (default `system/*.cruds`). */
  scope?: string;
  /** Per-request timeout (ms, default 30 s). */
  timeoutMs?: number;
}

export interface FhirResponse<T = Resource> {
  status: number;
  body: T | undefined;
  etag?: string;
}

const TRANSIENT_STATUS = new Set([408, 409, 412, 425, 429, 500, 502, 503, 504]);

export class FhirClient {
  private readonly options: FhirClientOptions;
  private readonly base: string;
  private readonly tokens: BackendTokenSource;

  constructor(options: FhirClientOptions) {
    this.options = options;
    this.base = options.fhirBaseUrl.replace(/\/+$/, '');
    this.tokens = new BackendTokenSource({
      tokenEndpoint: options.tokenEndpoint,
      clientId: options.clientId,
      privateJwk: options.privateJwk,
      scope: options.scope ?? 'system/*.cruds',
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      // Unreachable: the worker probes the token endpoint until it answers. Refused: a configuration problem an
      // operator must fix; keep retrying (it may be fixed).
      fail: (kind, message, status) =>
        kind === 'unreachable' ? unavailable(new ApplyError(message, true), options.tokenEndpoint) : new ApplyError(message, true, status),
    });
  }

  /** The capability statement: public, cheap, answered by any FHIR server that is up. */
  get metadataUrl(): string {
    return `${this.base}/metadata`;
  }

  /**
   * True when the server at `url` answers at all (any status below 500), within `timeoutMs`. No token: the probe must
   * stay cheap and work while the authorization server is the one down. A new connection each time (no keep-alive):
   * the question is whether the server accepts connections, and a probe every second must not keep an old connection
   * alive forever (a server that is closing waits for its open connections).
   */
  probe(url: string, timeoutMs = 2_000): Promise<boolean> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, { method: 'GET', agent: false, timeout: timeoutMs, headers: { Accept: 'application/fhir+json', Connection: 'close' } }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 500);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      req.end();
    });
  }

  /** A valid access token (cached until shortly before it expires; one request at a time). */
  async accessToken(): Promise<string> {
    return this.tokens.accessToken();
  }

  /** One FHIR REST call; a 401 refreshes the token once. Throws ApplyError on failure. */
  async request<T = Resource>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, retried = false): Promise<FhirResponse<T>> {
    const token = await this.accessToken();
    let res: Response;
    try {
      res = await fetch(`${this.base}/${path.replace(/^\/+/, '')}`, {
        method,
        headers: {
          Accept: 'application/fhir+json',
          Authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'Content-Type': 'application/fhir+json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw unavailable(new ApplyError(`Serveur FHIR injoignable / FHIR server unreachable: ${(error as Error).message}`, true), this.metadataUrl);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.status === 401 && !retried) {
      this.tokens.invalidate();
      return this.request<T>(method, path, body, headers, true);
    }
    if (!res.ok) {
      const result = (parsed as Resource | undefined)?.resourceType === 'OperationOutcome' ? (parsed as OperationOutcome) : undefined;
      const detail = result ? outcomeText(result) : text.slice(0, 300);
      const failure = new ApplyError(`${method} ${path.split('?')[0]} → ${res.status}: ${detail}`, TRANSIENT_STATUS.has(res.status), res.status, result);
      throw UNAVAILABLE_STATUS.has(res.status) ? unavailable(failure, this.metadataUrl) : failure;
    }
    const etag = res.headers.get('etag') ?? undefined;
    return { status: res.status, body: parsed as T | undefined, ...(etag ? { etag } : {}) };
  }

  async search<T extends Resource>(resourceType: string, params: Record<string, string>): Promise<T[]> {
    const query = new URLSearchParams(params).toString();
    const res = await this.request<Bundle<T>>('GET', `${resourceType}?${query}`);
    return (res.body?.entry ?? []).filter((e) => e.search?.mode !== 'include' && e.resource?.resourceType === resourceType).map((e) => e.resource as T);
  }

  async transaction(bundle: Bundle): Promise<Bundle> {
    const res = await this.request<Bundle>('POST', '', bundle);
    if (!res.body || res.body.resourceType !== 'Bundle') throw new ApplyError('Réponse de transaction invalide / invalid transaction response', true, res.status);
    return res.body;
  }
}
