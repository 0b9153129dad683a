// Start-up benchmark of the sandbox: cold start (empty data folder: generate + load + ready), warm start (data
// already loaded), cohort generation and load times, resource counts, and the same for a larger cohort.
// Each start is a real `node src/main.ts` process, timed from spawn to its "ready" line (module loading included).
//   node packages/sandbox/bench/startup.ts [--people 1000] [--runs 3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cohortSummary, generateCohort } from '@parcours/cohort';

const { values } = parseArgs({ options: { people: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const largePeople = Number(values.people);
const runs = Math.max(1, Number(values.runs));
const mainTs = join(import.meta.dirname, '..', 'src', 'main.ts');
const LIMIT_MS = 180_000;
const deadline = setTimeout(() => {
  console.error('[bench] gave up after 10 minutes');
  process.exit(1);
}, 600_000);

interface Start {
  wallMs: number;
  line: string;
}

/** Starts the sandbox in a child process on a free port, waits for "ready", stops it. */
function start(dataDir: string, args: string[] = []): Promise<Start> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [mainTs, ...args], { env: { ...process.env, PORT: '0', MLLP_PORT: '0', PARCOURS_DATA: dataDir, PARCOURS_COHORT_PEOPLE: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "ready" within ${LIMIT_MS / 1000} s:\n${out}`));
    }, LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('[sandbox] ready'));
      if (line) {
        const wallMs = performance.now() - began;
        clearTimeout(timer);
        child.once('exit', () => resolve({ wallMs, line }));
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const detail = (line: string): string => line.replace(/^\[sandbox\] ready in [\d.]+s /, '');

function generation(people: number): { ms: number; count: number; summary: string } {
  const times: number[] = [];
  let count = 0;
  let summary = '';
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const resources = generateCohort({ people });
    times.push(performance.now() - t);
    count = resources.length;
    const { byType } = cohortSummary(resources);
    summary = ['Patient', 'Appointment', 'Encounter', 'Observation'].map((type) => `${byType[type] ?? 0} ${type}`).join(', ');
  }
  return { ms: median(times), count, summary };
}

async function scenario(label: string, people: number): Promise<void> {
  const gen = generation(people);
  console.log(`\n## ${label}: ${people} people + the heavy person`);
  console.log(`cohort generation (in process, median of ${runs}) ${s(gen.ms).padStart(9)}   ${gen.count} resources (${gen.summary})`);
  const dir = mkdtempSync(join(tmpdir(), 'parcours-bench-'));
  try {
    const args = people === 120 ? [] : ['--people', String(people)];
    const cold = await start(dir, args);
    console.log(`cold start (empty data folder)            ${s(cold.wallMs).padStart(9)}   ${detail(cold.line)}`);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push((await start(dir, args)).wallMs);
    console.log(`warm start (data loaded, median of ${runs})     ${s(median(warm)).padStart(9)}   runs: ${warm.map(s).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`# Sandbox start-up (node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
await scenario('default cohort', 120);
if (largePeople > 0 && largePeople !== 120) await scenario('larger cohort', largePeople);
clearTimeout(deadline);
