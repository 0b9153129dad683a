// The funder (issue 16) as they meet the sandbox: the ARS officer signs in through the EHR simulator without a
// person, the app's SMART code flow gives a real user-level token, and with it the figures of a structure the ARS
// funds are served (aggregates, no person named) while another structure's figures, any person's record and any
// search in a patient compartment are refused or empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, MeasureReport, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import { FUNDED_STRUCTURES } from './team.ts';
import { ehrLaunch } from './testing.ts';

let sandbox: Sandbox;
let dataDir: string;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parcours-sandbox-funder-'));
  sandbox = await startSandbox({ port: 0, dataDir, watch: false });
  // The scopes the app asks for at a launch without a person (the workspace).
  token = (await ehrLaunch(sandbox, 'funder', '', 'launch openid fhirUser user/*.rs patient/*.rs')).access_token;
}, 180_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: { resourceType?: string } }> {
  const res = await fetch(`${sandbox.fhirBaseUrl}/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { resourceType?: string } };
}

const year = 'periodStart=2026-01-01&periodEnd=2026-12-31';

describe('the funder', () => {
  it('reads the aggregate figures of a structure the ARS funds, naming no person', async () => {
    const { status, body } = await get(`Measure/parcours-file-active/$evaluate-measure?${year}&subject=Organization/${FUNDED_STRUCTURES[0]}`);
    expect(status).toBe(200);
    const report = body as MeasureReport;
    expect(report.resourceType).toBe('MeasureReport');
    expect(report.group?.find((g) => g.id === 'suivies')?.population?.[0]?.count).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toMatch(/Patient\//);
    // The structures they may choose in the report: those the ARS funds (OrganizationAffiliation, role payer).
    const funding = (await get('OrganizationAffiliation?primary-organization=Organization/sandbox-org-ars-paca')).body as Bundle;
    expect((funding.entry ?? []).map((e) => (e.resource as { participatingOrganization?: { reference?: string } }).participatingOrganization?.reference).sort())
      .toEqual(FUNDED_STRUCTURES.map((s) => `Organization/${s}`).sort());
  });

  it('is refused the figures of a structure the ARS does not fund', async () => {
    const { status, body } = await get(`Measure/parcours-file-active/$evaluate-measure?${year}&subject=Organization/OrganizationResidenceSocialeExample`);
    expect(status).toBe(403);
    expect((body as OperationOutcome).issue[0]?.details?.text).toMatch(/coordinateur ou financeur/);
  });

  it('reaches nothing in a person\'s records', async () => {
    const read = await get('Patient/cohort-heavy');
    expect([403, 404]).toContain(read.status);
    expect(read.body.resourceType).toBe('OperationOutcome');
    for (const type of ['Patient', 'Encounter', 'CarePlan', 'Appointment', 'Observation']) {
      const search = await get(`${type}?_count=10`);
      if (search.status === 200) expect((search.body as Bundle).entry ?? [], type).toHaveLength(0);
      else expect(search.status, type).toBe(403);
    }
  });
});
