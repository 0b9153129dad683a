// An answer leaves only once its AuditEvent is committed: its JSON is compressed while the commit runs
// (routes.ts), and when the commit fails the client gets the error handler's 500, with nothing of the answer —
// neither its resources nor its headers (ETag, Content-Encoding).
import { OperationOutcomeError, unauthorized } from '@medplum/core';
import type { AuditEvent, Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGrant, AccessPrincipal, FhirGuard } from './guard.ts';
import type { SqliteRepository } from './repository.ts';
import { start } from './server.ts';

const principal: AccessPrincipal = { level: 'patient', user: 'Practitioner/u1', patient: 'p1', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true };
const guard: FhirGuard = {
  async authorize(req): Promise<AccessGrant> {
    if (req.headers.authorization !== 'Bearer ok') throw new OperationOutcomeError(unauthorized);
    return { canRead: () => true, canWrite: () => true, principal };
  },
};
// Enough Observations for a searchset above the size compressed on the thread pool (64 KiB).
const NOTE = 'Mesure prise au domicile, tolérée. '.repeat(20);

let base: string;
let started: Awaited<ReturnType<typeof start>>;
let repository: SqliteRepository;
beforeAll(async () => {
  started = await start({ dataDir: ':memory:', guard });
  base = started.url;
  repository = started.server.repository as SqliteRepository;
  const seed: Resource[] = [
    { resourceType: 'Patient', id: 'p1' },
    { resourceType: 'CareTeam', id: 't1', status: 'active', subject: { reference: 'Patient/p1' }, participant: [{ member: { reference: 'Practitioner/u1' }, period: { start: '2020-01-01' } }] },
    ...Array.from({ length: 150 }, (_, i): Resource => ({ resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: 'tension' }, subject: { reference: 'Patient/p1' }, note: [{ text: NOTE }] })),
  ];
  for (const resource of seed) await repository.updateResource(resource);
}, 30_000);
afterAll(async () => {
  await started.close();
});

const get = (path: string): Promise<Response> => fetch(`${base}/${path}`, { headers: { Authorization: 'Bearer ok', 'Accept-Encoding': 'br' } });
const audits = async (): Promise<number> => (await repository.search<AuditEvent>({ resourceType: 'AuditEvent', count: 0, total: 'accurate' })).total ?? 0;

describe('the audit trail before the answer', () => {
  it('sends a large search compressed, once its AuditEvent is in the store', async () => {
    const before = await audits();
    const res = await get('Observation?subject=Patient/p1&_count=200');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(((await res.json()) as Bundle).entry).toHaveLength(150);
    expect(await audits()).toBe(before + 1);
  });

  it('answers 500 with nothing of the answer when its AuditEvent cannot be written', async () => {
    repository.store.db.exec("CREATE TRIGGER audit_down BEFORE INSERT ON resource WHEN NEW.type = 'AuditEvent' BEGIN SELECT RAISE(ABORT, 'audit down'); END");
    try {
      const search = await get('Observation?subject=Patient/p1&_count=200');
      expect(search.status).toBe(500);
      expect(search.headers.get('content-encoding')).toBeNull();
      expect(await search.text()).not.toContain('Observation/o1');
      const read = await get('Patient/p1');
      expect(read.status).toBe(500);
      expect(read.headers.get('etag')).toBeNull();
      expect(((await read.json()) as Resource).resourceType).toBe('OperationOutcome');
    } finally {
      repository.store.db.exec('DROP TRIGGER audit_down');
    }
    expect((await get('Patient/p1')).status).toBe(200);
  });
});
