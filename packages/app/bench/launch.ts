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
  /** FHIR requests of the redirect page until the plan was on screen. */
  fhirRequestsAfterToken: number;
  requests: string[];
  /** FHIR requests sent once the plan was on screen (older observation pages streaming in), while the page stayed open. */
  laterRequests: string[];
  /** Token endpoint calls of the whole launch (the EHR's and, from the GP's EHR, the plan server's exchange). */
  tokenRequests: number;
  /** Milestones in ms since the launch URL was opened. */
  phases: Record<string, number>;
}

/** Opens a launch URL, waits for `selector`, and counts FHIR requests sent after the token response. */
export async function measureLaunch(browser: Browser, launchUrl: string, selector: string, timeoutMs = 60_000): Promise<LaunchMeasure> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  let tokenAt = 0;
  let tokenRequests = 0;
  const sent: { at: number; what: string }[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/auth/token')) tokenAt = Date.now();
  });
  // FHIR requests of the redirect page (index.html): it sends them only once it holds the token. (Not "after the
  // token response event": events reach this process late, the first requests could be missed.)
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('/auth/token') && r.method() === 'POST') tokenRequests++;
    let frame: string;
    try {
      frame = new URL(r.frame().url()).pathname;
    } catch {
      frame = ''; // a request without a frame (service worker...) is not the page's
    }
    if (frame.endsWith('/index.html') && u.pathname.includes('/fhir') && !u.pathname.includes('/.well-known/') && r.method() !== 'OPTIONS') {
      sent.push({ at: Date.now(), what: `${r.method()} ${u.pathname}${u.search}` });
    }
  });
  try {
    // Same machine, same clock: the page stamps body[data-plan-rendered] with Date.now() in the frame after the
    // last part (the chart; the Patient for the baseline) is drawn.
    const t0 = Date.now();
    try {
      await page.goto(launchUrl);
      await page.waitForSelector(selector, { timeout: timeoutMs });
      await page.waitForSelector('body[data-plan-rendered]', { timeout: timeoutMs });
    } catch (error) {
      // Say what the page showed (an explained launch failure, a blank page...) rather than only "timeout".
      const shown = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '(unreadable)');
      throw new Error(`${launchUrl.split('?')[0]} did not render (${(error as Error).message.split('\n')[0]}); URL ${page.url().split('?')[0]}; page: ${shown.slice(0, 400)}`, { cause: error });
    }
    const rendered = Number(await page.getAttribute('body', 'data-plan-rendered'));
    const marks = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
      resources: performance.getEntriesByType('resource').map((r) => [r.name, r.startTime, (r as PerformanceResourceTiming).responseEnd] as const),
    }));
    const phases: Record<string, number> = { 'redirect page opened': marks.origin - t0, 'token received': tokenAt - t0 };
    for (const [name, at] of marks.marks) phases[name] = marks.origin + at - t0;
    for (const [name, start, end] of marks.resources) {
      const u = new URL(name);
      const label = u.pathname.includes('/fhir/') ? `FHIR ${u.pathname.split('/fhir/')[1] ?? ''}` : u.pathname.includes('/auth/token') ? 'token' : u.pathname.split('/').at(-1)?.replace(/-[A-Za-z0-9_]{8}\./, '.') ?? name;
      phases[`${label} start`] = marks.origin + start - t0;
      phases[`${label} end`] = marks.origin + end - t0;
    }
    phases.rendered = rendered - t0;
    const requests = sent.filter((x) => x.at <= rendered).map((x) => x.what);
    const laterRequests = sent.filter((x) => x.at > rendered).map((x) => x.what);
    return { ms: rendered - t0, fhirRequestsAfterToken: requests.length, requests, laterRequests, tokenRequests, phases };
  } finally {
    await context.close();
  }
}

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
export const median = (xs: number[]): number => sorted(xs)[Math.floor(xs.length / 2)] ?? Number.NaN;
/** Nearest-rank p95 (with 5–20 runs this is the slowest or second slowest run). */
export const p95 = (xs: number[]): number => sorted(xs)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)] ?? Number.NaN;

export interface Comparison {
  app: number[];
  bare: number[];
  ratio: number;
  appRequests: number[];
  bareRequests: number[];
  lastAppRequests: string[];
  /** Requests of the app's runs sent after its plan was on screen (older observation pages), per run. */
  appLaterRequests: number[];
  phases: Record<string, number>;
  barePhases: Record<string, number>;
  /** Server-side time answering FHIR requests during each app / bare run, when the server is measurable. */
  appServerMs: number[];
  bareServerMs: number[];
}

export interface ServerClock {
  reset(): void;
  busyMs(): number;
}

/** Interleaved runs of the app (heavy person) and the bare baseline, same browser, same server. */
export async function compareLaunches(app: LaunchTarget, bare: LaunchTarget, runs: number, server?: ServerClock): Promise<Comparison> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const a: LaunchMeasure[] = [];
    const b: LaunchMeasure[] = [];
    // Two warm-ups of each (browser caches, server page cache, JIT of the in-process server), not counted.
    for (let i = 0; i < 2; i++) {
      await measureLaunch(browser, await app.url(), '#timeline');
      await measureLaunch(browser, await bare.url(), '[data-testid="bare-patient"]');
    }
    const appServerMs: number[] = [];
    const bareServerMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      server?.reset();
      a.push(await measureLaunch(browser, await app.url(), '#timeline'));
      if (server) appServerMs.push(server.busyMs());
      server?.reset();
      b.push(await measureLaunch(browser, await bare.url(), '[data-testid="bare-patient"]'));
      if (server) bareServerMs.push(server.busyMs());
    }
    const medianPhases = (list: LaunchMeasure[]): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const name of Object.keys(list[0]?.phases ?? {})) out[name] = median(list.map((m) => m.phases[name] ?? Number.NaN));
      return out;
    };
    const phases = medianPhases(a);
    const ms = (list: LaunchMeasure[]): number[] => list.map((m) => m.ms);
    return {
      app: ms(a),
      bare: ms(b),
      ratio: median(ms(a)) / median(ms(b)),
      appRequests: a.map((m) => m.fhirRequestsAfterToken),
      bareRequests: b.map((m) => m.fhirRequestsAfterToken),
      lastAppRequests: a.at(-1)?.requests ?? [],
      appLaterRequests: a.map((m) => m.laterRequests.length),
      phases,
      barePhases: medianPhases(b),
      appServerMs,
      bareServerMs,
    };
  } finally {
    await browser.close();
  }
}

export function printComparison(c: Comparison, who: string): void {
  const f = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms, p95 ${p95(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`person: ${who}`);
  console.log(`EHR launch URL → full plan rendered (app):          ${f(c.app)}`);
  console.log(`EHR launch URL → Patient rendered (bare fhirclient): ${f(c.bare)}`);
  console.log(`ratio of medians: ${c.ratio.toFixed(2)}x (target <= 1.5x)`);
  if (c.appServerMs.length > 0) {
    console.log(`sandbox busy answering FHIR requests (same process, one thread), median: app ${median(c.appServerMs).toFixed(0)} ms, bare ${median(c.bareServerMs).toFixed(0)} ms`);
  }
  console.log(`FHIR requests after the token until the plan was on screen, app: ${[...new Set(c.appRequests)].join('/')} (target <= 3); bare: ${[...new Set(c.bareRequests)].join('/')}`);
  console.log(`  then, once the plan was on screen, older observation pages streaming in: ${[...new Set(c.appLaterRequests)].join('/')} request(s) before the page closed`);
  for (const r of c.lastAppRequests) console.log(`  ${r.length > 200 ? `${r.slice(0, 200)}…` : r}`);
  console.log('app milestones (median ms after opening the launch URL):');
  for (const [name, at] of Object.entries(c.phases).sort((x, y) => x[1] - y[1])) console.log(`  ${name.padEnd(28)} ${at.toFixed(0)}`);
  console.log('bare milestones (median ms after opening the launch URL):');
  for (const [name, at] of Object.entries(c.barePhases).sort((x, y) => x[1] - y[1])) console.log(`  ${name.padEnd(28)} ${at.toFixed(0)}`);
}
