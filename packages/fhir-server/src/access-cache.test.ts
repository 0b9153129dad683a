// The reach is cached per user, and the cache never answers what a fresh computation would not: a CareTeam or
// PractitionerRole write, a period starting or ending, a rolled-back transaction each change the answer at once.
import type { CareTeam, PractitionerRole } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessPrincipal } from './access-policy.ts';
import { resolveReach } from './access-policy.ts';
import { openDatabase } from './database.ts';
import { SqliteRepository, Store } from './repository.ts';
import { loadDefinitions } from './search-params.ts';

const user: AccessPrincipal = { level: 'user', user: 'Practitioner/u1', clientId: 'c', readTypes: '*', deniedLabels: [], shared: true };
const T = Date.parse('2026-06-15T12:00:00Z');
const team = (id: string, patient: string, member: string, period?: { start?: string; end?: string }): CareTeam & { id: string } => ({
  resourceType: 'CareTeam', id, status: 'active', subject: { reference: `Patient/${patient}` }, participant: [{ member: { reference: member }, ...(period ? { period } : {}) }],
});

describe('cached care-team reach', () => {
  let repository: SqliteRepository;
  const reach = (now: number): string[] => [...(resolveReach(repository.store.db, user, now).patients ?? [])].sort();
  beforeAll(async () => {
    loadDefinitions();
    repository = new SqliteRepository(new Store(openDatabase(':memory:'), 'http://localhost/fhir'));
    await repository.updateResource(team('t1', 'p1', 'Practitioner/u1'));
    await repository.updateResource(team('t2', 'p2', 'Practitioner/u1', { end: '2026-06-15T12:00:10Z' }));
    await repository.updateResource(team('t3', 'p3', 'Practitioner/u1', { start: '2026-06-15T12:00:20Z' }));
  });

  it('follows the periods met: a participation ends, another starts, while nothing is written', () => {
    expect(reach(T)).toEqual(['p1', 'p2']);
    expect(reach(T + 5_000)).toEqual(['p1', 'p2']);
    expect(reach(T + 10_001)).toEqual(['p1']);
    expect(reach(T + 20_000)).toEqual(['p1', 'p3']);
    expect(reach(T)).toEqual(['p1', 'p2']); // a clock that goes back (tests, a corrected clock) is answered afresh
  });

  it('sees a CareTeam or PractitionerRole write at once', async () => {
    expect(reach(T)).toEqual(['p1', 'p2']);
    await repository.updateResource({ ...team('t1', 'p1', 'Practitioner/someone-else') });
    expect(reach(T)).toEqual(['p2']);
    // Through a role of the user: the role is written, then a team naming the role.
    await repository.updateResource(team('t4', 'p4', 'PractitionerRole/r1'));
    expect(reach(T)).toEqual(['p2']);
    await repository.updateResource<PractitionerRole & { id: string }>({ resourceType: 'PractitionerRole', id: 'r1', practitioner: { reference: 'Practitioner/u1' } });
    expect(reach(T)).toEqual(['p2', 'p4']);
    await repository.deleteResource('CareTeam', 't4');
    expect(reach(T)).toEqual(['p2']);
  });

  it('does not keep what a transaction saw once it rolls back', async () => {
    await expect(repository.withTransaction(async (tx) => {
      await tx.updateResource(team('t5', 'p5', 'Practitioner/u1'));
      expect(reach(T)).toEqual(['p2', 'p5']);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(reach(T)).toEqual(['p2']);
  });
});
