// Token exchange (RFC 8693) at the plan server, over HTTP with real tokens from the real EHR flow: the simulator's
// "from the GP's EHR" form, the EHR's own authorization server (/dpi/auth), then the plan server's token endpoint.
import { createHmac } from 'node:crypto';
import type { Bundle, CarePlan, Identifier, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { dpiLaunch, ehrLaunch, exchangeAtPlan } from './testing.ts';

const INS = 'urn:oid:1.2.250.1.213.1.4.8';
const A = 'cohort-microstructure-001'; // followed by Dr Rossi on the plan server
const B = 'PatientRdrAlcoolExample'; // in Dr Rossi's EHR, but her plan team is Dr Caron's
let sandbox: Sandbox;
let offset = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dataDir: ':memory:', watch: false, now: () => Date.now() + offset });
}, 180_000);
afterAll(async () => {
  await sandbox.close();
});

const insOf = (p: Patient): string | undefined => p.identifier?.find((i: Identifier) => i.system === INS)?.value;

/** The EHR's id of a plan person: the EHR file carrying the same INS. */
async function ehrIdOf(planId: string): Promise<string> {
  const ins = insOf(await sandbox.fhir.repository.readResource<Patient>('Patient', planId));
  const found = await sandbox.ehr.fhir.repository.search<Patient>({ resourceType: 'Patient', filters: [{ code: 'identifier', operator: 'eq' as never, value: `${INS}|${ins}` }] });
  const id = found.entry?.[0]?.resource?.id;
  if (!id) throw new Error(`no EHR file for ${planId}`);
  return id;
}

async function get<T>(token: string, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandbox.fhirBaseUrl}/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

function refusal(answer: { status: number; body: Record<string, unknown> }, error: string, words: RegExp): void {
  expect(answer.status).toBe(error === 'invalid_client' ? 401 : 400);
  expect(answer.body['error']).toBe(error);
  expect(String(answer.body['error_description'])).toMatch(words);
  expect(answer.body['access_token']).toBeUndefined();
  const outcome = answer.body['outcome'] as OperationOutcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue[0]?.expression?.length).toBe(1);
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (jwt: string): [Record<string, unknown>, Record<string, unknown>] => {
  const [h, p] = jwt.split('.');
  return [JSON.parse(Buffer.from(h ?? '', 'base64url').toString()), JSON.parse(Buffer.from(p ?? '', 'base64url').toString())];
};

describe('token exchange: the happy path', () => {
  it('the GP launched from her EHR gets a plan-server token for the same person (by INS) as herself (by RPPS)', async () => {
    const ehrId = await ehrIdOf(A);
    expect(ehrId).not.toBe(A);
    const ehr = await dpiLaunch(sandbox, 'dpi-rossi', ehrId);
    expect(ehr.patient).toBe(ehrId);
    const answer = await exchangeAtPlan(sandbox, ehr);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', patient: A, fhirUser: 'Practitioner/PractitionerMicrostructureGpExample' });
    expect(String(answer.body['scope']).split(' ').every((s) => !s.startsWith('user/') && !s.startsWith('system/') && !s.startsWith('launch'))).toBe(true);
    const plans = await get<Bundle<CarePlan>>(String(answer.body['access_token']), `CarePlan?subject=Patient/${A}`);
    expect(plans.status).toBe(200);
    expect(plans.body.entry?.length).toBeGreaterThan(0);
    // The EHR's own token means nothing to the plan server.
    expect((await get(ehr.access_token, `CarePlan?subject=Patient/${A}`)).status).toBe(401);
  });

  it('the plan server advertises the grant type', async () => {
    const config = (await (await fetch(`${sandbox.fhirBaseUrl}/.well-known/smart-configuration`)).json()) as { grant_types_supported: string[] };
    expect(config.grant_types_supported).toContain('urn:ietf:params:oauth:grant-type:token-exchange');
  });
});

describe('token exchange: attacks and bad input', () => {
  it('refuses a replayed id_token', async () => {
    const ehr = await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(A));
    expect((await exchangeAtPlan(sandbox, ehr)).status).toBe(200);
    refusal(await exchangeAtPlan(sandbox, ehr), 'invalid_grant', /déjà été échangé/);
  });

  it('refuses an id_token older than five minutes (the plan server’s clock moved on)', async () => {
    const ehr = await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(A));
    offset = 10 * 60 * 1000;
    try {
      refusal(await exchangeAtPlan(sandbox, ehr), 'invalid_grant', /expiré/);
    } finally {
      offset = 0;
    }
    expect((await exchangeAtPlan(sandbox, ehr)).status).toBe(200); // the refusal did not consume it
  });

  it('refuses an unregistered issuer: the plan server’s own id_token, and one signed by an unknown EHR', async () => {
    const own = (await ehrLaunch(sandbox, 'gp', A, 'launch openid fhirUser patient/*.rs')) as unknown as { id_token: string; access_token: string };
    refusal(await exchangeAtPlan(sandbox, own), 'invalid_grant', /non enregistré/);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ fhirUser: 'https://dpi-pirate.example/fhir/Practitioner/x' }).setProtectedHeader({ alg: 'ES256' })
      .setIssuer('https://dpi-pirate.example/fhir').setSubject('x').setAudience('parcours-app').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    refusal(await exchangeAtPlan(sandbox, { id_token: forged, access_token: forged }), 'invalid_grant', /non enregistré/);
  });

  it('refuses an id_token the EHR issued to another app (wrong audience)', async () => {
    const other = await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(A), 'dpi-agenda');
    refusal(await exchangeAtPlan(sandbox, other), 'invalid_grant', /« aud »/);
  });

  it('refuses a tampered id_token and alg confusion (none, HS256 keyed with the EHR’s public key)', async () => {
    const ehr = await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(A));
    const [header, payload] = parts(ehr.id_token);
    const signature = ehr.id_token.split('.')[2];
    const tampered = `${b64(header)}.${b64({ ...payload, sub: 'dpi-caron', fhirUser: String(payload['fhirUser']).replace('dpi-prat-rossi', 'dpi-prat-caron') })}.${signature}`;
    refusal(await exchangeAtPlan(sandbox, { ...ehr, id_token: tampered }), 'invalid_grant', /signature ou algorithme/);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    refusal(await exchangeAtPlan(sandbox, { ...ehr, id_token: none }), 'invalid_grant', /signature ou algorithme/);
    const publicKey = JSON.stringify((await sandbox.ehr.smart.jwks())['keys']);
    const hsInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: header['kid'] })}.${b64(payload)}`;
    const hs = `${hsInput}.${createHmac('sha256', publicKey).update(hsInput).digest('base64url')}`;
    refusal(await exchangeAtPlan(sandbox, { ...ehr, id_token: hs }), 'invalid_grant', /signature ou algorithme/);
    const { privateKey } = await generateKeyPair('ES256');
    const resigned = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: String(header['kid']) }).sign(privateKey);
    refusal(await exchangeAtPlan(sandbox, { ...ehr, id_token: resigned }), 'invalid_grant', /signature ou algorithme/);
    expect((await exchangeAtPlan(sandbox, ehr)).status).toBe(200); // none of the forgeries consumed the real one
  });

  it('refuses an EHR access token of another user than the id_token’s', async () => {
    const rossi = await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(A));
    const secretary = await dpiLaunch(sandbox, 'dpi-secretariat', await ehrIdOf(A));
    refusal(await exchangeAtPlan(sandbox, { id_token: rossi.id_token, access_token: secretary.access_token }), 'invalid_grant', /même utilisateur/);
  });

  it('refuses a practitioner without RPPS, a person without INS, an INS the plan server does not hold', async () => {
    refusal(await exchangeAtPlan(sandbox, await dpiLaunch(sandbox, 'dpi-secretariat', await ehrIdOf(A))), 'invalid_grant', /pas de RPPS/);
    refusal(await exchangeAtPlan(sandbox, await dpiLaunch(sandbox, 'dpi-rossi', 'dpi-sans-ins')), 'invalid_grant', /pas d’INS/);
    refusal(await exchangeAtPlan(sandbox, await dpiLaunch(sandbox, 'dpi-rossi', 'dpi-hors-parcours')), 'invalid_grant', /Aucune personne ne porte cet INS/);
  });

  it('refuses an INS found twice on the plan server, and chooses neither', async () => {
    const person = await sandbox.fhir.repository.readResource<Patient>('Patient', A);
    const twin = await sandbox.fhir.repository.createResource<Patient>({ resourceType: 'Patient', identifier: [{ system: INS, value: insOf(person) ?? '' }], name: [{ family: 'Doublon' }] });
    try {
      refusal(await exchangeAtPlan(sandbox, await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(A))), 'invalid_grant', /Plusieurs personnes/);
    } finally {
      await sandbox.fhir.repository.deleteResource('Patient', twin.id ?? '');
    }
  });

  it('a GP whose EHR holds a person of another care team gets nothing of that plan (the care-team policy)', async () => {
    const answer = await exchangeAtPlan(sandbox, await dpiLaunch(sandbox, 'dpi-rossi', await ehrIdOf(B)));
    expect(answer.status).toBe(200);
    expect(answer.body['patient']).toBe(B);
    const read = await get<OperationOutcome>(String(answer.body['access_token']), `CarePlan?subject=Patient/${B}`);
    expect(read.status).toBe(403);
    expect(read.body.issue[0]?.details?.coding?.[0]?.code).toBe('not-in-care-team');
  });

  it('writes nothing on the plan server when it refuses', async () => {
    const count = async (): Promise<number> => (await sandbox.fhir.repository.search({ resourceType: 'AuditEvent', count: 5000 })).entry?.length ?? 0;
    const before = await count();
    await exchangeAtPlan(sandbox, await dpiLaunch(sandbox, 'dpi-rossi', 'dpi-hors-parcours'));
    await exchangeAtPlan(sandbox, { id_token: 'not.a.jwt', access_token: 'x' });
    expect(await count()).toBe(before);
  });
});
