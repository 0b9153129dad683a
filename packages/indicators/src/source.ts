// The "FHIR source" the computation reads: standard searches, every page. Two implementations: any FHIR R4 server
// over HTTP (a SMART Backend Services client) and the embedded server's repository (for $evaluate-measure).
// https://hl7.org/fhir/R4/http.html#search
import { parseSearchRequest } from '@medplum/core';
import type { SearchRequest } from '@medplum/core';
import type { FhirRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';

export interface FhirSource {
  /** Every match of `Type?query` (all pages, includes left out). `onPage` is told how many came so far. */
  search(query: string, onPage?: (fetched: number) => void): Promise<Resource[]>;
  /** Longest `patient=` list a search may carry (encoded characters; scoped.ts). Default: a URL's worth. */
  readonly maxListChars?: number;
}

/** The part of a FHIR client the HTTP source needs (the watch's WatchClient has it). */
export interface PagingClient {
  request<T = Resource>(method: string, path: string): Promise<T | undefined>;
}

const PAGE = 1000;
/** In process a page is not a response to send: the server's largest, so a year of a structure takes a page or two. */
const REPOSITORY_PAGE = 5000;

function withPaging(query: string): string {
  const [type, params = ''] = query.split('?');
  const search = new URLSearchParams(params);
  if (!search.has('_count')) search.set('_count', String(PAGE));
  // No total: paging works without it and it costs the server a count on every page.
  if (!search.has('_total')) search.set('_total', 'none');
  return `${type}?${search.toString()}`;
}

/** Any FHIR R4 server: `GET Type?query`, then the Bundle's `next` links. */
export function httpSource(client: PagingClient): FhirSource {
  return {
    async search(query, onPage) {
      const type = query.split('?')[0];
      const out: Resource[] = [];
      let next: string | undefined = withPaging(query);
      while (next) {
        const bundle: Bundle | undefined = await client.request<Bundle>('GET', next);
        for (const entry of bundle?.entry ?? []) {
          if (entry.resource && entry.search?.mode !== 'include' && entry.resource.resourceType === type) out.push(entry.resource);
        }
        onPage?.(out.length);
        next = bundle?.link?.find((l) => l.relation === 'next')?.url;
      }
      return out;
    },
  };
}

/**
 * A search as the repository is asked it: the largest page, no total, and whole resources. `_elements` is left out
 * in process: there is no response to make smaller, cutting the JSON in SQL costs about what parsing it does, and
 * the server's first `_elements` search loads the R4 definitions (about 0.5-1 s, paid by whichever call comes first).
 */
function inProcess(query: string): SearchRequest {
  const { fields: _fields, ...request } = parseSearchRequest(query);
  return { ...request, count: REPOSITORY_PAGE, total: 'none' };
}

/** The embedded server's repository, read directly (the operation has checked who asks), page after page by its `next` links. */
export function repositorySource(repository: FhirRepository): FhirSource {
  return {
    // No URL in process: one list for a structure of a few thousand people (well under SQLite's 32,766 bound
    // parameters). Each search costs its leading-filter estimate and its index walk: 11 lists of 25 people cost
    // eleven of each (measured: the population searches 2-3× slower by 25s than in one list, bench/bench.ts).
    maxListChars: 100_000,
    async search(query, onPage) {
      const out: Resource[] = [];
      let request = inProcess(query);
      for (;;) {
        const bundle = await repository.search(request);
        for (const e of bundle.entry ?? []) if (e.resource && e.search?.mode !== 'include') out.push(e.resource);
        onPage?.(out.length);
        const next = bundle.link?.find((l) => l.relation === 'next')?.url;
        if (!next || !bundle.entry?.length) return out;
        // The server's own next link (keyset cursor or offset), read back as a search request.
        request = inProcess(next);
      }
    },
  };
}

/** Each query read once (several groups and measures share their searches). */
export function cachedSource(inner: FhirSource): FhirSource & { queries: string[] } {
  const cache = new Map<string, Promise<Resource[]>>();
  const queries: string[] = [];
  return {
    queries,
    ...(inner.maxListChars !== undefined ? { maxListChars: inner.maxListChars } : {}),
    search(query, onPage) {
      let hit = cache.get(query);
      if (!hit) {
        queries.push(query);
        hit = inner.search(query, onPage);
        cache.set(query, hit);
      }
      return hit;
    },
  };
}
