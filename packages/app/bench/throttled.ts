// Benchmark (prints figures; no assertions), issue 17: on a throttled Chromium (400 kbit/s both ways, 400 ms
// latency, via CDP Network.emulateNetworkConditions), how long from the EHR launch URL until the status line and
// the goals are readable (target <= 6 s), for the heavy person as the GP; with what the page fetched, to see where
// the time goes. Builds a fresh dist/, starts the real sandbox in this process (as app.ts does).
// Usage: node packages/app/bench/throttled.ts [--runs 3]
import { freshDist, launchChromium, loadAverage, runsArg, THROTTLE, throttledPage, timeLimit } from './harness.ts';
import { median } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';

const TARGET_MS = 6000;

const dist = freshDist();
const runs = runsArg(3);
const bench = await startSandboxBench(dist);
const browser = await launchChromium();
const cancel = timeLimit(10, 'throttled benchmark');

interface Run {
  status: number;
  goals: number;
  transfers: { url: string; kb: number; startMs: number; endMs: number }[];
}

async function once(): Promise<Run> {
  const context = await browser.newContext();
  const { page, cdp } = await throttledPage(context);
  const t0 = Date.now();
  const sizes = new Map<string, number>();
  const urls = new Map<string, string>();
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url);
    starts.set(e.requestId, Date.now() - t0);
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    sizes.set(e.requestId, e.encodedDataLength);
    ends.set(e.requestId, Date.now() - t0);
  });
  // A request cancelled by the navigation (a prefetch that did not finish...) is listed too, with what it received.
  const received = new Map<string, number>();
  cdp.on('Network.dataReceived', (e: { requestId: string; encodedDataLength: number }) => received.set(e.requestId, (received.get(e.requestId) ?? 0) + e.encodedDataLength));
  const failed = new Map<string, string>();
  cdp.on('Network.loadingFailed', (e: { requestId: string; errorText: string }) => {
    failed.set(e.requestId, e.errorText);
    sizes.set(e.requestId, received.get(e.requestId) ?? 0);
    ends.set(e.requestId, Date.now() - t0);
  });
  try {
    await page.goto(await bench.app.url());
    await page.locator('[data-testid="status-facts"]').waitFor({ timeout: 120_000 });
    const status = Date.now() - t0;
    await page.locator('#goals').waitFor({ timeout: 120_000 });
    const goals = Date.now() - t0;
    const transfers = [...sizes].map(([id, bytes]) => {
      const u = new URL(urls.get(id) ?? 'about:blank');
      const note = failed.has(id) ? ` (${failed.get(id)})` : '';
      return { url: `${u.pathname}${u.search.length > 60 ? `${u.search.slice(0, 60)}…` : u.search}${note}`, kb: bytes / 1024, startMs: starts.get(id) ?? 0, endMs: ends.get(id) ?? 0 };
    });
    return { status, goals, transfers: transfers.sort((a, b) => a.endMs - b.endMs) };
  } finally {
    await context.close();
  }
}

try {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const s = results.map((r) => r.status);
  const g = results.map((r) => r.goals);
  console.log(`throttled Chromium (${(THROTTLE.downloadThroughput * 8) / 1000} kbit/s, ${THROTTLE.latency} ms latency), EHR launch → readable, ${bench.patientNote}; ${await loadAverage()}`);
  console.log(`  status line: median ${median(s)} ms (runs: ${s.join(', ')}) — target <= ${TARGET_MS} ms: ${median(s) <= TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  goals:       median ${median(g)} ms (runs: ${g.join(', ')}) — target <= ${TARGET_MS} ms: ${median(g) <= TARGET_MS ? 'met' : 'MISSED'}`);
  const last = results.at(-1);
  if (last) {
    const total = last.transfers.reduce((n, x) => n + x.kb, 0);
    console.log(`  transfers of the last run until the goals were readable (${last.transfers.length}, ${total.toFixed(1)} KB on the wire; 0.0 KB = from the cache), sent → done:`);
    for (const x of last.transfers) console.log(`    ${String(x.startMs).padStart(6)} → ${String(x.endMs).padStart(6)} ms ${x.kb.toFixed(1).padStart(7)} KB  ${x.url}`);
  }
} finally {
  cancel();
  await browser.close();
  await bench.close();
}
