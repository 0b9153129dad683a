// One launch of the heavy person as the GP, then a census of what the page holds once the whole plan is drawn
// (prints figures; no assertions): DOM elements per section, the narrative's size, the chart's canvases, and the
// encoding of the app's scripts as the sandbox sent them. Usage: node packages/app/bench/dom-census.ts
import { freshDist, launchChromium, timeLimit } from './harness.ts';
import { startSandboxBench } from './sandbox-launch.ts';

const dist = freshDist();
const bench = await startSandboxBench(dist);
const browser = await launchChromium();
const cancel = timeLimit(5, 'census');
try {
  const page = await (await browser.newContext()).newPage();
  const encodings = new Map<string, string>();
  page.on('response', (r) => {
    if (r.url().includes('/app/assets/')) encodings.set(r.url().split('/').at(-1) ?? '', r.headers()['content-encoding'] ?? 'identity');
  });
  await page.goto(await bench.app.url());
  await page.waitForSelector('body[data-plan-rendered]', { timeout: 60_000 });
  const census = await page.evaluate(() => ({
    total: document.querySelectorAll('*').length,
    sections: [...document.querySelectorAll('section[id], header.banner')].map((s) => [s.id || s.className, s.querySelectorAll('*').length] as const),
    narrative: [...document.querySelectorAll('.narrative')].map((n) => n.innerHTML.length),
    canvases: document.querySelectorAll('canvas').length,
  }));
  console.log(`elements: ${census.total}; canvases: ${census.canvases}; narrative chars: ${census.narrative.join(', ')}`);
  for (const [id, n] of census.sections) console.log(`  ${id.padEnd(24)} ${n}`);
  console.log(`assets: ${[...encodings].map(([f, e]) => `${f} ${e}`).join(', ')}`);
} finally {
  cancel();
  await browser.close();
  await bench.close();
}
