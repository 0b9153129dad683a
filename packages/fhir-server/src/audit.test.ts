// The audit trail's fast indexing gives the generic extraction's rows, and a search across hundreds of people
// names every one of them (each is found by `AuditEvent?patient=`).
import type { AuditEvent } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessPrincipal } from './access-policy.ts';
import { auditEvent, auditIndexRows, writeAudit } from './audit.ts';
import { openDatabase } from './database.ts';
import { SqliteRepository, Store } from './repository.ts';
import type { IndexRows } from './search-params.ts';
import { extractIndexRows, loadDefinitions } from './search-params.ts';

const BASE = 'http://localhost/fhir';
const user: AccessPrincipal = { level: 'user', user: 'Practitioner/u1', clientId: 'app', readTypes: '*', deniedLabels: [], shared: true };
const people = Array.from({ length: 300 }, (_, i) => `p${i}`);

const sorted = (rows: IndexRows): Record<string, string[]> =>
  Object.fromEntries(Object.entries(rows).map(([kind, list]) => [kind, (list as object[]).map((r) => JSON.stringify(r)).sort()]));

describe('audit trail', () => {
  beforeAll(() => loadDefinitions());

  it('indexes an AuditEvent exactly as the generic extraction does, for every shape it writes', () => {
    const events: AuditEvent[] = [
      auditEvent({ principal: user, interaction: 'search-type', method: 'GET', status: 200, patients: people, resources: ['Encounter/e1', 'Patient/p1', 'Practitioner/x', 'Observation/o-1.2', 'CarePlan/cp1', 'Encounter/e2'], query: 'status=finished', now: 0, userDisplay: 'Dr U' }, 'Organization/o1'),
      auditEvent({ principal: { ...user, level: 'patient', patient: 'p7', purposeOfUse: { code: 'BTG', reason: 'urgence' } }, interaction: 'read', method: 'GET', status: 403, patients: ['p7'], resources: [], reason: 'refused', now: 0 }, undefined),
      auditEvent({ principal: { ...user, user: 'Patient/p3' }, interaction: 'read', method: 'GET', status: 200, patients: ['p3', 'p4'], resources: [], now: 0 }, undefined),
    ];
    for (const event of events) {
      const stored = { ...event, id: 'a1', meta: { versionId: '1', lastUpdated: '2026-01-01T00:00:00.000Z' } };
      expect(sorted(auditIndexRows(stored, BASE))).toEqual(sorted(extractIndexRows(stored, BASE)));
    }
  });

  it('names every person of a search across 300 people, each found by patient', async () => {
    const repository = new SqliteRepository(new Store(openDatabase(':memory:'), BASE));
    await writeAudit(repository, { principal: user, interaction: 'search-type', method: 'GET', status: 200, patients: people, resources: [], now: Date.now() });
    for (const id of ['p0', 'p150', 'p299']) {
      const found = await repository.search<AuditEvent>({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${id}` }] });
      expect(found.entry).toHaveLength(1);
    }
    const event = (await repository.search<AuditEvent>({ resourceType: 'AuditEvent' })).entry?.[0]?.resource;
    expect(event?.entity?.filter((e) => e.what?.reference?.startsWith('Patient/'))).toHaveLength(300);
  });

  it('commits the events of concurrent requests together, each one before its request is answered', async () => {
    const repository = new SqliteRepository(new Store(openDatabase(':memory:'), BASE));
    let commits = 0;
    const exec = repository.store.db.exec.bind(repository.store.db);
    repository.store.db.exec = (sql: string): void => {
      if (sql === 'COMMIT') commits++;
      exec(sql);
    };
    const count = async (id: string): Promise<number> => (await repository.search({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${id}` }] })).entry?.length ?? 0;
    await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      await writeAudit(repository, { principal: user, interaction: 'read', method: 'GET', status: 200, patients: [`q${i}`], resources: [], now: Date.now() });
      // Answered only once its own event is in the store.
      expect(await count(`q${i}`)).toBe(1);
    }));
    expect(commits).toBeLessThan(10);
  });

  it('writes the same access of parallel requests as one event naming everyone, with each query; other accesses apart', async () => {
    const repository = new SqliteRepository(new Store(openDatabase(':memory:'), BASE));
    const search = (patients: string[], query: string, status = 200, principal = user): Promise<void> =>
      writeAudit(repository, { principal, interaction: 'search-type', method: 'GET', status, patients, resources: [], query, now: Date.now(), userDisplay: 'Dr U' });
    await Promise.all([
      search(people.slice(0, 200), 'status=active'),
      search(people.slice(100, 300), '_elements=name'),
      search(['p1'], 'refused', 403),
      search(['p2'], 'other user', 200, { ...user, user: 'Practitioner/u2' }),
    ]);
    const events = (await repository.search<AuditEvent>({ resourceType: 'AuditEvent', count: 100 })).entry?.map((e) => e.resource!) ?? [];
    expect(events).toHaveLength(3);
    const merged = events.find((e) => (e.entity ?? []).some((x) => x.query === Buffer.from('status=active').toString('base64')))!;
    expect(merged.entity?.filter((e) => e.what?.reference?.startsWith('Patient/'))).toHaveLength(300);
    expect(merged.entity?.filter((e) => e.query).map((e) => Buffer.from(e.query!, 'base64').toString()).sort()).toEqual(['_elements=name', 'status=active']);
    for (const id of ['p0', 'p150', 'p299']) {
      const found = await repository.search<AuditEvent>({ resourceType: 'AuditEvent', filters: [{ code: 'patient', operator: 'eq', value: `Patient/${id}` }] });
      expect(found.entry?.map((e) => e.resource?.id)).toEqual([merged.id]);
    }
    expect(events.filter((e) => e.id !== merged.id).map((e) => e.outcome).sort()).toEqual(['0', '4']);
  });
});
