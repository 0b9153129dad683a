// Benchmark of access control and the audit trail (prints figures; no assertions). Starts the real sandbox in this
// process, launches the app as the GP on the heavy person (EHR launch, PKCE, the app's own scopes), then measures:
// - the app's three plan requests, one after the other (server time, median), with the care-team policy in SQL
//   and one AuditEvent written per request;
// - one person's Observations sorted by date (1,000 per page, the server's maximum, and the count of all of them);
// - what the audit trail costs per read: the AuditEvent write alone, timed over the same store.
// Usage: node packages/sandbox/bench/access.ts [--runs 15]
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEAVY_PATIENT_ID } from '@parcours/cohort';
import { writeAudit } from '@parcours/fhir-server';
import { APP_CLIENT_ID, startSandbox } from '../src/sandbox.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const dataDir = mkdtempSync(join(tmpdir(), 'parcours-access-bench-'));
const sandbox = await startSandbox({ port: 0, dataDir });
try {
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
  const get = async (query: string): Promise<{ ms: number; entries: number; total?: number }> => {
    const start = performance.now();
    const res = await fetch(`${sandbox.fhirBaseUrl}/${query}`, { headers: { Authorization: `Bearer ${access_token}` } });
    const body = (await res.json()) as { entry?: unknown[]; total?: number };
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: performance.now() - start, entries: body.entry?.length ?? 0, ...(body.total !== undefined ? { total: body.total } : {}) };
  };
  const measure = async (query: string): Promise<{ median: number; entries: number; total?: number }> => {
    const times: number[] = [];
    let last = await get(query); // warm-up (statement cache, definitions)
    for (let i = 0; i < runs; i++) {
      last = await get(query);
      times.push(last.ms);
    }
    return { median: median(times), entries: last.entries, ...(last.total !== undefined ? { total: last.total } : {}) };
  };

  const plan: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    for (const q of [PLAN, OBSERVATIONS, ROLE]) await get(q);
    if (i > 0) plan.push(performance.now() - t0);
  }
  console.log(`${median(plan).toFixed(1).padStart(7)} ms  the plan's three requests, one after the other (median of ${runs}; audit on)`);
  for (const [label, q] of [['plan', PLAN], ['observations (500)', OBSERVATIONS], ['user role', ROLE], ['1,000 of the Observations sorted by date', SORTED], ['count of all the Observations', COUNT]] as const) {
    const m = await measure(q);
    console.log(`${m.median.toFixed(1).padStart(7)} ms  ${label} — ${m.entries} entries${m.total !== undefined ? `, total ${m.total}` : ''}`);
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
} finally {
  clearTimeout(deadline);
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}
