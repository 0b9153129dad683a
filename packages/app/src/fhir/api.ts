// The app's FHIR access over the SMART client (fhirclient owns the token and refreshes it): read, search,
// transaction. Only standard REST interactions (http://hl7.org/fhir/R4/http.html); no server-specific operations.
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';

/** What the app needs from fhirclient's Client (structurally its `request`). */
export interface FhirTransport {
  request<T = unknown>(request: string | { url: string; method?: string; body?: string; headers?: Record<string, string> }): Promise<T>;
}

/**
 * A FhirTransport over fetch with the access token `bearer` gives: fhirclient's after a SMART launch (fhirclient
 * keeps and renews it), the plan server's after a token exchange. Not fhirclient's `request`: it walks every entry of
 * a Bundle looking for references to resolve, even when asked for none (~13 ms on a heavy person's plan, on the
 * launch's critical path). A failure has the shape of fhirclient's HttpError (status, and the body in the message:
 * toFhirError reads the OperationOutcome there).
 */
export function bearerTransport(baseUrl: string, bearer: () => Promise<string | undefined>): FhirTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async request<T = unknown>(request: Parameters<FhirTransport['request']>[0]): Promise<T> {
      const r = typeof request === 'string' ? { url: request } : request;
      const url = /^https?:/.test(r.url) ? r.url : `${base}/${r.url.replace(/^\/+/, '')}`;
      // The token goes to this server only: an absolute URL elsewhere (a paging link a server or a resource made
      // up) is refused before anything is sent.
      if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) {
        throw Object.assign(new Error(`Adresse hors du serveur FHIR / URL outside the FHIR server: ${new URL(url).origin}`), { status: undefined });
      }
      const token = await bearer();
      const response = await fetch(url, {
        method: r.method ?? 'GET',
        headers: { Accept: 'application/fhir+json', ...r.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        credentials: 'omit',
        ...(r.body !== undefined ? { body: r.body } : {}),
      });
      const text = await response.text();
      if (!response.ok) throw Object.assign(new Error(`${response.status} ${response.statusText}\n${text}`), { status: response.status });
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** A failed FHIR interaction, with the server's OperationOutcome when it sent one. */
export class FhirRequestError extends Error {
  readonly status: number | undefined;
  readonly outcome: OperationOutcome | undefined;
  constructor(message: string, status: number | undefined, outcome: OperationOutcome | undefined) {
    super(message);
    this.name = 'FhirRequestError';
    this.status = status;
    this.outcome = outcome;
  }
}

/**
 * The coordinator to ask when the server refused because the user is not in the person's care team (403 with the
 * `not-in-care-team` code, see the smart README); undefined for any other error. `name` may be absent.
 */
export function notInCareTeam(error: unknown): { name?: string } | undefined {
  const outcome = error instanceof FhirRequestError ? error.outcome : undefined;
  if (!(error instanceof FhirRequestError) || error.status !== 403) return undefined;
  const coding = outcome?.issue?.flatMap((i) => i.details?.coding ?? []).find((c) => c.code === 'not-in-care-team');
  if (!coding) return undefined;
  return coding.display ? { name: coding.display } : {};
}

/** fhirclient's HttpError carries the parsed body in its message: recover the OperationOutcome from it. */
export function toFhirError(error: unknown): FhirRequestError {
  if (error instanceof FhirRequestError) return error;
  const err = error as { status?: number; message?: string };
  const message = typeof err?.message === 'string' ? err.message : String(error);
  let outcome: OperationOutcome | undefined;
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(message.slice(start, message.lastIndexOf('}') + 1)) as { resourceType?: string };
      if (body.resourceType === 'OperationOutcome') outcome = body as OperationOutcome;
    } catch {
      outcome = undefined;
    }
  }
  const firstLine = message.split('\n')[0] ?? message;
  return new FhirRequestError(firstLine, typeof err?.status === 'number' ? err.status : undefined, outcome);
}

export class FhirApi {
  readonly transport: FhirTransport;
  /** FHIR base URL (absolute): a transaction is POSTed to the base itself, without a trailing slash. */
  readonly baseUrl: string;
  /** Requests sent since creation: the benchmark and tests count them. */
  requestCount = 0;
  constructor(transport: FhirTransport, baseUrl: string) {
    this.transport = transport;
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async send<T>(request: Parameters<FhirTransport['request']>[0]): Promise<T> {
    this.requestCount++;
    try {
      return await this.transport.request<T>(request);
    } catch (error) {
      throw toFhirError(error);
    }
  }

  read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<T> {
    return this.send<T>(`${resourceType}/${encodeURIComponent(id)}`);
  }

  /** One page of a search (or the page at `url`, a `next` link), with the link to the next page. */
  async searchPage<T extends Resource = Resource>(resourceType: string, params: [string, string][], url?: string): Promise<{ resources: T[]; next: string | undefined }> {
    const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const bundle = await this.send<Bundle>(url ?? `${resourceType}?${query}`);
    return {
      resources: (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource as T] : [])),
      next: bundle.link?.find((l) => l.relation === 'next')?.url,
    };
  }

  /** A search, following `next` links up to `maxPages` pages. */
  async search<T extends Resource = Resource>(resourceType: string, params: [string, string][], maxPages = 10): Promise<T[]> {
    const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    let bundle = await this.send<Bundle>(`${resourceType}?${query}`);
    const resources: Resource[] = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    for (let page = 1; page < maxPages; page++) {
      const next = bundle.link?.find((l) => l.relation === 'next')?.url;
      if (!next) break;
      bundle = await this.send<Bundle>(next);
      for (const e of bundle.entry ?? []) if (e.resource) resources.push(e.resource);
    }
    return resources as T[];
  }

  /** A FHIR operation read with GET (`Measure/x/$evaluate-measure` and its parameters). */
  operation<T extends Resource>(path: string, params: [string, string][]): Promise<T> {
    return this.send<T>(`${path}?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`);
  }

  /** A transaction Bundle (all or nothing). Throws FhirRequestError when the server rejects it. */
  async transaction(bundle: Bundle): Promise<Bundle> {
    return this.send<Bundle>({
      url: this.baseUrl,
      method: 'POST',
      body: JSON.stringify(bundle),
      headers: { 'Content-Type': 'application/fhir+json' },
    });
  }
}
