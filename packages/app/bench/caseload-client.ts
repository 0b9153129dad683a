// The caseload bench's HTTP client (bench/caseload.ts starts it as a worker thread): it sends the app's searches as the
// app does (in parallel, following `next` links) and times them. In a thread of its own, so decoding and parsing the
// answers (megabytes of JSON) is not counted as the server's time, as the browser's is not: the server runs on the
// bench's main thread.
import { parentPort, workerData } from 'node:worker_threads';

export interface ClientJob {
  /** The searches: name and full URL. */
  queries: [string, string][];
  token: string;
  runs: number;
}

export interface QueryResult { ms: number; entries: number; pages: number; total?: number }
export interface ClientAnswer {
  /** Wall time of each parallel batch. */
  batches: number[];
  /** Each search's time in each batch (from its first request to its last page parsed). */
  perQuery: Record<string, number[]>;
  /** Entries and pages of each search in the last batch. */
  last: Record<string, QueryResult>;
}

const job = workerData as ClientJob;

async function get(url: string): Promise<{ ms: number; entries: number; next?: string; total?: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${job.token}`, Accept: 'application/fhir+json', 'Accept-Encoding': 'br' } });
  const body = (await response.json()) as { entry?: unknown[]; total?: number; link?: { relation: string; url: string }[] };
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  const next = body.link?.find((l) => l.relation === 'next')?.url;
  return { ms: performance.now() - start, entries: body.entry?.length ?? 0, ...(next ? { next } : {}), ...(body.total !== undefined ? { total: body.total } : {}) };
}

async function all(url: string): Promise<QueryResult> {
  const start = performance.now();
  let page = await get(url);
  const first = page;
  let entries = page.entries;
  let pages = 1;
  while (page.next) {
    page = await get(page.next);
    entries += page.entries;
    pages++;
  }
  return { ms: performance.now() - start, entries, pages, ...(first.total !== undefined ? { total: first.total } : {}) };
}

async function main(): Promise<ClientAnswer> {
  for (const [, url] of job.queries) await all(url); // warm-up: statements prepared, pages cached
  const answer: ClientAnswer = { batches: [], perQuery: {}, last: {} };
  for (let run = 0; run < job.runs; run++) {
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
