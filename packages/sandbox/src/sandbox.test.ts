// The sandbox as a GP's EHR uses it: EHR launch from the simulator, the app's SMART code flow with PKCE, then
// FHIR reads limited to the launched person, and the seeded data valid against the Parcours profiles.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, CareTeam, Encounter, Observation } from '@medplum/fhirtypes';
import { generateCohort, HEAVY_PATIENT_ID } from '@parcours/cohort';
import { createFhirServer } from '@parcours/fhir-server';
import { examples } from '@parcours/profiles';
import { SMART_BODY_LIMIT } from '@parcours/smart';
import { hasErrors, validate } from '@parcours/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EHR_BODY_LIMIT } from './ehr-routes.ts';
import { startSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { seed, seedResources } from './seed.ts';
import { ehrForm, ehrLaunch as launchAs } from './testing.ts';
import type { TokenResponse } from './testing.ts';

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parcours-sandbox-'));
  sandbox = await startSandbox({ port: 0, dataDir, mllpPort: 0 });
}, 120_000);

afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function ehrLaunch(user: string, patient: string, scope?: string): Promise<TokenResponse> {
  return launchAs(sandbox, user, patient, scope);
}

describe('sandbox', () => {
  it('seeds the examples, the roles and the cohort once, examples and roles valid against their Parcours profile', async () => {
    const all = seedResources();
    expect(sandbox.seeded.loaded).toBe(all.length);
    expect(all.filter((r) => r.resourceType === 'Patient').length).toBeGreaterThan(120);
    // The cohort's own test validates its resources; here the examples and the sandbox's roles.
    for (const resource of all.filter((r) => !r.id?.startsWith('cohort-'))) {
      expect(hasErrors(validate(resource)), `${resource.resourceType}/${resource.id}`).toBe(false);
    }
    expect(await seed(sandbox.fhir.repository)).toMatchObject({ skipped: true, loaded: 0 });
    await expect(sandbox.fhir.repository.readResource('Patient', HEAVY_PATIENT_ID)).resolves.toMatchObject({ id: HEAVY_PATIENT_ID });
  });

  it('reloads when the cohort asked for differs from the loaded one (size or seed), in one transaction', async () => {
    const fhir = await createFhirServer({ dataDir: ':memory:', baseUrl: 'http://localhost/fhir' });
    try {
      const first = await seed(fhir.repository, { people: 3 });
      expect(first).toMatchObject({ skipped: false, loaded: seedResources({ people: 3 }).length });
      expect(await seed(fhir.repository, { people: 3 })).toMatchObject({ skipped: true });
      expect(await seed(fhir.repository, { people: 4 })).toMatchObject({ skipped: false });
      const patients = await fhir.repository.search({ resourceType: 'Patient', count: 1000 });
      expect(patients.entry?.filter((e) => e.resource?.id?.startsWith('cohort-'))).toHaveLength(5);
    } finally {
      await fhir.close();
    }
  });

  it('serves the EHR simulator with the users and the people of the store, grouped by programme', async () => {
    const page = await (await fetch(`${sandbox.url}/`)).text();
    expect(page).toContain('Simulateur de DPI');
    expect(page).toContain('PatientMicrostructureExample');
    expect(page).toContain(`value="${HEAVY_PATIENT_ID}"`);
    expect(page).toMatch(/<optgroup label="Personne à fort volume[^"]*\(1\)">/);
    expect(page).toMatch(/<optgroup label="Cohorte — Microstructure[^"]*\(48\)">/);
    expect(page).toMatch(/<optgroup label="Cohorte — Réduction des risques alcool[^"]*\(24\)">/);
    expect(page).toContain('121 personnes de la cohorte');
    // Every role records its own work: the harm-reduction worker and the social-housing psychologist are users too.
    expect(page).toContain('value="rdr-worker"');
    expect(page).toContain('value="psychologist-housing"');
  });

  it('EHR launch as the GP on a cohort person of their team reads that person\'s plan, team and heavy history', async () => {
    const team = generateCohort().find((r): r is CareTeam => r.resourceType === 'CareTeam' && r.status === 'active' && r.subject?.reference !== `Patient/${HEAVY_PATIENT_ID}`
      && (r.participant ?? []).some((p) => p.member?.reference === 'PractitionerRole/PractitionerRoleMicrostructureGpExample'));
    const patientId = team?.subject?.reference?.split('/')[1] ?? '';
    expect(patientId).toMatch(/^cohort-microstructure-/);
    const token = await ehrLaunch('gp', patientId);
    expect(token.patient).toBe(patientId);
    const headers = { Authorization: `Bearer ${token.access_token}` };
    const teams = (await (await fetch(`${sandbox.fhirBaseUrl}/CareTeam?subject=Patient/${patientId}`, { headers })).json()) as Bundle<CareTeam>;
    expect(teams.entry?.[0]?.resource?.participant?.map((p) => p.member?.reference)).toContain('PractitionerRole/PractitionerRoleMicrostructureGpExample');
    const plans = (await (await fetch(`${sandbox.fhirBaseUrl}/CarePlan?subject=Patient/${patientId}`, { headers })).json()) as Bundle;
    expect(plans.entry?.map((e) => e.resource?.id)).toEqual([`${patientId}-plan`]);

    const heavy = await ehrLaunch('gp', HEAVY_PATIENT_ID);
    const observations = (await (await fetch(`${sandbox.fhirBaseUrl}/Observation?subject=Patient/${HEAVY_PATIENT_ID}&_count=1000&_sort=-date`, { headers: { Authorization: `Bearer ${heavy.access_token}` } })).json()) as Bundle;
    expect(observations.entry).toHaveLength(1000);
    expect(observations.link?.some((l) => l.relation === 'next')).toBe(true);
  });

  it('publishes SMART discovery on the FHIR base and in /metadata', async () => {
    const config = (await (await fetch(`${sandbox.fhirBaseUrl}/.well-known/smart-configuration`)).json()) as { code_challenge_methods_supported: string[] };
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
    const metadata = await (await fetch(`${sandbox.fhirBaseUrl}/metadata`)).text();
    expect(metadata).toContain('oauth-uris');
  });

  it('rejects FHIR requests without a token', async () => {
    const response = await fetch(`${sandbox.fhirBaseUrl}/Patient`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('EHR launch as a GP gives the person context and reads only that person', async () => {
    const token = await ehrLaunch('gp', 'PatientMicrostructureExample');
    expect(token.patient).toBe('PatientMicrostructureExample');
    expect(token.need_patient_banner).toBe(true);
    const headers = { Authorization: `Bearer ${token.access_token}` };
    const plans = (await (await fetch(`${sandbox.fhirBaseUrl}/CarePlan?subject=Patient/PatientMicrostructureExample`, { headers })).json()) as Bundle;
    expect(plans.entry?.map((e) => e.resource?.id)).toEqual(['CarePlanMicrostructureExample']);
    // Another person's record answers as a record that does not exist.
    const other = await fetch(`${sandbox.fhirBaseUrl}/Patient/PatientRdrAlcoolExample`, { headers });
    expect(other.status).toBe(404);
    expect((await fetch(`${sandbox.fhirBaseUrl}/Patient/nobody-at-all`, { headers })).status).toBe(404);
  });

  it('validates every write against its Parcours profile: an invalid one is refused with an OperationOutcome, nothing stored', async () => {
    const token = await ehrLaunch('gp', 'PatientMicrostructureExample', 'launch openid fhirUser patient/Observation.crs');
    const headers = { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/fhir+json' };
    // The AUDIT-C example, as a new resource dated today; its total must stay within 0-12 (parcours-auditc-range).
    const base = examples.find((r) => r.id === 'ObservationRdrAlcoolAuditCExample') as Observation;
    const observation = (total: number): Observation => {
      const { id: _id, ...rest } = structuredClone(base);
      return { ...rest, subject: { reference: 'Patient/PatientMicrostructureExample' }, effectiveDateTime: '2026-11-20', valueInteger: total };
    };
    const refused = await fetch(`${sandbox.fhirBaseUrl}/Observation`, { method: 'POST', headers, body: JSON.stringify(observation(13)) });
    expect(refused.status).toBe(422);
    const outcome = (await refused.json()) as { resourceType: string; issue: { severity: string; details?: { text?: string } }[] };
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.some((i) => i.severity === 'error')).toBe(true);
    const search = await fetch(`${sandbox.fhirBaseUrl}/Observation?subject=Patient/PatientMicrostructureExample&date=2026-11-20`, { headers });
    expect(((await search.json()) as { total?: number; entry?: unknown[] }).entry ?? []).toHaveLength(0);
    const accepted = await fetch(`${sandbox.fhirBaseUrl}/Observation`, { method: 'POST', headers, body: JSON.stringify(observation(7)) });
    expect(accepted.status).toBe(201);
  });

  it('psychotherapy notes (PSY) reach the psychologist and never the social worker, by search or by read', async () => {
    // A person whose active team has both the psychologist and the social worker (both reach the person).
    const cohort = generateCohort();
    const inTeam = (patient: string | undefined): boolean => cohort.some((r) => r.resourceType === 'CareTeam' && r.status === 'active' && r.subject?.reference === patient
      && ['Practitioner/PractitionerMicrostructurePsychologistExample', 'Practitioner/PractitionerMicrostructureSocialWorkerExample']
        .every((m) => (r.participant ?? []).some((p) => p.member?.reference === m && !p.period?.end)));
    const labelled = cohort.find((r): r is Encounter => r.resourceType === 'Encounter' && (r.meta?.security ?? []).some((c) => c.code === 'PSY') && inTeam(r.subject?.reference));
    expect(labelled).toBeDefined();
    const patient = labelled!.subject!.reference!.split('/')[1]!;
    const encounters = async (user: string): Promise<{ search: Encounter[]; read: number }> => {
      const token = await ehrLaunch(user, patient);
      const headers = { Authorization: `Bearer ${token.access_token}` };
      const bundle = (await (await fetch(`${sandbox.fhirBaseUrl}/Encounter?subject=Patient/${patient}&_count=1000`, { headers })).json()) as Bundle<Encounter>;
      const read = await fetch(`${sandbox.fhirBaseUrl}/Encounter/${labelled!.id}`, { headers });
      return { search: (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])), read: read.status };
    };
    const isPsy = (e: Encounter): boolean => (e.meta?.security ?? []).some((c) => c.code === 'PSY');
    const psychologist = await encounters('psychologist');
    expect(psychologist.search.some(isPsy)).toBe(true);
    expect(psychologist.read).toBe(200);
    const socialWorker = await encounters('social-worker');
    expect(socialWorker.search.length).toBeGreaterThan(0);
    expect(socialWorker.search.some(isPsy)).toBe(false);
    expect(socialWorker.read).toBe(404);
  });

  it('takes an HL7 v2 discharge over MLLP on loopback and answers an AA acknowledgement', async () => {
    const address = sandbox.exchange.mllpAddress;
    expect(address).toBeDefined();
    const message = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'hl7v2', 'adt-a03-lefebvre.hl7'), 'utf8')
      .replace('EXEMPLE-0001', 'SANDBOX-MLLP-1').replace(/\r?\n/g, '\r');
    const ack = await new Promise<string>((resolve, reject) => {
      const socket = connect(address!.port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(message), Buffer.from([0x1c, 0x0d])])));
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
        if (received.includes('\x1c')) {
          socket.end();
          resolve(received);
        }
      });
      socket.on('error', reject);
      socket.setTimeout(10_000, () => reject(new Error('no MLLP acknowledgement within 10 s')));
    });
    expect(ack).toMatch(/MSA\|AA\|SANDBOX-MLLP-1/);
  });

  it('refuses a launch for an unknown person', async () => {
    const { cookie, csrf } = await ehrForm(sandbox);
    const response = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ user: 'gp', patient: 'nobody', csrf }), redirect: 'manual' });
    expect(response.status).toBe(400);
  });

  it('launches the app without a person (the user’s caseload): no patient in the token, user scopes granted', async () => {
    expect(await (await fetch(`${sandbox.url}/`)).text()).toContain('<option value="">File active de l’utilisateur');
    const token = await ehrLaunch('referent', '', 'launch openid fhirUser patient/Patient.rs user/Patient.rs user/CareTeam.rs');
    expect(token.patient).toBeUndefined();
    expect(token.scope.split(' ')).toEqual(expect.arrayContaining(['user/Patient.rs', 'user/CareTeam.rs']));
    const teams = (await (await fetch(`${sandbox.fhirBaseUrl}/CareTeam?_count=1000`, { headers: { Authorization: `Bearer ${token.access_token}` } })).json()) as Bundle<CareTeam>;
    expect(teams.total).toBeGreaterThan(1);
    for (const team of teams.entry ?? []) {
      expect(team.resource?.participant?.some((p) => p.member?.reference === 'Practitioner/PractitionerReferentExample' || p.member?.reference === 'PractitionerRole/sandbox-role-referent')).toBe(true);
    }
    const { cookie, csrf } = await ehrForm(sandbox);
    const framed = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ user: 'referent', patient: '', target: 'iframe', csrf }) });
    expect(/<header>(.*?)<\/header>/.exec(await framed.text())?.[1]).toContain('file active / caseload');
  });

  it('names the person in the EHR frame around the app, which hides its own banner there', async () => {
    const { cookie, csrf } = await ehrForm(sandbox);
    const response = await fetch(`${sandbox.url}/ehr/launch`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ user: 'gp-rdr', patient: 'PatientRdrAlcoolExample', target: 'iframe', csrf }) });
    expect(response.status).toBe(200);
    const header = /<header>(.*?)<\/header>/.exec(await response.text())?.[1] ?? '';
    expect(header).toMatch(/<strong>[^<]*Lefebvre[^<]*<\/strong> \(1968-04-12\)/);
  });
});

describe('one origin on @parcours/http', () => {
  it('refuses an oversized body with 413 and an OperationOutcome on every surface, the EHR form included', async () => {
    const cases: [string, number][] = [
      ['/ehr/launch', EHR_BODY_LIMIT],
      ['/auth/token', SMART_BODY_LIMIT],
      ['/fhir/Patient', 64 * 1024 * 1024],
      ['/exchange/fhir/Bundle', 16 * 1024 * 1024],
    ];
    for (const [path, limit] of cases) {
      const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `x=${'a'.repeat(limit)}` });
      expect(response.status, path).toBe(413);
      expect(((await response.json()) as { resourceType: string }).resourceType, path).toBe('OperationOutcome');
    }
  });

  it('answers a malformed FHIR URL with 400 and an unknown page with a sentence', async () => {
    const malformed = await fetch(`${sandbox.fhirBaseUrl}/Patient/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const page = await fetch(`${sandbox.url}/nothing-here`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Page introuvable');
  });

  it('compresses FHIR JSON with brotli when asked', async () => {
    const token = await ehrLaunch('gp', HEAVY_PATIENT_ID);
    const response = await fetch(`${sandbox.fhirBaseUrl}/Observation?subject=Patient/${HEAVY_PATIENT_ID}&_count=200`, { headers: { Authorization: `Bearer ${token.access_token}`, 'Accept-Encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(((await response.json()) as Bundle).entry).toHaveLength(200);
  });
});
