// Where the redirect page's main thread spends its time (prints figures; no assertions): one warm-up launch, then a
// launch of the heavy person as the GP under Chromium's CPU profiler (CDP Profiler, 200 µs sampling), from the launch
// URL to the whole plan drawn. Prints the functions with the most self time (by script) and writes the profile
// (open it in Chromium's DevTools, Performance panel) to --out (default: a temporary file).
// --names builds without minifying (function names readable; a little slower than the real build).
// Usage: node packages/app/bench/profile.ts [--out app.cpuprofile] [--names]
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, freshDist, launchChromium, loadAverage, timeLimit } from './harness.ts';
import { measureLaunch } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dist = freshDist('parcours-app-dist-', process.argv.includes('--names') ? ['--minify', 'false'] : []);
const bench = await startSandboxBench(dist);
const browser = await launchChromium();
const cancel = timeLimit(5, 'profile');
try {
  await measureLaunch(browser, await bench.app.url(), '#timeline');
  const context = await browser.newContext();
  const page = await context.newPage();
  // Same origin first, so the launch's pages stay in the profiled renderer.
  await page.goto(`${bench.sandbox.url}/app/launch.html?bare=1`).catch(() => undefined);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(await bench.app.url());
  await page.waitForSelector('#timeline', { timeout: 60_000 });
  await page.waitForSelector('body[data-plan-rendered]', { timeout: 60_000 });
  const ms = Date.now() - t0;
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)}`));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await context.close();
  const out = arg('--out') ?? join(tmpdir(), `parcours-app-${Date.now()}.cpuprofile`);
  writeFileSync(out, JSON.stringify(profile));
  // Self time per function: each sample is charged to the node it hit, for the time until the next sample.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    const script = node.callFrame.url.split('/').at(-1)?.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js') || `(${node.callFrame.functionName || 'native'})`;
    const name = `${node.callFrame.functionName || '(anonymous)'} ${script}:${node.callFrame.lineNumber + 1}`;
    byFn.set(name, (byFn.get(name) ?? 0) + t);
    byScript.set(script, (byScript.get(script) ?? 0) + t);
  }
  const top = (m: Map<string, number>, n: number): string[] => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`);
  console.log(`launch → whole plan drawn in ${ms} ms under the profiler (${bench.patientNote}); ${await loadAverage()}`);
  console.log(`page milestones (ms after the redirect page opened): ${marks.join(', ')}`);
  console.log('self time by script:');
  console.log(top(byScript, 12).join('\n'));
  console.log('self time by function:');
  console.log(top(byFn, 30).join('\n'));
  console.log(`profile: ${out}`);
} finally {
  cancel();
  await browser.close();
  await bench.close();
}
