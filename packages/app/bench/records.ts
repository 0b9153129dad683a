// The SDC renderer of the records (issue 15): its lazy chunk (JS + CSS, gzip level 9, what opening the first form
// downloads on top of the plan) next to the plan's initial JavaScript, and the time from the click on « Remplir :
// Fiche d'entrée médicale » to an interactive form (first answer clickable), cold cache, after a real SMART EHR
// launch as the GP against the in-process sandbox. Saves docs/record-medical-entry.png and docs/record-end-of-care.png.
// Prints figures; asserts nothing. Usage: node packages/app/bench/records.ts [--runs 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './launch.ts';
import { startSandboxBench } from './sandbox-launch.ts';
import { measureInitialJs } from './size.ts';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const appDir = join(import.meta.dirname, '..');
const dist = mkdtempSync(join(tmpdir(), 'parcours-app-records-'));
process.on('exit', () => rmSync(dist, { recursive: true, force: true }));
const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], { cwd: appDir, stdio: 'inherit', timeout: 300_000 });
if (build.status !== 0) throw new Error('vite build failed');

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
}
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const initial = measureInitialJs(dist);
const initialFiles = new Set(initial.files.map((f) => f.file));
const gz = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const lazy = new Set<string>();
const visit = (key: string): void => {
  const c = manifest[key];
  if (!c || initialFiles.has(c.file) || lazy.has(c.file)) return;
  lazy.add(c.file);
  for (const css of c.css ?? []) lazy.add(css);
  for (const dep of c.imports ?? []) visit(dep);
};
visit('src/ui/records/RecordForm.tsx');
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const lazyFiles = [...lazy].map((file) => ({ file, gzip: gz(file) }));
console.log(`initial JS (plan at a glance): ${kb(initial.initialGzipBytes)} gzip (budget <= 160 KB)`);
console.log(`renderer lazy chunk (RecordForm + @medplum/react + Mantine, JS and CSS): ${kb(lazyFiles.reduce((a, f) => a + f.gzip, 0))} gzip`);
for (const f of lazyFiles.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${f.file.padEnd(48)} ${kb(f.gzip)}`);

const bench = await startSandboxBench(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
const times: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } }); // cold cache each run
    const page = await context.newPage();
    await page.goto(bench.launchUrlFor('PatientMicrostructureExample'));
    const section = page.locator('#records');
    const open = section.getByRole('button', { name: 'Remplir : Fiche d’entrée médicale' });
    await open.waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    await open.click();
    await section.getByLabel('Jamais').first().click({ timeout: 60_000 });
    times.push(Date.now() - t0);
    if (i === runs - 1) {
      await section.screenshot({ path: join(appDir, 'docs', 'record-medical-entry.png') });
      await section.getByRole('button', { name: 'Annuler' }).last().click();
      await section.getByRole('button', { name: 'Remplir : Fiche de fin d’accompagnement' }).click();
      await section.getByLabel('Relais vers un partenaire').first().click({ timeout: 60_000 });
      await section.screenshot({ path: join(appDir, 'docs', 'record-end-of-care.png') });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await bench.close();
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`click → interactive medical entry form, cold cache: ${times.join(', ')} ms (median ${sorted[Math.floor(sorted.length / 2)]} ms, ${runs} runs)`);
