// What the app's bench scripts share: a fresh build of the current sources in a folder of its own, the run-count
// argument, a time limit, headless Chromium (Debian's, never a downloaded browser), the throttled network of
// issue 17 (400 kbit/s both ways, 400 ms latency, through CDP) and the app's token from a real EHR launch.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { APP_CLIENT_ID } from '@parcours/sandbox';
import type { Sandbox } from '@parcours/sandbox';
import { scopes } from '../src/smart/config.ts';
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

/**
 * The app's token from an EHR launch on the sandbox (the app's own scopes, code flow with PKCE), for `user` and,
 * given one, the person in context; without a person, a user-level token (the caseload's).
 */
export async function appLaunchToken(sandbox: Sandbox, user: string, patient?: string): Promise<{ access_token: string; patient?: string }> {
  const launch = sandbox.smart.createLaunch({ user, ...(patient ? { patient } : {}), needPatientBanner: true });
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${sandbox.url}/app/index.html`;
  const authorize = new URL(`${sandbox.url}/auth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code', client_id: APP_CLIENT_ID, redirect_uri: redirectUri, scope: scopes('ehr'), state: 's', aud: sandbox.fhirBaseUrl, launch,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }).toString();
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
  const response = await fetch(`${sandbox.url}/auth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: APP_CLIENT_ID, code_verifier: verifier }) });
  const body = (await response.json()) as { access_token?: string; patient?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body).slice(0, 200)}`);
  return { access_token: body.access_token, ...(body.patient ? { patient: body.patient } : {}) };
}
