// What every end-to-end file needs: the app built, a sandbox on a free port with its own data folder, headless Debian
// Chromium (never a downloaded browser), a folder for screenshots, and an EHR launch as a chosen user, with a person
// (the plan) or without (the workspace).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@parcours/sandbox';
import type { Sandbox } from '@parcours/sandbox';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';

export const root = join(import.meta.dirname, '..', '..', '..');
export const artifacts = join(root, 'test', 'e2e', 'artifacts');

/**
 * The instant every browser context lives at (its clock is fixed there), and its time zone: UTC+14, where the
 * calendar day (1 December) is not UTC's (30 November) nor, most likely, the machine's. Expectations are computed
 * from these, never from the wall clock; the e2e project also runs Node in another zone (vitest.config.ts, TZ).
 * NOW follows the sandbox cohort's three years (from DEFAULT_START, 2023-11-23) and precedes any real run, so
 * the tokens the sandbox signs with the real time are never expired for the browser.
 */
export const NOW = new Date('2026-11-30T12:30:00Z');
export const BROWSER_TIME_ZONE = 'Pacific/Kiritimati';

/** The browser's calendar day at an instant (dd/mm/yyyy): the day a form fills in by default. */
export function browserDay(instant: Date): string {
  return instant.toLocaleDateString('fr-FR', { timeZone: BROWSER_TIME_ZONE });
}

/** A recorded instant as the app shows it (dd/mm/yyyy): in Paris time, whatever the browser's zone. */
export function shownDay(instant: Date): string {
  return instant.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
}

export interface E2e {
  sandbox: Sandbox;
  browser: Browser;
  dataDir: string;
  close(): Promise<void>;
}

export async function startE2e(): Promise<E2e> {
  // The app's production build is made once for the run (global-setup.ts).
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'parcours-e2e-'));
  const sandbox = await startSandbox({ port: 0, dataDir, appDir: join(root, 'packages', 'app', 'dist') });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    sandbox,
    browser,
    dataDir,
    async close() {
      await browser.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What went wrong in a context's pages (failed requests, answers ≥ 400, page errors), for a failing wait's message. */
const troubles = new WeakMap<BrowserContext, string[]>();

/** A browser context in BROWSER_TIME_ZONE, French, its clock fixed at NOW (timers still run). */
export async function newContext(e2e: E2e, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ timezoneId: BROWSER_TIME_ZONE, locale: 'fr-FR', ...options });
  await context.clock.setFixedTime(NOW);
  const log: string[] = [];
  troubles.set(context, log);
  const keep = (line: string): void => {
    log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (log.length > 30) log.shift();
  };
  // Paths only: a query string may carry a launch code or a state.
  const path = (url: string): string => new URL(url).pathname;
  context.on('requestfailed', (request) => keep(`${request.method()} ${path(request.url())} failed: ${request.failure()?.errorText ?? '?'}`));
  context.on('response', (response) => {
    if (response.status() >= 400) keep(`${response.request().method()} ${path(response.url())} → ${response.status()}`);
  });
  context.on('weberror', (error) => keep(`page error: ${error.error().message}`));
  return context;
}

/**
 * Opens the EHR simulator, picks the user and the person, launches Parcours in a tab and waits for the plan; in a
 * new browser context, or in the given one (several tabs of one browser).
 */
export async function launchFromEhr(e2e: E2e, user: string, patient: string, context?: BrowserContext): Promise<Page> {
  const page = await (context ?? (await newContext(e2e))).newPage();
  return launch(page, e2e, user, patient, { what: 'plan', ready: page.getByTestId('stage'), timeout: 30_000, screenshot: `launch-failed-${user}` });
}

/**
 * Opens the EHR simulator, picks the user and no person (« File active de l’utilisateur (sans personne) », the
 * list's first entry), launches Parcours in a tab and waits for the user's caseload (the workspace); in a new
 * browser context made with `options` (a viewport, downloads).
 */
export async function launchWorkspace(e2e: E2e, user: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await newContext(e2e, options)).newPage();
  return launch(page, e2e, user, { index: 0 }, { what: 'caseload', ready: page.getByTestId('caseload-table'), timeout: 60_000, screenshot: `workspace-failed-${user}` });
}

interface LaunchWait {
  what: string;
  ready: Locator;
  timeout: number;
  screenshot: string;
}

/** The EHR launch both entries share: page errors and Content-Security-Policy blocks are reported, not swallowed. */
async function launch(page: Page, e2e: E2e, user: string, patient: string | { index: number }, wait: LaunchWait): Promise<Page> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) blocked.push(message.text());
  });
  await page.goto(`${e2e.sandbox.url}/`);
  await page.selectOption('#user', user);
  await page.selectOption('#patient', patient);
  await page.click('button[value="tab"]');
  await page.waitForURL(/\/app\/index\.html/);
  const who = typeof patient === 'string' ? ` on ${patient}` : '';
  await orScreenshot(page, wait.screenshot, wait.ready.waitFor({ timeout: wait.timeout })).catch((error: unknown) => {
    throw new Error(`The ${wait.what} did not show for ${user}${who}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`, { cause: error });
  });
  if (blocked.length > 0) throw new Error(`The app's Content-Security-Policy blocked something: ${blocked.join(' | ')}`);
  return page;
}

/**
 * Runs a wait; when it fails, keeps a screenshot of the page under artifacts/ and fails with what the page showed
 * and what went wrong in its context (CI keeps the log, not always the screenshot).
 */
export async function orScreenshot(page: Page, name: string, wait: Promise<unknown>): Promise<void> {
  try {
    await wait;
  } catch (error) {
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true }).catch(() => undefined);
    const shown = await page.locator('body').innerText().catch(() => '(page unreadable)');
    const log = troubles.get(page.context()) ?? [];
    throw new Error(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n--- the page showed:\n${shown.replace(/\n{2,}/g, '\n').slice(0, 1500)}\n--- requests and errors:\n${log.join('\n') || '(none)'}`, { cause: error });
  }
}
