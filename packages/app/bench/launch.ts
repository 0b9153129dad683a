// Launch-to-plan timing in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser).
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface LaunchTarget {
  /** The EHR launch URL (`/app/launch.html?iss=…&launch=…`), a fresh launch each call. */
  url(): Promise<string>;
}

export interface LaunchMeasure {
  ms: number;
  fhirRequestsAfterToken: number;
  requests: string[];
}

/** Opens a launch URL, waits for `selector`, and counts FHIR requests sent after the token response. */
export async function measureLaunch(browser: Browser, launchUrl: string, selector: string, timeoutMs = 60_000): Promise<LaunchMeasure> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  let tokenSeen = false;
  const requests: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/auth/token')) tokenSeen = true;
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (tokenSeen && u.pathname.includes('/fhir') && r.method() !== 'OPTIONS') requests.push(`${r.method()} ${u.pathname}${u.search}`);
  });
  try {
    // Same machine, same clock: the page stamps body[data-plan-rendered] with Date.now() in the frame after the
    // last part (the chart; the Patient for the baseline) is drawn.
    const t0 = Date.now();
    await page.goto(launchUrl);
    await page.waitForSelector(selector, { timeout: timeoutMs });
    await page.waitForSelector('body[data-plan-rendered]', { timeout: timeoutMs });
    const rendered = Number(await page.getAttribute('body', 'data-plan-rendered'));
    return { ms: rendered - t0, fhirRequestsAfterToken: requests.length, requests };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Interleaved runs of the app (heavy person) and the bare baseline, same browser, same server. */
export async function compareLaunches(app: LaunchTarget, bare: LaunchTarget, runs: number): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const a: number[] = [];
    const b: number[] = [];
    let requests: string[] = [];
    // One warm-up of each (browser caches, server page cache), not counted.
    await measureLaunch(browser, await app.url(), '#timeline');
    await measureLaunch(browser, await bare.url(), '[data-testid="bare-patient"]');
    for (let i = 0; i < runs; i++) {
      const ra = await measureLaunch(browser, await app.url(), '#timeline');
      a.push(ra.ms);
      requests = ra.requests;
      b.push((await measureLaunch(browser, await bare.url(), '[data-testid="bare-patient"]')).ms);
    }
    console.log(`launch → full plan (heavy person), median of ${runs}: ${median(a).toFixed(0)} ms`);
    console.log(`launch → Patient read (bare fhirclient), median of ${runs}: ${median(b).toFixed(0)} ms`);
    console.log(`ratio: ${(median(a) / median(b)).toFixed(2)}x (target <= 1.5x)`);
    console.log(`FHIR requests after the token for the initial plan: ${requests.filter((r) => !r.includes('_offset') && !r.includes('_page')).length} (target <= 3)`);
    for (const r of requests) console.log(`  ${r.length > 160 ? `${r.slice(0, 160)}…` : r}`);
  } finally {
    await browser.close();
  }
}

export async function launchBench(base: string, runs: number): Promise<void> {
  try {
    const r = await fetch(`${base}/fhir/.well-known/smart-configuration`, { signal: AbortSignal.timeout(3000) });
    if (!r.ok) throw new Error(String(r.status));
  } catch {
    console.log(`launch timing skipped: no sandbox at ${base} (start it with \`pnpm sandbox\`, or set SANDBOX_URL)`);
    return;
  }
  const { sandboxTargets } = await import('./sandbox-launch.ts');
  let targets: Awaited<ReturnType<typeof sandboxTargets>>;
  try {
    targets = await sandboxTargets(base);
  } catch (error) {
    console.log(`launch timing skipped: ${(error as Error).message}`);
    return;
  }
  await compareLaunches(targets.app, targets.bare, runs);
}
