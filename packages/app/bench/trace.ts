// Where the redirect page's main thread spends its time, from a Chromium trace (prints figures; no assertions): one
// warm-up launch, then a traced launch of the heavy person as the GP, from the launch URL to the whole plan drawn.
// Prints the renderer's main-thread tasks of the redirect page longer than 2 ms, in order, with what filled them
// (script by file, style, layout, paint), beside the page's own milestones; writes the trace (open it in Chromium's
// DevTools, Performance panel) to --out (default: a temporary file). Less overhead than the sampling profiler.
// Usage: node packages/app/bench/trace.ts [--out app.trace.json]
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, freshDist, launchChromium, loadAverage, timeLimit } from './harness.ts';
import { measureLaunch } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; frame?: string; functionName?: string } } }

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel'];
const dist = freshDist();
const bench = await startSandboxBench(dist);
const browser = await launchChromium();
const cancel = timeLimit(5, 'trace');
try {
  await measureLaunch(browser, await bench.app.url(), '#timeline');
  const context = await browser.newContext();
  const page = await context.newPage();
  const out = arg('--out') ?? join(tmpdir(), `parcours-app-${Date.now()}.trace.json`);
  await browser.startTracing(page, { path: out, categories: CATEGORIES });
  const t0 = Date.now();
  await page.goto(await bench.app.url());
  await page.waitForSelector('#timeline', { timeout: 60_000 });
  await page.waitForSelector('body[data-plan-rendered]', { timeout: 60_000 });
  const ms = Number(await page.getAttribute('body', 'data-plan-rendered')) - t0;
  await browser.stopTracing();
  await context.close();
  const events = (JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  // The redirect page's renderer main thread: the thread that ran index.html's scripts.
  const main = events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.includes('/app/index.html')) ?? events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args).includes('index.html'));
  if (!main) throw new Error('no redirect page in the trace');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const navigation = events.find((e) => e.name === 'navigationStart' && JSON.stringify(e.args).includes('index.html')) ?? main;
  const origin = navigation.ts;
  const marks = events.filter((e) => e.pid === main.pid && e.ph === 'R' || (e.ph === 'I' && e.name.startsWith('parcours:'))).filter((e) => e.name.startsWith('parcours:'));
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 2000 && e.ts >= origin);
  const what = (task: TraceEvent): string => {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0));
    const sums = new Map<string, number>();
    for (const e of inside) {
      const file = (e.args?.data?.url ?? '').split('/').at(-1)?.split('?')[0]?.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
      const key = e.name === 'Layout' ? 'layout' : e.name === 'UpdateLayoutTree' ? 'style' : e.name === 'Paint' || e.name === 'PrePaint' ? 'paint' : e.name === 'v8.compileModule' || e.name === 'v8.compile' ? `compile ${file}` : e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript' ? `evaluate ${file}` : e.name === 'FunctionCall' ? `call ${file}` : e.name === 'ParseHTML' ? 'parse html' : e.name === 'MajorGC' || e.name === 'MinorGC' ? 'gc' : '';
      if (key) sums.set(key, (sums.get(key) ?? 0) + (e.dur ?? 0) / 1000);
    }
    return [...sums].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= 0.5).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
  };
  console.log(`launch → whole plan drawn in ${ms} ms under tracing (${bench.patientNote}); ${await loadAverage()}`);
  console.log(`marks (ms after the redirect page's navigation): ${marks.map((m) => `${m.name} ${((m.ts - origin) / 1000).toFixed(0)}`).join(', ')}`);
  console.log('main-thread tasks over 2 ms (start, duration, what filled them):');
  for (const task of tasks) console.log(`  ${((task.ts - origin) / 1000).toFixed(0).padStart(5)} ${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${what(task)}`);
  console.log(`trace: ${out}`);
} finally {
  cancel();
  await browser.close();
  await bench.close();
}
