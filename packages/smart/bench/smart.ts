// Benchmark of the SMART simulator: key generation, full EHR launch round trips over HTTP, token checks by the
// guard, and patient compartment checks. Prints figures; bounded in iterations. Run: node packages/smart/bench/smart.ts
import type { IncomingMessage } from 'node:http';
import { inPatientCompartment } from '../src/compartment.ts';
import { generateSigningKey } from '../src/keys.ts';
import { authorizeParams, exchangeCode, getAuthorize, pkce, startFixture } from '../src/testing.ts';

function report(label: string, totalMs: number, n: number): void {
  console.log(`${label.padEnd(48)} ${(totalMs / n).toFixed(3).padStart(9)} ms/op  (${n} ops, ${totalMs.toFixed(0)} ms)`);
}

for (const alg of ['ES256', 'RS256'] as const) {
  const t = performance.now();
  await generateSigningKey(alg);
  report(`signing key generation ${alg}`, performance.now() - t, 1);
}

const fx = await startFixture();
try {
  const flows = 200;
  let token = '';
  let t = performance.now();
  for (let i = 0; i < flows; i++) {
    const launch = fx.smart.createLaunch({ patient: 'p1', user: 'gp' });
    const { verifier, challenge } = pkce();
    const res = await getAuthorize(fx, authorizeParams(fx, { launch, scope: 'launch openid fhirUser patient/*.rs offline_access', code_challenge: challenge }));
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    token = ((await (await exchangeCode(fx, code, verifier)).json()) as { access_token: string }).access_token;
  }
  report('EHR launch: authorize + token (HTTP, id_token)', performance.now() - t, flows);

  const checks = 5000;
  const req = { headers: { authorization: `Bearer ${token}` } } as IncomingMessage;
  const obs = { resourceType: 'Observation' as const, status: 'final' as const, code: { text: 'x' }, subject: { reference: 'Patient/p1' } };
  t = performance.now();
  for (let i = 0; i < checks; i++) {
    const grant = await fx.smart.guard.authorize(req, { method: 'GET', interaction: 'read', resourceType: 'Observation', id: 'o1' });
    if (!grant.canRead(obs)) throw new Error('bench: unexpected denial');
  }
  report('guard.authorize + canRead (JWT verify)', performance.now() - t, checks);

  const other = { ...obs, subject: { reference: 'Patient/p2' }, performer: [{ reference: 'Practitioner/gp1' }] };
  t = performance.now();
  for (let i = 0; i < checks; i++) inPatientCompartment(other, 'p1');
  report('patient compartment check (miss, 2 expressions)', performance.now() - t, checks);
} finally {
  await fx.close();
}
