// Who may see a structure's figures, through $evaluate-measure over HTTP, with a guard describing its tokens as
// principals (the shape the SMART layer gives): the structure's coordinators and funders may; a member of another
// structure, a patient-level token without a user, or a coordinator of a team the structure does not manage may not.
import { OperationOutcomeError, unauthorized } from '@medplum/core';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { AccessGrant, AccessPrincipal, FhirGuard } from '@parcours/fhir-server';
import { start } from '@parcours/fhir-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateOperationRoute } from './mount.ts';

const CS = 'https://fhir.parcours.fr/CodeSystem/parcours-careteam-role';
const who = (level: AccessPrincipal['level'], user?: string): AccessPrincipal => ({ level, ...(user ? { user } : {}), clientId: 'c', readTypes: '*', deniedLabels: [], shared: true });
const principals: Record<string, AccessPrincipal> = {
  backend: who('system'),
  coordinator: who('user', 'Practitioner/coord'),
  teamCoordinator: who('patient', 'Practitioner/teamcoord'),
  funder: who('user', 'Practitioner/funder'),
  other: who('user', 'Practitioner/other'),
  formerFunder: who('user', 'Practitioner/former'),
  anonymousPatient: who('patient'),
};
const guard: FhirGuard = {
  async authorize(req): Promise<AccessGrant> {
    const principal = principals[String(req.headers.authorization).replace('Bearer ', '')];
    if (!principal) throw new OperationOutcomeError(unauthorized);
    return { canRead: () => true, canWrite: () => false, principal };
  },
};
const role = (id: string, practitioner: string, code: string, organization?: string, end?: string): Resource => ({
  resourceType: 'PractitionerRole', id, active: true, practitioner: { reference: `Practitioner/${practitioner}` },
  ...(organization ? { organization: { reference: `Organization/${organization}` } } : {}), code: [{ coding: [{ system: CS, code }] }],
  ...(end ? { period: { end } } : {}),
});

const funding = (id: string, structure: string, end?: string): Resource => ({
  resourceType: 'OrganizationAffiliation', id, active: true, organization: { reference: 'Organization/ars' }, participatingOrganization: { reference: `Organization/${structure}` },
  code: [{ coding: [{ system: 'http://hl7.org/fhir/organization-role', code: 'payer' }] }], ...(end ? { period: { end } } : {}),
});

let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const started = await start({ dataDir: ':memory:', guard, operations: evaluateOperationRoute() });
  base = started.url;
  close = started.close;
  const seed: Resource[] = [
    { resourceType: 'Organization', id: 's1', name: 'Structure 1' }, { resourceType: 'Organization', id: 's2', name: 'Structure 2' },
    { resourceType: 'Patient', id: 'p1' },
    { resourceType: 'Organization', id: 'ars', name: 'ARS' }, { resourceType: 'Organization', id: 's3', name: 'Structure 3' },
    role('r-coord', 'coord', 'coordinateur', 's1'), role('r-funder', 'funder', 'financeur', 'ars'), role('r-other', 'other', 'coordinateur', 's2'),
    role('r-former', 'former', 'financeur', 'ars', '2020-01-01'), role('r-teamcoord', 'teamcoord', 'psychologue', 's2'),
    // The ARS funds s1; its funding of s2 ended; it is only a partner of s3 (not a payer).
    funding('f1', 's1'), funding('f2', 's2', '2020-12-31'), { ...funding('f3', 's3'), code: [{ coding: [{ system: 'http://hl7.org/fhir/organization-role', code: 'member' }] }] } as Resource,
    { resourceType: 'CareTeam', id: 't1', status: 'active', subject: { reference: 'Patient/p1' }, managingOrganization: [{ reference: 'Organization/s1' }],
      participant: [{ member: { reference: 'PractitionerRole/r-teamcoord' }, role: [{ coding: [{ system: CS, code: 'coordinateur' }] }] }] },
  ];
  await started.server.repository.withTransaction(async (tx) => {
    for (const r of seed) await tx.updateResource(r as Resource & { id: string });
  }, { resourceTypes: [...new Set(seed.map((r) => r.resourceType))] } as never);
});
afterAll(async () => close?.());

async function ask(token: string, structure = 's1'): Promise<{ status: number; body: { resourceType: string } }> {
  const res = await fetch(`${base}/Measure/parcours-file-active/$evaluate-measure?periodStart=2026-01-01&periodEnd=2026-12-31&subject=Organization/${structure}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { resourceType: string } };
}

describe('who may see a structure\'s figures', () => {
  it('lets its coordinators (by role or in a team it manages), its funders and backend clients see them', async () => {
    for (const token of ['coordinator', 'teamCoordinator', 'funder', 'backend']) {
      const { status, body } = await ask(token);
      expect(status, token).toBe(200);
      expect(body.resourceType).toBe('MeasureReport');
    }
  });

  it('refuses everyone else with a 403 OperationOutcome, before saying whether the structure exists', async () => {
    for (const token of ['other', 'formerFunder', 'anonymousPatient']) {
      const { status, body } = await ask(token);
      expect(status, token).toBe(403);
      expect((body as OperationOutcome).issue[0]?.details?.text).toMatch(/coordinateur ou financeur/);
    }
    expect((await ask('other', 'inconnue')).status).toBe(403);
    expect((await ask('coordinator', 's2')).status).toBe(403);
    // A funder sees the structures their agency funds now, no other (nor whether another exists).
    for (const structure of ['s2', 's3', 'inconnue']) expect((await ask('funder', structure)).status, structure).toBe(403);
  });
});
