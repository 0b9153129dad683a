// Load bench: concurrent clients reading the heavy person's plan (the app's three requests, see
// packages/app/src/fhir/load-plan.ts), over keep-alive connections and over new ones, against this checkout's
// server and, side by side in the same run, another checkout's (BENCH_BASELINE=/path/to/checkout, e.g. main).
// Prints latency p50/p99/max per plan and per request, connect time, the listen socket's accept-queue length
// (sampled with `ss`), requests/s and CPU (server process per thread, machine per core). No assertions.
//   BENCH_CLIENTS=1,20,50 keep-alive clients per step; BENCH_NEW=10 clients on new connections (each plan opens
//   three); BENCH_SECONDS=15 per step; BENCH_PORT=18084 first port.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuTimes, machineCpu, threadCpu } from './cpu.ts';
import type { Sample } from './load-client.ts';
import { acceptQueue, runClients } from './load-client.ts';

const HEAVY = 'cohort-heavy';
const USER = 'Practitioner/PractitionerMicrostructureGpExample';
const REVINCLUDES = ['CarePlan:subject', 'CareTeam:subject', 'Goal:subject', 'Task:patient', 'Encounter:subject', 'Appointment:patient',
  'MedicationStatement:subject', 'Composition:subject', 'Communication:subject'];
const ITERATES = ['CareTeam:participant', 'PractitionerRole:practitioner', 'PractitionerRole:organization', 'Composition:entry',
  'Composition:author', 'Encounter:service-provider', 'Task:owner'];

/** The plan's three requests, as the app sends them (in parallel). */
export const PLAN_PATHS: readonly string[] = [
  `/Patient?_id=${HEAVY}&${REVINCLUDES.map((r) => `_revinclude=${r}`).join('&')}&${ITERATES.map((r) => `_include:iterate=${r}`).join('&')}`,
  `/Observation?subject=Patient/${HEAVY}&_sort=-date&_count=500`,
  `/PractitionerRole?practitioner=${USER}&_include=PractitionerRole:organization`,
];

const clientSteps = (process.env.BENCH_CLIENTS ?? '1,20,50').split(',').map(Number);
const newClients = Number(process.env.BENCH_NEW ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const firstPort = Number(process.env.BENCH_PORT ?? 18084);
const here = resolve(import.meta.dirname, '..', 'src', 'server.ts');
const targets: { name: string; module: string }[] = [{ name: 'this checkout', module: here }];
if (process.env.BENCH_BASELINE) {
  targets.unshift({ name: `baseline ${process.env.BENCH_BASELINE}`, module: resolve(process.env.BENCH_BASELINE, 'packages/fhir-server/src/server.ts') });
}

interface Server { name: string; url: string; port: number; child: ChildProcess; dir: string }

async function serve(name: string, module: string, port: number): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'parcours-load-'));
  const child = spawn(process.execPath, ['--no-warnings', join(import.meta.dirname, 'serve.ts'), module, dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (line.startsWith('loaded ')) process.stdout.write(`  ${name}: ${line}\n`);
        if (line.startsWith('ready ')) ok(line.slice(6));
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => fail(new Error(`${name} exited (${code}) before it was ready`)));
  });
  return { name, url, port, child, dir };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN) : NaN;
};
const ms = (x: number): string => (Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const stats = (xs: number[]): string => `p50 ${ms(pct(xs, 0.5))} / p99 ${ms(pct(xs, 0.99))} / max ${ms(Math.max(...xs))} ms`;

function report(label: string, samples: Sample[]): string {
  const plans = samples.filter((s) => s.kind === label);
  if (plans.length === 0) return `    ${label}: none`;
  const failed = plans.filter((s) => !s.ok).length;
  const errors = new Map<string, number>();
  for (const e of plans.flatMap((s) => s.errors)) errors.set(e, (errors.get(e) ?? 0) + 1);
  const connect = plans.flatMap((s) => s.connectMs);
  return `    ${label.padEnd(10)} ${String(plans.length).padStart(5)} plans, plan ${stats(plans.map((s) => s.planMs))}; request ${stats(plans.flatMap((s) => s.requestMs))}` +
    (connect.length ? `; connect max ${ms(Math.max(...connect))} ms, first byte on a new connection max ${ms(Math.max(...plans.flatMap((s) => s.firstByteMs)))} ms` : '') +
    (failed ? `; ${failed} FAILED (${[...errors].map(([e, n]) => `${n}× ${e}`).join(', ')})` : '');
}

async function step(server: Server, clients: number, withNew: number): Promise<void> {
  const before = { proc: threadCpu(server.child.pid ?? 0), machine: cpuTimes() };
  let maxQueue = 0;
  const sampler = setInterval(() => {
    maxQueue = Math.max(maxQueue, acceptQueue(server.port));
  }, 100);
  const started = performance.now();
  const samples = await runClients(server.url, PLAN_PATHS, { keepAlive: clients, fresh: withNew, seconds });
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = { proc: threadCpu(server.child.pid ?? 0), machine: cpuTimes() };
  const requests = samples.reduce((n, s) => n + s.requestMs.length, 0);
  const threads = [...after.proc].map(([tid, t]) => ({ tid, s: (t - (before.proc.get(tid) ?? 0)) / elapsed })).filter((t) => t.s > 0.02);
  process.stdout.write(`  ${server.name}, ${clients} keep-alive + ${withNew} new-connection clients, ${elapsed.toFixed(1)} s: ` +
    `${(samples.length / elapsed).toFixed(1)} plans/s, ${(requests / elapsed).toFixed(0)} req/s, max accept queue ${maxQueue}\n`);
  process.stdout.write(`${report('keep-alive', samples)}\n${report('new', samples)}\n`);
  process.stdout.write(`    server CPU ${threads.reduce((n, t) => n + t.s, 0).toFixed(2)} cores (threads over 2%: ${threads.map((t) => t.s.toFixed(2)).join(', ')}); ` +
    `machine per core busy ${machineCpu(before.machine, after.machine).map((b) => `${(b * 100).toFixed(0)}%`).join(' ')}\n`);
}

/** One client, one request at a time: the heavy person's 1,500 Observations sorted, first page of 100. */
async function sortedObservations(server: Server): Promise<void> {
  const path = [`/Observation?subject=Patient/${HEAVY}&_sort=-date&_count=100`];
  const samples = await runClients(server.url, path, { keepAlive: 1, fresh: 0, seconds: 5 });
  const times = samples.map((s) => s.planMs);
  process.stdout.write(`  ${server.name}: 1,500 Observations of the heavy person, _sort=-date&_count=100, one client: ${stats(times)} (${times.length} requests)\n`);
}

const servers: Server[] = [];
try {
  process.stdout.write(`loading ${targets.length} server(s)...\n`);
  for (const [i, t] of targets.entries()) servers.push(await serve(t.name, t.module, firstPort + i));
  process.stdout.write('\n');
  for (const server of servers) await sortedObservations(server);
  for (const clients of clientSteps) {
    process.stdout.write(`\n${clients} keep-alive clients${clients > 1 && newClients ? ` + ${newClients} on new connections` : ''}:\n`);
    for (const server of servers) await step(server, clients, clients > 1 ? newClients : 0);
  }
} finally {
  for (const s of servers) {
    s.child.kill();
    rmSync(s.dir, { recursive: true, force: true });
  }
}
