// What the app's bench scripts share: a fresh build of the current sources in a folder of its own, the run-count
// argument, a time limit, headless Chromium (Debian's, never a downloaded browser) and the throttled network of
// issue 17 (400 kbit/s both ways, 400 ms latency, through CDP).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './launch.ts';

export const APP_DIR = join(import.meta.dirname, '..');

/**
 * Builds the app into a temporary folder, removed when the process exits. Always a fresh build of the current
 * sources in a folder of its own: packages/app/dist may be rebuilt (emptied) by a concurrent build while served.
 */
export function freshDist(prefix = 'parcours-app-dist-', extra: string[] = []): string {
  const dist = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dist, { recursive: true, force: true }));
  const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir', ...extra], { cwd: APP_DIR, stdio: 'inherit', timeout: 300_000 });
  if (build.status !== 0) throw new Error('vite build failed');
  return dist;
}

/** The value after `name` on the command line, if any. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** `--runs N` (at least `min`), `fallback` without it. */
export function runsArg(fallback: number, min = 1): number {
  const given = Number(arg('--runs') ?? fallback);
  return Math.max(min, Number.isFinite(given) ? given : fallback);
}

/** Exits with status 2 if the benchmark is still running after `minutes`; call the result to cancel. */
export function timeLimit(minutes: number, what = 'benchmark'): () => void {
  const guard = setTimeout(() => {
    console.error(`${what} timed out after ${minutes} minutes`);
    process.exit(2);
  }, minutes * 60_000);
  return () => clearTimeout(guard);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** Issue 17's slow link: 400 kbit/s down and up, 400 ms latency (CDP Network.emulateNetworkConditions). */
export const THROTTLE = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

/** A page of `context` on the throttled link, with its CDP session (network events enabled). */
export async function throttledPage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  return { page, cdp };
}

/** The load average, printed beside every figure (the machine is shared: a figure timed under load is pessimistic). */
export async function loadAverage(): Promise<string> {
  const { loadavg } = await import('node:os');
  return `load average ${loadavg().map((n) => n.toFixed(2)).join(', ')}`;
}
