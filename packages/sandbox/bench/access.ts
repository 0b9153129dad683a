// Benchmark of access control and the audit trail (prints figures; no assertions). Starts the real sandbox in this
// process, launches the app as the GP on the heavy person (EHR launch, PKCE, the app's own scopes), then measures:
// - the app's three plan requests, one after the other (server time, median), with the care-team policy in SQL
//   and one AuditEvent written per request;
// - one person's Observations sorted by date (1,000 per page, the server's maximum, and the count of all of them);
// - what the audit trail costs per read: the AuditEvent write alone, timed over the same store.
// Each figure is client time (fetch to parsed JSON, in this process) beside server time (the answers' Server-Timing:
// from the request's arrival until the answer is handed to the socket, with its phases), and the CPU time of this
// process (server and client) per request. The watch's passes are done before measuring (none runs meanwhile).
// Usage: node packages/sandbox/bench/access.ts [--runs 15] [--cpu-profile <file>]
// --cpu-profile writes a CPU profile (.cpuprofile, for Chrome's DevTools) of the measured requests only (not the
// sandbox's start nor the seeding).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEAVY_PATIENT_ID } from '@parcours/cohort';
import { writeAudit } from '@parcours/fhir-server';
import { APP_CLIENT_ID, startSandbox } from '../src/sandbox.ts';

// The answers' phases (sql, audit…), which the server sends only when asked.
process.env.SERVER_TIMING = 'phases';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, 'cpu-profile': { type: 'string' } } });
const runs = Math.max(3, Number(values.runs));
const deadline = setTimeout(() => {
  console.error('[bench] gave up after 5 minutes');
  process.exit(2);
}, 300_000);

const SCOPES = 'openid fhirUser online_access launch patient/Patient.rs patient/CarePlan.rus patient/CareTeam.rus patient/Goal.rus patient/Task.crus patient/Encounter.crs patient/Appointment.rus patient/Observation.crs patient/MedicationStatement.rs patient/Composition.rs patient/Communication.rs patient/MedicationRequest.rs patient/Provenance.c patient/Practitioner.rs patient/PractitionerRole.rs patient/Organization.rs';
const PLAN = `Patient?_id=${HEAVY_PATIENT_ID}&_revinclude=CarePlan:subject&_revinclude=CareTeam:subject&_revinclude=Goal:subject&_revinclude=Task:patient&_revinclude=Encounter:subject&_revinclude=Appointment:patient&_revinclude=MedicationStatement:subject&_revinclude=Composition:subject&_revinclude=Communication:subject&_include:iterate=CareTeam:participant&_include:iterate=PractitionerRole:practitioner&_include:iterate=PractitionerRole:organization&_include:iterate=Composition:entry&_include:iterate=Composition:author&_include:iterate=Encounter:service-provider&_include:iterate=Task:owner`;
const OBSERVATIONS = `Observation?subject=Patient/${HEAVY_PATIENT_ID}&_sort=-date&_count=500`;
const ROLE = 'PractitionerRole?practitioner=Practitioner/PractitionerMicrostructureGpExample&_include=PractitionerRole:organization';
const SORTED = `Observation?subject=Patient/${HEAVY_PATIENT_ID}&_sort=-date&_count=1000`;
const COUNT = `Observation?subject=Patient/${HEAVY_PATIENT_ID}&_summary=count`;

/** `Server-Timing: fhir;dur=9.1, audit;dur=2.2, total;dur=14.3` as milliseconds by phase (empty when absent). */
function serverTiming(header: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const metric of (header ?? '').split(',')) {
    const [name, ...params] = metric.trim().split(';');
    const dur = params.map((p) => /^\s*dur=([0-9.]+)\s*$/.exec(p)?.[1]).find((d) => d !== undefined);
    if (name && dur !== undefined) out.set(name, Number(dur));
  }
  return out;
}
const loadAverage = (): string => `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const dataDir = mkdtempSync(join(tmpdir(), 'parcours-access-bench-'));
const sandbox = await startSandbox({ port: 0, dataDir, watch: { pollMs: 3_600_000, fullEveryMs: 3_600_000 } });
try {
  await sandbox.watch?.fullPass(); // after the one started with the sandbox: no pass runs while measuring
  const launch = sandbox.smart.createLaunch({ user: 'gp', patient: HEAVY_PATIENT_ID, needPatientBanner: true });
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${sandbox.url}/app/index.html`;
  const authorize = new URL(`${sandbox.url}/auth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code', client_id: APP_CLIENT_ID, redirect_uri: redirectUri, scope: SCOPES, state: 's', aud: sandbox.fhirBaseUrl, launch,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }).toString();
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokenRes = await fetch(`${sandbox.url}/auth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: APP_CLIENT_ID, code_verifier: verifier }) });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  interface Answer { ms: number; server: Map<string, number>; entries: number; total?: number }
  const get = async (query: string): Promise<Answer> => {
    const start = performance.now();
    const res = await fetch(`${sandbox.fhirBaseUrl}/${query}`, { headers: { Authorization: `Bearer ${access_token}` } });
    const body = (await res.json()) as { entry?: unknown[]; total?: number };
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: performance.now() - start, server: serverTiming(res.headers.get('server-timing')), entries: body.entry?.length ?? 0, ...(body.total !== undefined ? { total: body.total } : {}) };
  };
  /** Client ms, then the server's phases (medians; `total` first), then the process's CPU ms per request. */
  const figures = (client: number[], server: Map<string, number>[], cpuMs: number, requests: number, unit = 'request'): string => {
    const names = [...new Set(server.flatMap((s) => [...s.keys()]))].filter((n) => n !== 'total');
    const phase = (name: string): number => median(server.map((s) => s.get(name) ?? 0));
    const serverPart = server.some((s) => s.has('total'))
      ? `server ${phase('total').toFixed(1)} ms (${names.map((n) => `${n} ${phase(n).toFixed(1)}`).join(', ')})`
      : 'server time not reported';
    return `${median(client).toFixed(1).padStart(7)} ms client, ${serverPart}, CPU ${(cpuMs / requests).toFixed(1)} ms/${unit}`;
  };
  const measure = async (query: string): Promise<{ line: string; entries: number; total?: number }> => {
    const times: number[] = [];
    const server: Map<string, number>[] = [];
    let last = await get(query); // warm-up (statement cache, definitions)
    const cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      last = await get(query);
      times.push(last.ms);
      server.push(last.server);
    }
    const used = process.cpuUsage(cpu);
    return { line: figures(times, server, (used.user + used.system) / 1000, runs), entries: last.entries, ...(last.total !== undefined ? { total: last.total } : {}) };
  };

  const profiler = values['cpu-profile'] ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  console.log(`[bench] ${loadAverage()}`);
  const plan: number[] = [];
  const planServer: Map<string, number>[] = [];
  let planCpu = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const cpu = process.cpuUsage();
    const answers: Answer[] = [];
    for (const q of [PLAN, OBSERVATIONS, ROLE]) answers.push(await get(q));
    if (i === 0) continue; // warm-up
    const used = process.cpuUsage(cpu);
    planCpu += (used.user + used.system) / 1000;
    plan.push(performance.now() - t0);
    // The three answers' phases added up: the plan's server time.
    const sum = new Map<string, number>();
    for (const a of answers) for (const [name, ms] of a.server) sum.set(name, (sum.get(name) ?? 0) + ms);
    planServer.push(sum);
  }
  console.log(`${figures(plan, planServer, planCpu, runs, 'plan')} — the plan's three requests, one after the other (median of ${runs}; audit on)`);
  for (const [label, q] of [['plan', PLAN], ['observations (500)', OBSERVATIONS], ['user role', ROLE], ['1,000 of the Observations sorted by date', SORTED], ['count of all the Observations', COUNT]] as const) {
    const m = await measure(q);
    console.log(`${m.line} — ${label}: ${m.entries} entries${m.total !== undefined ? `, total ${m.total}` : ''}`);
  }

  // The audit write alone, as the server does it for each read (an AuditEvent created, committed and fsynced).
  const principal = { level: 'patient' as const, user: 'Practitioner/PractitionerMicrostructureGpExample', patient: HEAVY_PATIENT_ID, clientId: APP_CLIENT_ID, readTypes: '*' as const, deniedLabels: [], shared: true };
  const audit: number[] = [];
  for (let i = 0; i < runs * 4; i++) {
    const start = performance.now();
    await writeAudit(sandbox.fhir.repository, { principal, interaction: 'search-type', method: 'GET', status: 200, patients: [HEAVY_PATIENT_ID], resources: [], query: OBSERVATIONS.split('?')[1] ?? '', now: Date.now() });
    audit.push(performance.now() - start);
  }
  console.log(`${median(audit).toFixed(2).padStart(7)} ms  the audit trail per read (one AuditEvent written and fsynced, median of ${audit.length})`);
  console.log(`[bench] ${loadAverage()}`);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(values['cpu-profile'] ?? 'access.cpuprofile', JSON.stringify(profile));
    profiler.disconnect();
  }
} finally {
  clearTimeout(deadline);
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}
