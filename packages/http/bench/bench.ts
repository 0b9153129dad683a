// Bench of the HTTP layer through the sandbox (prints figures; no assertions). It starts, in this process and side by
// side, the sandbox of this checkout and, when a baseline checkout is given (e.g. today's main), the sandbox of that
// checkout (each with its own modules, store in memory, app from its packages/app/dist), and measures over real HTTP:
//   - bytes on the wire of the heavy person's Observation search and of the largest app chunk: identity, br, gzip;
//   - requests per second of a simple read (GET Patient/<id> with a bearer token, 8 in flight), rounds alternating
//     between the two so that both see the same machine load.
// Run: node packages/http/bench/bench.ts [baseline checkout folder]   (BENCH_SECONDS per round, default 3; BENCH_ROUNDS, 4)
// The sandboxes are loaded by path (a bench of the layer under the package that composes it; no dependency added).
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

const here = join(import.meta.dirname, '..', '..', '..');
const baseline = process.argv[2];
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
process.env.LOG_LEVEL ??= 'warn'; // request lines would measure the terminal

interface Running {
  url: string;
  close(): Promise<void>;
}

async function startSandbox(root: string): Promise<Running> {
  const { startSandbox: start } = (await import(join(root, 'packages', 'sandbox', 'src', 'index.ts'))) as {
    startSandbox(options: { port: number; dataDir: string; appDir: string }): Promise<Running>;
  };
  return start({ port: 0, dataDir: ':memory:', appDir: join(root, 'packages', 'app', 'dist') });
}

/** EHR launch then the app's code flow with PKCE, as the sandbox tests do: a bearer token for `patient`. */
async function launch(origin: string, patient: string): Promise<string> {
  const launched = await fetch(`${origin}/ehr/launch`, { method: 'POST', body: new URLSearchParams({ user: 'gp', patient, target: 'tab' }), redirect: 'manual' });
  const launchValue = new URL(launched.headers.get('location') ?? '').searchParams.get('launch') ?? '';
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${origin}/app/index.html`;
  const authorize = new URL(`${origin}/auth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code', client_id: 'parcours-app', redirect_uri: redirectUri, scope: 'launch openid fhirUser patient/*.rs', state: 'bench',
    aud: `${origin}/fhir`, launch: launchValue, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  }).toString();
  const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await fetch(`${origin}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'parcours-app', code_verifier: verifier }),
  });
  return ((await token.json()) as { access_token: string }).access_token;
}

/** The heavy person's id, read from the EHR simulator's list (its own group). */
async function heavyPatient(origin: string): Promise<string> {
  const page = await (await fetch(`${origin}/`)).text();
  const group = /<optgroup label="Personne à fort volume[^"]*">\s*<option value="([^"]+)"/.exec(page);
  if (!group?.[1]) throw new Error('no heavy person in the EHR simulator page');
  return group[1];
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function wireBytes(origin: string, path: string, encoding: string, token?: string): Promise<{ status: number; bytes: number; ms: number; encoding: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(`${origin}${path}`, { agent, headers: { 'Accept-Encoding': encoding, ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
    }).on('error', reject).end();
  });
}

async function sizes(label: string, root: string, origin: string, token: string, patient: string): Promise<void> {
  const search = `/fhir/Observation?subject=Patient/${patient}&_count=1000&_sort=-date`;
  const assets = join(root, 'packages', 'app', 'dist', 'assets');
  const largest = readdirSync(assets, { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.js')).map((f) => f.name).sort((a, b) => statSync(join(assets, b)).size - statSync(join(assets, a)).size)[0];
  for (const [what, path, auth] of [['Observation search (1000)', search, token], [`app chunk ${largest}`, `/app/assets/${largest}`, undefined]] as const) {
    for (const encoding of ['identity', 'br', 'gzip']) {
      const r = await wireBytes(origin, path, encoding, auth);
      console.log(`${label.padEnd(9)} ${what.padEnd(40)} Accept-Encoding ${encoding.padEnd(8)} → ${r.status} ${r.encoding.padEnd(8)} ${(r.bytes / 1024).toFixed(1).padStart(9)} KiB ${r.ms.toFixed(0).padStart(6)} ms`);
    }
  }
}

/** Simple reads with 8 requests in flight for `seconds`: requests per second. */
async function readsPerSecond(origin: string, token: string, patient: string): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const r = await wireBytes(origin, `/fhir/Patient/${patient}`, 'identity', token);
      if (r.status !== 200) throw new Error(`read answered ${r.status}`);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, worker));
  return done / ((performance.now() - started) / 1000);
}

const versions: [string, string][] = [['new', here], ...(baseline ? ([['baseline', baseline]] as [string, string][]) : [])];
const running: { label: string; sandbox: Running; token: string; patient: string }[] = [];
try {
  for (const [label, root] of versions) {
    const sandbox = await startSandbox(root);
    const patient = await heavyPatient(sandbox.url);
    const token = await launch(sandbox.url, patient);
    running.push({ label, sandbox, token, patient });
    await sizes(label, root, sandbox.url, token, patient);
  }
  const rps = new Map<string, number[]>(versions.map(([label]) => [label, []]));
  for (let round = 0; round < rounds; round++) {
    for (const { label, sandbox, token, patient } of round % 2 ? [...running].reverse() : running) {
      await readsPerSecond(sandbox.url, token, patient); // warm-up (a shorter run would do; same length keeps it simple)
      const value = await readsPerSecond(sandbox.url, token, patient);
      rps.get(label)?.push(value);
      console.log(`${label.padEnd(9)} round ${round + 1}: simple read GET Patient/<id> (8 in flight, ${seconds} s) ${value.toFixed(0)} req/s`);
    }
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const fresh = mean(rps.get('new') ?? []);
  console.log(`new       mean ${fresh.toFixed(0)} req/s`);
  if (baseline) {
    const old = mean(rps.get('baseline') ?? []);
    console.log(`baseline  mean ${old.toFixed(0)} req/s; new/baseline ${(fresh / old).toFixed(2)}`);
  }
} finally {
  agent.destroy();
  for (const { sandbox } of running) await sandbox.close();
}
