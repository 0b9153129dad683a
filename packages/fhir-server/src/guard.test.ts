import { OperationOutcomeError, unauthorized } from '@medplum/core';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGrant, FhirGuard } from './guard.ts';
import { start } from './server.ts';

// A guard in the shape the SMART layer provides: token required, Patient/secret unreadable, Observations read-only.
const seen: { interaction: string; resourceType?: string; id?: string; operation?: string }[] = [];
const guard: FhirGuard = {
  async authorize(req, request): Promise<AccessGrant> {
    seen.push(request);
    if (req.headers.authorization !== 'Bearer good') {
      throw new OperationOutcomeError(unauthorized);
    }
    return {
      canRead: (r: Resource) => !(r.resourceType === 'Patient' && r.id === 'secret'),
      canWrite: (r: Resource) => r.resourceType !== 'Observation' && r.resourceType !== 'Provenance',
    };
  },
};

let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const started = await start({ dataDir: ':memory:', guard, validateWrites: true, capabilitySecurity: { cors: true, service: [{ text: 'SMART-on-FHIR' }] } });
  base = started.url;
  close = started.close;
  await started.server.repository.createResource({ resourceType: 'Patient', id: 'secret', name: [{ family: 'Secret' }] });
  await started.server.repository.createResource({ resourceType: 'Patient', id: 'open', name: [{ family: 'Ouvert' }] });
  await started.server.repository.updateResource({ resourceType: 'Observation', id: 'locked', status: 'final', code: { text: 'x' } });
}, 30_000);
afterAll(async () => {
  await close();
});

async function call(method: string, path: string, body?: unknown, token = 'good'): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/${path}`, {
    method,
    headers: { 'Content-Type': 'application/fhir+json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('FhirGuard and write validation', () => {
  it('serves /metadata without authorization and includes the security block', async () => {
    const { status, body } = await call('GET', 'metadata', undefined, '');
    expect(status).toBe(200);
    expect((body as { rest: { security?: { cors?: boolean } }[] }).rest[0]?.security?.cors).toBe(true);
  });

  it('rejects requests the guard rejects, with its status', async () => {
    expect((await call('GET', 'Patient/open', undefined, 'bad')).status).toBe(401);
    expect(seen.at(-1)).toMatchObject({ interaction: 'read', resourceType: 'Patient', id: 'open' });
  });

  it('applies canRead to reads and filters search results', async () => {
    expect((await call('GET', 'Patient/open')).status).toBe(200);
    expect((await call('GET', 'Patient/secret')).status).toBe(403);
    const bundle = (await call('GET', 'Patient')).body as Bundle;
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(['open']);
  });

  it('applies canWrite, and rejects a whole transaction when one entry is forbidden', async () => {
    expect((await call('POST', 'Observation', { resourceType: 'Observation', status: 'final', code: { text: 'x' } })).status).toBe(403);
    const tx = await call('POST', '', {
      resourceType: 'Bundle', type: 'transaction', entry: [
        { resource: { resourceType: 'Patient', name: [{ family: 'Transac' }] }, request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' } }, request: { method: 'POST', url: 'Observation' } },
      ],
    });
    expect(tx.status).toBe(403);
    const found = (await call('GET', 'Patient?family=transac')).body as Bundle;
    expect(found.total).toBe(0);
  });

  it('rejects invalid writes with 422 when validateWrites is on', async () => {
    const { status, body } = await call('POST', 'Patient', { resourceType: 'Patient', gender: 'not-a-gender' });
    expect(status).toBe(422);
    expect((body as OperationOutcome).issue?.some((i) => i.severity === 'error')).toBe(true);
    expect((await call('POST', 'Patient', { resourceType: 'Patient', gender: 'female' })).status).toBe(201);
  });

  it('keeps an extension it does not know (FR Core from an EHR) but refuses an unknown modifier or Parcours extension', async () => {
    const patient = (extra: Record<string, unknown>): unknown => ({ resourceType: 'Patient', name: [{ family: 'Étendue' }], ...extra });
    const frCore = { url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient-birth-list-given-name', valueString: 'Inès Marie' };
    const kept = await call('POST', 'Patient', patient({ extension: [frCore] }));
    expect(kept.status).toBe(201);
    expect(JSON.stringify(kept.body)).toContain('Inès Marie');
    const modifier = await call('POST', 'Patient', patient({ modifierExtension: [frCore] }));
    expect(modifier.status).toBe(422);
    expect(JSON.stringify(modifier.body)).toContain('modifier extension');
    const parcours = await call('POST', 'Patient', patient({ extension: [{ url: 'https://fhir.parcours.fr/StructureDefinition/no-such-extension', valueString: 'x' }] }));
    expect(parcours.status).toBe(422);
  });

  it('admits a Provenance whose every target is a resource the grant may write, and no other', async () => {
    const provenance = (target: string): unknown => ({
      resourceType: 'Provenance', recorded: '2026-11-23T10:00:00Z', target: [{ reference: target }],
      agent: [{ who: { display: 'Dr Test' } }],
    });
    const tx = await call('POST', '', {
      resourceType: 'Bundle', type: 'transaction', entry: [
        { fullUrl: 'urn:uuid:7d1f5a0e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', name: [{ family: 'Tracé' }] }, request: { method: 'POST', url: 'Patient' } },
        { resource: provenance('urn:uuid:7d1f5a0e-0000-4000-8000-000000000001'), request: { method: 'POST', url: 'Provenance' } },
      ],
    });
    expect(tx.status).toBe(200);
    expect((await call('POST', 'Provenance', provenance('Patient/open'))).status).toBe(201);
    expect((await call('POST', 'Provenance', provenance('Observation/locked'))).status).toBe(403);
    expect((await call('POST', 'Provenance', provenance('Patient/missing'))).status).toBe(403);
  });
});
