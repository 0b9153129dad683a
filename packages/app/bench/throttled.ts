// Benchmark (prints figures; no assertions), issue 17: on a throttled Chromium (400 kbit/s both ways, 400 ms
// latency, via CDP Network.emulateNetworkConditions), how long from the EHR launch URL until the status line and
// the goals are readable (target <= 6 s), for the heavy person as the GP; with what the page fetched, to see where
// the time goes. Builds a fresh dist/, starts the real sandbox in this process (as app.ts does).
// Usage: node packages/app/bench/throttled.ts [--runs 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, median } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';

const LATENCY_MS = 400;
const KBIT_PER_S = 400;
const TARGET_MS = 6000;

const appDir = join(import.meta.dirname, '..');
const dist = mkdtempSync(join(tmpdir(), 'parcours-app-dist-'));
process.on('exit', () => rmSync(dist, { recursive: true, force: true }));
const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], { cwd: appDir, stdio: 'inherit', timeout: 300_000 });
if (build.status !== 0) throw new Error('vite build failed');

const runsArg = process.argv.indexOf('--runs');
const runs = Math.max(1, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3);
const bench = await startSandboxBench(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const guard = setTimeout(() => {
  console.error('throttled benchmark timed out after 10 minutes');
  process.exit(2);
}, 600_000);

interface Run {
  status: number;
  goals: number;
  transfers: { url: string; kb: number; endMs: number }[];
}

async function once(): Promise<Run> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesPerSecond = (KBIT_PER_S * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  const sizes = new Map<string, number>();
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => sizes.set(e.requestId, e.encodedDataLength));
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
  const ends = new Map<string, number>();
  const t0 = Date.now();
  cdp.on('Network.loadingFinished', (e: { requestId: string }) => ends.set(e.requestId, Date.now() - t0));
  try {
    await page.goto(await bench.app.url());
    await page.locator('[data-testid="status-facts"]').waitFor({ timeout: 120_000 });
    const status = Date.now() - t0;
    await page.locator('#goals').waitFor({ timeout: 120_000 });
    const goals = Date.now() - t0;
    const transfers = [...sizes].map(([id, bytes]) => {
      const u = new URL(urls.get(id) ?? 'about:blank');
      return { url: `${u.pathname}${u.search.length > 60 ? `${u.search.slice(0, 60)}…` : u.search}`, kb: bytes / 1024, endMs: ends.get(id) ?? 0 };
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
  console.log(`throttled Chromium (${KBIT_PER_S} kbit/s, ${LATENCY_MS} ms latency), EHR launch → readable, ${bench.patientNote}`);
  console.log(`  status line: median ${median(s)} ms (runs: ${s.join(', ')}) — target <= ${TARGET_MS} ms: ${median(s) <= TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  goals:       median ${median(g)} ms (runs: ${g.join(', ')}) — target <= ${TARGET_MS} ms: ${median(g) <= TARGET_MS ? 'met' : 'MISSED'}`);
  const last = results.at(-1);
  if (last) {
    const total = last.transfers.reduce((n, x) => n + x.kb, 0);
    console.log(`  transfers of the last run (${last.transfers.length}, ${total.toFixed(1)} KB on the wire), by end time:`);
    for (const x of last.transfers) console.log(`    ${String(x.endMs).padStart(6)} ms ${x.kb.toFixed(1).padStart(7)} KB  ${x.url}`);
  }
} finally {
  clearTimeout(guard);
  await browser.close();
  await bench.close();
}
