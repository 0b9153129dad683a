// Searches shared by consecutive $evaluate-measure calls on the embedded server while what they read has not
// changed: the report asks the nine indicators of one structure and period at once, and they read the same teams,
// encounters and roles. A result is reused only while its type's latest version is the one it was read at (the
// type history's newest entry: any create, update or delete of that type moves it), so a figure never lags a write.
// https://hl7.org/fhir/R4/http.html#history
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FhirSource } from './source.ts';

/** The part of the embedded repository that tells a type's latest change (the fhir-server's HistoryReader). */
interface TypeHistory {
  readTypeHistory(type: string | undefined, options: { count?: number }): Promise<Bundle>;
}

interface Entry {
  stamp: string;
  at: number;
  result: Promise<Resource[]>;
}

/** Results are kept a few minutes at most (memory), and a bounded number of them. */
const KEEP_MS = 5 * 60_000;
const MAX_ENTRIES = 128;
const caches = new WeakMap<object, Map<string, Entry>>();

async function stampOf(history: TypeHistory, type: string): Promise<string> {
  const newest = (await history.readTypeHistory(type, { count: 1 })).entry?.[0];
  return JSON.stringify([newest?.fullUrl, newest?.resource?.meta?.versionId, newest?.resource?.meta?.lastUpdated, newest?.request, newest?.response]);
}

function prune(cache: Map<string, Entry>, now: number): void {
  for (const [key, entry] of cache) if (now - entry.at > KEEP_MS) cache.delete(key);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
}

/** `inner`'s searches, reused across calls on the same repository while their type is unchanged (no reuse when the repository cannot tell). */
export function sharedSource(repository: object, inner: FhirSource, now: () => number = Date.now): FhirSource {
  const history = repository as Partial<TypeHistory>;
  if (typeof history.readTypeHistory !== 'function') return inner;
  const reader = history as TypeHistory;
  let cache = caches.get(repository);
  if (!cache) caches.set(repository, (cache = new Map()));
  const store = cache;
  return {
    ...(inner.maxListChars !== undefined ? { maxListChars: inner.maxListChars } : {}),
    async search(query, onPage) {
      const stamp = await stampOf(reader, query.split('?')[0] ?? '');
      const hit = store.get(query);
      if (hit && hit.stamp === stamp && now() - hit.at <= KEEP_MS) return hit.result;
      const result = inner.search(query, onPage);
      store.set(query, { stamp, at: now(), result });
      prune(store, now());
      // A failed search is not kept: the next call asks again.
      result.catch(() => store.get(query)?.result === result && store.delete(query));
      return result;
    },
  };
}
