// The caseload bench's HTTP client (bench/caseload.ts starts it as a worker thread): it sends the app's searches as the
// app does (one FHIR batch, `next` links followed) and, alternating with it, one by one in parallel (as the app did
// before the batch, and still does against a server without batch support), and times them. In a thread of its own, so decoding and parsing the
// answers (megabytes of JSON) is not counted as the server's time, as the browser's is not: the server runs on the
// bench's main thread.
import { parentPort, workerData } from 'node:worker_threads';

export interface ClientJob {
  /** The searches: name and full URL. */
  queries: [string, string][];
  /** The FHIR base URL (the batch is POSTed to it). */
  base: string;
  token: string;
  runs: number;
}

/** A search's time, entries, pages and answer's size (kB of JSON, all pages). */
export interface QueryResult { ms: number; entries: number; pages: number; kB: number; total?: number }
export interface ClientAnswer {
  /** Wall time of each parallel batch. */
  batches: number[];
  /** Wall time of each FHIR batch Bundle (the app's one request), until its answer is parsed. */
  bundles: number[];
  /** Entries of each search in the last FHIR batch's answer. */
  bundleEntries: number[];
  /** Each search's time in each batch (from its first request to its last page parsed). */
  perQuery: Record<string, number[]>;
  /** Entries and pages of each search in the last batch. */
  last: Record<string, QueryResult>;
}

const job = workerData as ClientJob;

async function get(url: string): Promise<{ ms: number; entries: number; kB: number; next?: string; total?: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${job.token}`, Accept: 'application/fhir+json', 'Accept-Encoding': 'br' } });
  const text = await response.text();
  const body = JSON.parse(text) as { entry?: unknown[]; total?: number; link?: { relation: string; url: string }[] };
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  const next = body.link?.find((l) => l.relation === 'next')?.url;
  return { ms: performance.now() - start, entries: body.entry?.length ?? 0, kB: Buffer.byteLength(text) / 1000, ...(next ? { next } : {}), ...(body.total !== undefined ? { total: body.total } : {}) };
}

async function all(url: string): Promise<QueryResult> {
  const start = performance.now();
  let page = await get(url);
  const first = page;
  let entries = page.entries;
  let kB = page.kB;
  let pages = 1;
  while (page.next) {
    page = await get(page.next);
    entries += page.entries;
    kB += page.kB;
    pages++;
  }
  return { ms: performance.now() - start, entries, pages, kB, ...(first.total !== undefined ? { total: first.total } : {}) };
}

/** The searches as one FHIR batch Bundle of GETs, as the app sends them (caseload-queries.ts's batchOf). */
async function bundle(): Promise<{ ms: number; entries: number[] }> {
  const start = performance.now();
  const body = { resourceType: 'Bundle', type: 'batch', entry: job.queries.map(([, url]) => ({ request: { method: 'GET', url: url.slice(job.base.length + 1) } })) };
  const response = await fetch(job.base, { method: 'POST', body: JSON.stringify(body), headers: { Authorization: `Bearer ${job.token}`, 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json', 'Accept-Encoding': 'br' } });
  const answer = (await response.json()) as { type?: string; entry?: { response?: { status?: string }; resource?: { entry?: unknown[]; link?: { relation: string }[] } }[] };
  if (!response.ok || answer.type !== 'batch-response') throw new Error(`batch: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
  const entries = (answer.entry ?? []).map((e) => {
    if (!e.response?.status?.startsWith('2')) throw new Error(`batch entry: ${JSON.stringify(e).slice(0, 300)}`);
    if (e.resource?.link?.some((l) => l.relation === 'next')) throw new Error('batch entry with a next page: the bench does not follow it');
    return e.resource?.entry?.length ?? 0;
  });
  return { ms: performance.now() - start, entries };
}

async function main(): Promise<ClientAnswer> {
  for (const [, url] of job.queries) await all(url); // warm-up: statements prepared, pages cached
  await bundle();
  const answer: ClientAnswer = { batches: [], bundles: [], bundleEntries: [], perQuery: {}, last: {} };
  for (let run = 0; run < job.runs; run++) {
    const b = await bundle();
    answer.bundles.push(b.ms);
    answer.bundleEntries = b.entries;
    const start = performance.now();
    const results = await Promise.all(job.queries.map(async ([name, url]) => [name, await all(url)] as const));
    answer.batches.push(performance.now() - start);
    for (const [name, r] of results) {
      (answer.perQuery[name] ??= []).push(r.ms);
      answer.last[name] = r;
    }
  }
  return answer;
}

main().then(
  (answer) => parentPort?.postMessage(answer),
  (err: unknown) => parentPort?.postMessage({ error: String(err) }),
);
