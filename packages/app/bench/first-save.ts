// The first save on a slow link: headless Chromium throttled through CDP (Network.emulateNetworkConditions,
// 400 kbit/s down and up, 400 ms latency), fresh browser context each run (nothing cached), against the real
// sandbox in this process. Per run: plan readable (launch URL opened → plan and chart drawn, target <= 8 s) and
// first save (click on "Enregistrer" of a consumption → form closed by the saved write, target <= 10 s: the
// validator and its definitions are fetched then), and whether the sandbox compressed what it served.
// Prints figures; asserts nothing. Usage: node packages/app/bench/first-save.ts [--runs 3] [--patient <id>] [--eager]
import type { Browser } from 'playwright-core';
import { arg, freshDist, launchChromium, loadAverage, runsArg, throttledPage, timeLimit } from './harness.ts';
import { median } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';


interface Run {
  planMs: number;
  /** When the click came (ms after the launch URL was opened). */
  quietMs: number;
  saveMs: number;
  /** Bytes received during the save (the validator's chunks, the transaction's answer), as the browser counted them. */
  saveBytes: number;
  /** What was fetched during the save, with sizes on the wire. */
  saveRequests: string[];
  encodings: Set<string>;
}

async function firstSave(browser: Browser, launchUrl: string, eager: boolean): Promise<Run> {
  const context = await browser.newContext();
  const { page, cdp } = await throttledPage(context);
  let received = 0;
  const urls = new Map<string, string>();
  const saveRequests: string[] = [];
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string; method: string } }) => {
    urls.set(e.requestId, `${e.request.method} ${new URL(e.request.url).pathname}`);
  });
  let saving = false;
  const inFlight = new Set<string>();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string }) => {
    inFlight.add(e.requestId);
    lastActivity = Date.now();
  });
  const settle = (e: { requestId: string }): void => {
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  };
  cdp.on('Network.loadingFailed', settle);
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    settle(e);
    received += e.encodedDataLength;
    if (saving) saveRequests.push(`${urls.get(e.requestId) ?? '?'} ${(e.encodedDataLength / 1024).toFixed(0)} KB`);
  });
  const encodings = new Set<string>();
  page.on('response', (r) => {
    const type = r.headers()['content-type'] ?? '';
    if (/javascript|json/.test(type)) encodings.add(r.headers()['content-encoding'] ?? 'none');
  });
  try {
    const t0 = Date.now();
    await page.goto(launchUrl, { timeout: 180_000 });
    await page.waitForSelector('body[data-plan-rendered]', { timeout: 180_000 });
    const planMs = Number(await page.getAttribute('body', 'data-plan-rendered')) - t0;
    // A person reads the plan before writing: by default the click waits until the page's own fetches are done
    // (the observation history streaming in, the validator fetched ahead), 2 s without a request in flight.
    // --eager clicks at once, the validator then arrives during the save, competing with the history.
    while (!eager && (inFlight.size > 0 || Date.now() - lastActivity < 2000) && Date.now() - t0 < 300_000) await new Promise((r) => setTimeout(r, 200));
    const quietMs = Date.now() - t0;
    await page.getByRole('button', { name: 'Noter une consommation' }).first().click();
    const form = page.getByRole('form', { name: /consommation/i });
    await form.getByLabel('Valeur').fill('3');
    const before = received;
    saving = true;
    const t1 = Date.now();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // A successful write closes the form; a refused one keeps it open with the reason.
    try {
      await form.waitFor({ state: 'detached', timeout: 180_000 });
    } catch (error) {
      const shown = await form.innerText({ timeout: 2000 }).catch(() => '(unreadable)');
      throw new Error(`the save did not complete: ${shown.slice(0, 300)}`, { cause: error });
    }
    const saveMs = Date.now() - t1;
    saving = false;
    return { planMs, quietMs, saveMs, saveBytes: received - before, saveRequests, encodings };
  } finally {
    await context.close();
  }
}

const runs = runsArg(3);
const eager = process.argv.includes('--eager');
const dist = freshDist();
const bench = await startSandboxBench(dist);
const cancel = timeLimit(15);
const browser = await launchChromium();
try {
  const patient = arg('--patient');
  console.log(`person: ${patient ?? bench.patientNote}; network: 400 kbit/s down and up, 400 ms latency (CDP), cold cache each run; ${await loadAverage()}; click ${eager ? 'as soon as the plan is drawn (--eager)' : 'once the page is quiet'}`);
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await firstSave(browser, patient ? bench.launchUrlFor(patient) : await bench.app.url(), eager);
    results.push(run);
    console.log(`run ${i + 1}: plan readable ${(run.planMs / 1000).toFixed(1)} s, click at ${(run.quietMs / 1000).toFixed(1)} s, first save ${(run.saveMs / 1000).toFixed(1)} s (${(run.saveBytes / 1024).toFixed(0)} KB received during the save)`);
    for (const r of run.saveRequests) console.log(`    ${r}`);
  }
  const s = (xs: number[]): string => `${(median(xs) / 1000).toFixed(1)} s`;
  console.log(`median: plan readable ${s(results.map((r) => r.planMs))} (target <= 8 s), click to saved ${s(results.map((r) => r.saveMs))} (target <= 10 s)`);
  console.log(`compression of JavaScript and JSON responses: ${[...new Set(results.flatMap((r) => [...r.encodings]))].join(', ')}`);
} finally {
  cancel();
  await browser.close();
  await bench.close();
}
