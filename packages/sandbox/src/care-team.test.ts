// The care-team boundary at the sandbox's sign-in and its two exceptions, through the real flows (standalone launch
// page, EHR simulator, SMART code flow with PKCE) and plain HTTP: the picker lists only the user's people, a forged
// answer is refused like nobody; a person's first plan makes its author the coordinator of a first team; an emergency
// access (« bris de glace ») reads one person, writes nothing, and the team sees it in the person's audit trail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, Bundle, CarePlan, CareTeam, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl } from '@parcours/profiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { ehrLaunch, standaloneAnswer, standaloneSignIn } from './testing.ts';

const A = 'cohort-microstructure-001'; // the microstructure team's (gp, psychologist, referent)
const B = 'PatientRdrAlcoolExample'; // gp-rdr's

let sandbox: Sandbox;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parcours-care-team-'));
  sandbox = await startSandbox({ port: 0, dataDir, watch: false });
}, 180_000);
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = Resource>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sandbox.fhirBaseUrl}/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const optionIds = (html: string): string[] => [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] ?? '');

describe('standalone patient picker', () => {
  it('lists exactly the people of the user’s care teams, as the FHIR server’s policy computes them', async () => {
    const { picker } = await standaloneSignIn(sandbox, 'gp-rdr');
    const listed = optionIds(picker);
    expect(listed).toContain(B);
    expect(listed).not.toContain(A);
    const reachable = (await sandbox.fhir.careTeamPatients('Practitioner/PractitionerRdrAlcoolGpExample')).map((p) => p.id);
    expect(listed.sort()).toEqual(reachable.sort());
    const everyone = await sandbox.fhir.repository.search<Patient>({ resourceType: 'Patient', count: 1000 });
    expect(listed.length).toBeLessThan(everyone.entry?.length ?? 0); // not everyone: the picker is no directory
  });

  it('refuses a forged answer naming a person outside the teams exactly like a person that does not exist', async () => {
    const outside = await standaloneAnswer(sandbox, await standaloneSignIn(sandbox, 'gp-rdr'), { patient: A, decision: 'approve' });
    const nobody = await standaloneAnswer(sandbox, await standaloneSignIn(sandbox, 'gp-rdr'), { patient: 'nobody-at-all', decision: 'approve' });
    expect(outside.status).toBe(400);
    expect(outside.token).toBeUndefined();
    expect([outside.status, outside.text]).toEqual([nobody.status, nobody.text]);
    // the same user picking their own person gets a token for them
    const own = await standaloneAnswer(sandbox, await standaloneSignIn(sandbox, 'gp-rdr'), { patient: B, decision: 'approve' });
    expect(own.token?.patient).toBe(B);
    expect((await call(own.token!.access_token, 'GET', `Patient/${B}`)).status).toBe(200);
  });
});

describe('a person with no care team yet', () => {
  it('the user who creates their first plan becomes the coordinator of their first team, with a real token', async () => {
    const person = await sandbox.fhir.repository.createResource<Patient>({ resourceType: 'Patient', meta: { profile: [ProfileUrl.Patient] }, name: [{ family: 'Nouvelle', given: ['Personne'] }], gender: 'female', birthDate: '1990-05-05' });
    const gp = (await ehrLaunch(sandbox, 'gp', person.id, 'launch openid fhirUser patient/*.cruds')).access_token;
    const plan: CarePlan = {
      resourceType: 'CarePlan', meta: { profile: [ProfileUrl.CarePlan] }, status: 'active', intent: 'plan',
      category: [{ coding: [{ system: CodeSystemUrl.CarePlanCategory, code: 'plan-partage' }] }], subject: { reference: `Patient/${person.id}` },
    };
    const created = await call<CarePlan>(gp, 'POST', 'CarePlan', plan);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const team = await call<CareTeam>(gp, 'GET', created.body.careTeam?.[0]?.reference ?? 'CareTeam/none');
    expect(team.status).toBe(200);
    const coordinator = team.body.participant?.find((p) => p.role?.some((r) => r.coding?.some((c) => c.code === 'coordinateur')));
    expect(coordinator?.member?.reference).toBe('Practitioner/PractitionerMicrostructureGpExample');
    expect(coordinator?.role?.flatMap((r) => r.coding?.map((c) => c.code))).toContain('medecin-traitant');
    // from now on the plan is the team's: another user is refused and told to ask the GP
    const other = (await ehrLaunch(sandbox, 'gp-rdr', person.id, 'launch openid fhirUser patient/*.rs')).access_token;
    const refused = await call<OperationOutcome>(other, 'GET', `CarePlan/${created.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0]?.details?.text).toMatch(/^Vous ne faites pas partie de l’équipe de soins/);
  });
});

describe('emergency access (bris de glace)', () => {
  it('reads one person outside the team for a short while, writes nothing, and the team sees it with its reason', async () => {
    const signIn = await standaloneSignIn(sandbox, 'gp');
    expect(signIn.picker).toContain('bris de glace');
    expect((await standaloneAnswer(sandbox, signIn, { patient: B, reason: 'court', decision: 'emergency' })).status).toBe(400);
    const reason = 'Urgences : personne inconsciente, traitement de substitution à vérifier';
    const answered = await standaloneAnswer(sandbox, await standaloneSignIn(sandbox, 'gp'), { patient: B, reason, decision: 'emergency' });
    const token = answered.token!;
    expect(token.patient).toBe(B);
    expect(token.expires_in).toBe(900);
    expect(token.refresh_token).toBeUndefined();
    expect((await call(token.access_token, 'GET', `Patient/${B}`)).status).toBe(200);
    expect((await call(token.access_token, 'GET', `Patient/${A}`)).status).toBe(404); // one person only
    const note = { resourceType: 'Observation', status: 'final', code: { text: 'note' }, subject: { reference: `Patient/${B}` } };
    expect((await call(token.access_token, 'POST', 'Observation', note)).status).toBe(403);
    // B's GP, in B's team, reads the trail: the accesses are marked BTG with the reason
    const own = (await ehrLaunch(sandbox, 'gp-rdr', B, 'launch openid fhirUser patient/*.rs')).access_token;
    const trail = await call<Bundle<AuditEvent>>(own, 'GET', `AuditEvent?patient=Patient/${B}&_sort=-date&_count=20`);
    const btg = (trail.body.entry ?? []).map((e) => e.resource!).filter((e) => e.purposeOfEvent?.some((p) => p.coding?.some((c) => c.code === 'BTG')));
    expect(btg.length).toBeGreaterThanOrEqual(1);
    expect(btg[0]?.purposeOfEvent?.[0]?.text).toBe(reason);
    expect(btg[0]?.agent.find((a) => a.requestor)?.who?.reference).toBe('Practitioner/PractitionerMicrostructureGpExample');
  });
});
