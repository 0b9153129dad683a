// Benchmark of the caseload (issue 14) on the `--people 1000` cohort, in the real sandbox (FHIR server, SMART
// server, watch, built app) in this process, for a user whose care teams hold about 500 people: the sandbox's
// health-pathway referent, added as referent to active teams until they hold TARGET people (written through the
// repository before the watch's pass). Prints:
//   1. server time of each caseload search (user-level token, the app's exact queries), and of the parallel batch,
//      sent from a worker thread (caseload-client.ts: the answers' decoding and parsing are the client's, not the
//      server's), with the load average;
//   2. headless Chromium, EHR launch without a person: launch URL → rows on screen, first caseload request → rows,
//      last answer → rows (the app's own work once the data is there) and the rows' build time (a performance mark).
//   node packages/app/bench/caseload.ts [--people 1000] [--target 500] [--runs 5] [--no-build] [--no-browser] [--data <dir>] [--cpu-profile <file>]
//     [--ab main=<dist>,branch=<dist>]
// The app is built into a temporary folder first (freshDist), unless --no-build (then packages/app/dist is served).
// --data keeps the sandbox's folder between runs (the cohort is loaded once, ~90 s; later runs start in seconds);
// --no-browser measures the server only; --cpu-profile <file> writes a CPU profile (.cpuprofile, for Chrome's
// DevTools) of the measured server runs only (not the cohort load nor the watch's pass); --ab serves two builds (e.g.
// `vite build --outDir` of main and of a branch), alternating their browser runs, with each one's figures.
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CareTeam } from '@medplum/fhirtypes';
import type { Browser } from 'playwright-core';
import { startSandbox } from '@parcours/sandbox';
import { caseloadQueries, searchUrl, userRolesQuery } from '../src/fhir/caseload-queries.ts';
import type { CaseloadQuery } from '../src/fhir/caseload-queries.ts';
import type { ClientAnswer, ClientJob } from './caseload-client.ts';
import { appLaunchToken, freshDist, launchChromium, loadAverage } from './harness.ts';
import { median } from './launch.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a whole number (e.g. --${name} ${fallback}).`);
    process.exit(2);
  }
  return value;
};
const PEOPLE = arg('people', 1000);
const TARGET = arg('target', 500);
const RUNS = arg('runs', 5);
const USER = 'referent';
const USER_REF = 'Practitioner/PractitionerReferentExample';
const root = join(import.meta.dirname, '..', '..', '..');

// A fresh build in a folder of its own (packages/app/dist may be rebuilt by a concurrent build while served);
// --no-build serves packages/app/dist as it is.
// --ab <label>=<dir>,<label>=<dir>: two builds side by side (say main's and a branch's), their browser runs alternating.
const abIndex = process.argv.indexOf('--ab');
const ab = abIndex >= 0 ? (process.argv[abIndex + 1] ?? '').split(',').map((pair) => ({ label: pair.split('=')[0] ?? '', dir: pair.split('=').slice(1).join('=') })) : undefined;
if (ab && (ab.length !== 2 || ab.some((b) => !b.label || !existsSync(join(b.dir, 'index.html'))))) {
  console.error('--ab takes two built apps, e.g. --ab main=/tmp/main-dist,branch=/tmp/branch-dist (each folder a vite build with its index.html).');
  process.exit(2);
}
const served = ab ? mkdtempSync(join(tmpdir(), 'parcours-caseload-ab-')) : undefined;
if (served) process.on('exit', () => rmSync(served, { recursive: true, force: true }));
const appDir = served ? join(served, 'app') : process.argv.includes('--no-build') ? join(root, 'packages', 'app', 'dist') : freshDist('parcours-caseload-dist-');
if (ab) symlinkSync(ab[0]!.dir, appDir);
process.env.PARCOURS_COHORT_PEOPLE = String(PEOPLE);
const dataIndex = process.argv.indexOf('--data');
const given = dataIndex >= 0 ? process.argv[dataIndex + 1] : undefined;
const dataDir = given ?? mkdtempSync(join(tmpdir(), 'parcours-caseload-bench-'));
const t0 = performance.now();
const sandbox = await startSandbox({ port: 0, dataDir, appDir, watch: { pollMs: 3_600_000, fullEveryMs: 3_600_000 } });
console.log(`[bench] sandbox with the --people ${PEOPLE} cohort started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

try {
  // The user: the referent, added to active teams (in the cohort's order) until they hold TARGET people.
  const repo = sandbox.fhir.repository;
  const teams: CareTeam[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await repo.search<CareTeam>({ resourceType: 'CareTeam', count: 1000, offset })).entry ?? [];
    teams.push(...page.flatMap((e) => (e.resource?.status === 'active' ? [e.resource] : [])));
    if (page.length < 1000) break;
  }
  const has = (t: CareTeam): boolean => (t.participant ?? []).some((p) => p.member?.reference === USER_REF && !p.period?.end);
  let held = teams.filter(has).length;
  for (const team of teams) {
    if (held >= TARGET) break;
    if (has(team)) continue;
    const participant = { member: { reference: USER_REF }, role: [{ coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-careteam-role', code: 'referent-parcours-sante' }] }], period: { start: '2025-01-01' } };
    await repo.updateResource({ ...team, participant: [...(team.participant ?? []), participant] } as CareTeam & { id: string });
    held++;
  }
  console.log(`[bench] user: ${USER} (${USER_REF}), active member of ${held} people's care teams`);
  const tw = performance.now();
  const pass = await sandbox.watch!.fullPass();
  console.log(`[bench] watch full pass: ${((performance.now() - tw) / 1000).toFixed(1)} s, ${pass.active} active flags over ${pass.people} people`);

  // 1. Server time: a user-level token (EHR launch without a person), the app's queries, sent from a worker thread
  // (caseload-client.ts) so that decoding and parsing the answers is not counted on the server's thread.
  const token = await userToken();
  const rolesQuery = userRolesQuery(USER_REF);
  const queries = [...Object.entries(caseloadQueries(new Date().toISOString())), ...(rolesQuery ? [['roles', rolesQuery] as const] : [])];
  const url = (query: CaseloadQuery): string => `${sandbox.fhirBaseUrl}/${searchUrl(query)}`;
  const profileIndex = process.argv.indexOf('--cpu-profile');
  const profiler = profileIndex >= 0 ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const job: ClientJob = { queries: queries.map(([name, query]) => [name, url(query)]), base: sandbox.fhirBaseUrl, token, runs: RUNS };
  const client = new Worker(new URL('./caseload-client.ts', import.meta.url), { workerData: job });
  const answer = await new Promise<ClientAnswer>((resolve, reject) => {
    client.once('message', (m: ClientAnswer | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    client.once('error', reject);
  });
  await client.terminate();
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.argv[profileIndex + 1] ?? 'caseload.cpuprofile', JSON.stringify(profile));
    profiler.disconnect();
  }
  console.log(`[bench] server: caseload searches (user-level token, ${RUNS} runs after a warm-up, median ms, entries/pages of the last run; ${await loadAverage()}):`);
  let sum = 0;
  for (const [name, times] of Object.entries(answer.perQuery)) {
    const m = median(times);
    sum += m;
    const l = answer.last[name]!;
    console.log(`[bench]   ${name.padEnd(14)} ${m.toFixed(0).padStart(5)} ms  ${l.entries} entries in ${l.pages} page(s), ${l.kB.toFixed(0)} kB${l.total !== undefined ? `, total ${l.total}` : ''}`);
  }
  const batch = answer.batches;
  const bundles = answer.bundles;
  console.log(`[bench] server: sum of the searches ${sum.toFixed(0)} ms; sent one by one in parallel: median ${median(batch).toFixed(0)} ms (runs ${batch.map((b) => b.toFixed(0)).join(', ')})`);
  console.log(`[bench] server: one FHIR batch as the app sends it (${answer.bundleEntries.reduce((a, b) => a + b, 0)} entries): median ${median(bundles).toFixed(0)} ms (runs ${bundles.map((b) => b.toFixed(0)).join(', ')}) (target ≤ 300 ms)`);
  console.log(`[bench] server: CPU of the process (both threads, warm-up included) ${((cpu.user + cpu.system) / 1000 / (RUNS + 1)).toFixed(0)} ms per batch`);

  if (!process.argv.includes('--no-browser')) await browserFigures();
} finally {
  await sandbox.close();
  if (!given) rmSync(dataDir, { recursive: true, force: true });
}

/** EHR launch without a person (the app's own scopes, PKCE): a user-level token, refused if it names a person. */
async function userToken(): Promise<string> {
  const token = await appLaunchToken(sandbox, USER);
  if (token.patient) throw new Error(`no user-level token: the launch put ${token.patient} in context`);
  return token.access_token;
}

/** Where a run's time goes, first caseload request → rows rendered (ms): each batch's POST and its parse, the gaps. */
interface Breakdown { [step: string]: number }
interface RunFigures { full: number; fromRequest: number; afterData: number; rowsBuilt: number; rows: number; count: string; breakdown: Breakdown }

/** One EHR launch without a person in a fresh browser context, until the rows are on screen. */
async function oneRun(browser: Browser): Promise<RunFigures> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const launch = sandbox.smart.createLaunch({ user: USER, needPatientBanner: true });
    const start = Date.now();
    await page.goto(`${sandbox.url}/app/launch.html?iss=${encodeURIComponent(sandbox.fhirBaseUrl)}&launch=${encodeURIComponent(launch)}`);
    await page.waitForSelector('body[data-caseload-rendered]', { timeout: 120_000 });
    const rendered = Number(await page.getAttribute('body', 'data-caseload-rendered'));
    // The first caseload request (the batch POSTed to the FHIR base, or the first of the searches one by one), and
    // the end of the last search's answer (the data is all there: what follows is the app building the rows and
    // rendering them).
    const [firstRequest, lastAnswer, rowsMs] = await page.evaluate(() => {
      const fhir = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const caseload = fhir.filter((r) => /\/fhir\/?$/.test(r.name) || /\/fhir\/(Patient|CareTeam|CarePlan)\?/.test(r.name));
      const searches = fhir.filter((r) => /\/fhir\/?$/.test(r.name) || (/\/fhir\/[A-Za-z]+\?/.test(r.name) && !/[?&]subject=/.test(r.name)));
      const built = performance.getEntriesByName('caseload-rows')[0]?.duration ?? NaN;
      return [performance.timeOrigin + Math.min(...caseload.map((r) => r.startTime)), performance.timeOrigin + Math.max(...searches.map((r) => r.responseEnd)), built];
    });
    const breakdown = await page.evaluate((renderedAt) => {
      // The batches (POSTs to the FHIR base) in the order sent, and the app's measure of each (sent → JSON parsed).
      const posts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => /\/fhir\/?$/.test(r.name)).sort((a, b) => a.startTime - b.startTime);
      const parsed = performance.getEntriesByName('caseload-batch').sort((a, b) => a.startTime - b.startTime);
      const rowsMark = performance.getEntriesByName('caseload-rows')[0];
      const out: Record<string, number> = {};
      let at = posts[0]?.startTime ?? NaN;
      posts.forEach((post, i) => {
        const done = parsed[i] ? parsed[i].startTime + parsed[i].duration : NaN;
        out[`batch ${i + 1}: app work before it`] = post.startTime - at;
        out[`batch ${i + 1}: sent → first byte (server)`] = post.responseStart - post.startTime;
        out[`batch ${i + 1}: download`] = post.responseEnd - post.responseStart;
        out[`batch ${i + 1}: JSON parse`] = done - post.responseEnd;
        out[`batch ${i + 1}: answer's size (kB, decoded)`] = post.decodedBodySize / 1000;
        at = Math.max(at, done);
      });
      out['after the batches, before the rows'] = (rowsMark?.startTime ?? NaN) - at;
      out['rows built'] = rowsMark?.duration ?? NaN;
      const committed = performance.getEntriesByName('caseload-committed')[0]?.startTime ?? NaN;
      out['React render and commit'] = committed - ((rowsMark?.startTime ?? NaN) + (rowsMark?.duration ?? NaN));
      out['commit → frame (paint, effects, rAF)'] = renderedAt - performance.timeOrigin - committed;
      return out;
    }, rendered);
    const rows = await page.locator('[data-testid="caseload-row"]').count();
    const count = await page.getByTestId('caseload-count').innerText();
    return { full: rendered - start, fromRequest: rendered - firstRequest, afterData: rendered - lastAnswer, rowsBuilt: rowsMs, rows, count, breakdown };
  } finally {
    await context.close();
  }
}

/**
 * Headless Chromium, EHR launch without a person, until the rows are on screen (RUNS runs after one warm-up); with
 * --ab, the builds' runs alternate (the served folder is a link switched before each run) and each gets its figures.
 */
async function browserFigures(): Promise<void> {
  const browser = await launchChromium();
  const builds = ab ?? [{ label: 'app', dir: appDir }];
  const figures = new Map<string, RunFigures[]>(builds.map((b) => [b.label, []]));
  try {
    for (let run = 0; run < (RUNS + 1) * builds.length; run++) {
      const build = builds[run % builds.length]!;
      if (ab) {
        rmSync(appDir, { force: true });
        symlinkSync(build.dir, appDir);
      }
      const f = await oneRun(browser);
      // The first run of each build warms the browser's and the server's caches.
      if (run >= builds.length) figures.get(build.label)!.push(f);
      if (run >= RUNS * builds.length) console.log(`[bench] chromium${ab ? ` (${build.label})` : ''}: ${f.count.split(' · ')[0]}, ${f.rows} rows in the DOM (one page)`);
    }
  } finally {
    await browser.close();
  }
  console.log(`[bench] chromium (${await loadAverage()}):`);
  const runs = (xs: number[]): string => `median ${median(xs).toFixed(0)} ms (runs ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  for (const [label, fs] of figures) {
    const tag = ab ? ` ${label}` : '';
    console.log(`[bench] chromium${tag}: first caseload request → rows rendered: ${runs(fs.map((f) => f.fromRequest))} (target ≤ 500 ms)`);
    console.log(`[bench] chromium${tag}: last search answered → rows rendered (rows built + React render): ${runs(fs.map((f) => f.afterData))}`);
    console.log(`[bench] chromium${tag}: of which the rows built (caseloadRows over the answers): ${runs(fs.map((f) => f.rowsBuilt))}`);
    console.log(`[bench] chromium${tag}: EHR launch URL → rows rendered (SMART launch included): ${runs(fs.map((f) => f.full))}`);
    console.log(`[bench] chromium${tag}: where the first request → rows rendered goes (medians, ms; batches overlap when sent together):`);
    for (const step of Object.keys(fs[0]?.breakdown ?? {})) console.log(`[bench]   ${step.padEnd(42)} ${median(fs.map((f) => f.breakdown[step] ?? NaN)).toFixed(0).padStart(5)}`);
  }
}
