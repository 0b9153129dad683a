import { OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import type { Bundle, CarePlan, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './clock.ts';
import { migrateDatabase, openDatabase } from './database.ts';
import { SqliteRepository, Store } from './repository.ts';
import { ownersOf } from './repository-search.ts';
import type { StoredSearchOptions } from './repository-search.ts';
import { loadDefinitions } from './search-params.ts';
import { dateRange } from './search-sql.ts';

loadDefinitions();

function plan(repo: SqliteRepository, query: string): string {
  const where = repo.whereClause(parseSearchRequest(query));
  const rows = repo.store.db.prepare(`EXPLAIN QUERY PLAN SELECT r.rid FROM resource r WHERE ${where.sql}`).all(...where.params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('SQL search plans', () => {
  const repo = new SqliteRepository(new Store(openDatabase(':memory:'), 'http://localhost/fhir'));

  it('leads with an index on the most selective filter, never scanning resources of the type', () => {
    const byPatient = plan(repo, 'Observation?status=final&patient=123&date=ge2024');
    expect(byPatient).toContain('sp_reference_target');
    expect(byPatient).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
    expect(byPatient).not.toMatch(/SCAN r\b/);
    const chained = plan(repo, 'Observation?subject:Patient.identifier=urn:oid:1|2');
    expect(chained).toContain('sp_token_value');
    expect(chained).not.toMatch(/SCAN r\b/);
  });
});

describe('date search values', () => {
  it('covers the range implied by the precision and honours time zones', () => {
    expect(dateRange('2024').map((t) => new Date(t).toISOString())).toEqual(['2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z']);
    expect(dateRange('2024-02').map((t) => new Date(t).toISOString())).toEqual(['2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z']);
    expect(dateRange('2024-03-01T10:00+02:00').map((t) => new Date(t).toISOString())).toEqual(['2024-03-01T08:00:00.000Z', '2024-03-01T08:00:59.999Z']);
    expect(() => dateRange('March 2024')).toThrow();
  });
});

function memoryRepository(clock?: () => number): SqliteRepository {
  return new SqliteRepository(new Store(openDatabase(':memory:'), 'http://localhost/fhir', { clock }));
}

function observation(i: number): Observation {
  return { resourceType: 'Observation', status: 'final', code: { text: `mesure ${i}` }, subject: { reference: 'Patient/p1' } };
}

describe('meta.lastUpdated', () => {
  it('is never ahead of real time after loading thousands of resources quickly, and strictly increasing', async () => {
    const repo = memoryRepository();
    const stamps: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      await repo.withTransaction(async (tx) => {
        for (let i = 0; i < 500; i++) stamps.push((await tx.createResource(observation(i))).meta?.lastUpdated ?? '');
      });
    }
    const now = Date.now();
    expect(stamps).toHaveLength(3000);
    // Date.now() has millisecond resolution: the newest stamp's millisecond has begun, never a later one.
    expect(Math.max(...stamps.map((s) => Date.parse(s)))).toBeLessThanOrEqual(now);
    const micros = stamps.map(parseInstant);
    expect(micros.every((t, i) => i === 0 || t > (micros[i - 1] ?? 0))).toBe(true);
  }, 30_000);

  it('stamps the injected clock to the microsecond, adding 1 µs only on a tie', async () => {
    let now = Date.UTC(2026, 0, 15, 9, 30);
    const repo = memoryRepository(() => now);
    const [a, b] = await repo.withTransaction(async (tx) => [await tx.createResource(observation(1)), await tx.createResource(observation(2))]);
    now += 0.25; // 250 µs later
    const c = await repo.createResource(observation(3));
    expect([a?.meta?.lastUpdated, b?.meta?.lastUpdated, c.meta?.lastUpdated]).toEqual([
      '2026-01-15T09:30:00.000000Z', '2026-01-15T09:30:00.000001Z', '2026-01-15T09:30:00.000250Z',
    ]);
    const since = await repo.readTypeHistory('Observation', { since: '2026-01-15T09:30:00.000001Z' });
    expect(since.entry?.map((e) => e.resource?.id)).toEqual([c.id, b?.id]);
    const gt = await repo.search(parseSearchRequest('Observation?_lastUpdated=gt2026-01-15T09:30:00.000001Z'));
    expect(gt.entry?.map((e) => e.resource?.id)).toEqual([c.id]);
    const sameMs = await repo.search(parseSearchRequest('Observation?_lastUpdated=2026-01-15T09:30:00.000Z&_sort=-_lastUpdated'));
    expect(sameMs.entry?.map((e) => e.resource?.id)).toEqual([c.id, b?.id, a?.id]);
  });

  it('migrates a store written with millisecond stamps', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE resource (rid INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT NOT NULL, vid INTEGER NOT NULL, lu_ms INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, content TEXT)');
    db.exec('CREATE TABLE version (seq INTEGER PRIMARY KEY, rid INTEGER NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, vid INTEGER NOT NULL, lu_ms INTEGER NOT NULL, deleted INTEGER NOT NULL, content TEXT)');
    db.exec("INSERT INTO resource VALUES (1, 'Patient', 'p1', 1, 1000, 0, '{}'); INSERT INTO version VALUES (1, 1, 'Patient', 'p1', 1, 1000, 0, '{}')");
    migrateDatabase(db);
    expect(db.prepare('SELECT r.lu_us AS r, v.lu_us AS v FROM resource r JOIN version v USING (rid)').get()).toEqual({ r: 1_000_000, v: 1_000_000 });
  });
});

describe('writes that cannot be indexed', () => {
  it('fail with an OperationOutcome naming the parameter, and roll their transaction back', async () => {
    const repo = memoryRepository();
    const bad = { ...observation(1), effectiveDateTime: 'hier soir' } as Observation;
    const error = await repo.createResource(bad).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperationOutcomeError);
    const issue = (error as OperationOutcomeError).outcome.issue?.[0];
    expect(issue?.details?.text).toContain("search parameter 'date'");
    expect(issue?.details?.text).toContain('"hier soir" is not a valid date');
    expect(issue?.expression?.[0]).toContain('Observation.effective');

    const failed = repo.withTransaction(async (tx) => {
      await tx.createResource({ ...observation(2), id: 'kept-out' });
      await tx.createResource({ resourceType: 'Patient', birthDate: 19800101 } as unknown as Patient);
    });
    await expect(failed).rejects.toThrow(/Patient cannot be indexed for the search parameter 'birthdate'/);
    await expect(repo.readResource('Observation', 'kept-out')).rejects.toThrow(/not found/);
    const risk = { resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/p1' }, prediction: [{ probabilityDecimal: 'haute' }] };
    await expect(repo.createResource(risk as unknown as Resource)).rejects.toThrow(/'probability': "haute" is not a number/);
  });

  it('still store values an R4 parameter does not describe as dates, and index a Timing by its events', async () => {
    const repo = memoryRepository();
    await repo.createResource({ resourceType: 'Immunization', status: 'completed', vaccineCode: { text: 'grippe' }, patient: { reference: 'Patient/p1' }, occurrenceString: 'au printemps' });
    const plan = await repo.createResource({
      resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: 'Patient/p1' },
      activity: [{ detail: { status: 'scheduled', scheduledTiming: { event: ['2026-03-02T10:00:00Z'] } } }],
    } as CarePlan);
    const found = await repo.search(parseSearchRequest('CarePlan?activity-date=2026-03-02'));
    expect(found.entry?.map((e) => e.resource?.id)).toEqual([plan.id]);
  });
});

describe('sharing the connection', () => {
  it('hands it to one caller per event-loop turn, in arrival order, so I/O is served between two requests', async () => {
    const repo = memoryRepository();
    await repo.createResource({ ...observation(1), id: 'o1' });
    const events: string[] = [];
    const reads = Array.from({ length: 5 }, (_, i) => repo.readResource('Observation', 'o1').then(() => events.push(`read ${i}`)));
    // What the loop would do between two holders: accept a connection, read a request.
    const io = new Promise<void>((done) => setImmediate(() => {
      events.push('io');
      done();
    }));
    await Promise.all([...reads, io]);
    expect(events.indexOf('io')).toBeGreaterThan(0);
    expect(events.indexOf('io')).toBeLessThan(events.length - 1);
    expect(events.filter((e) => e !== 'io')).toEqual(['read 0', 'read 1', 'read 2', 'read 3', 'read 4']);
  });
});

describe('read workers', () => {
  it('answer searches on their own connection: the last committed state, without waiting for an open transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcours-read-'));
    const store = new Store(openDatabase(dir), 'http://localhost/fhir', { readWorkers: 1 });
    const repo = new SqliteRepository(store);
    try {
      await store.readPool?.ready();
      await repo.createResource({ ...observation(1), id: 'committed' });
      const ids = async (): Promise<(string | undefined)[]> =>
        ((await repo.search(parseSearchRequest('Observation?subject=Patient/p1&_sort=_id'))).entry ?? []).map((e) => e.resource?.id);
      let during: (string | undefined)[] = [];
      await repo.withTransaction(async (tx) => {
        await tx.createResource({ ...observation(2), id: 'pending' });
        during = await ids(); // on the main connection this would wait for the transaction, i.e. forever
      });
      expect(during).toEqual(['committed']);
      expect(await ids()).toEqual(['committed', 'pending']);
      await expect(repo.search(parseSearchRequest('Observation?nonsense=1'))).rejects.toThrow(OperationOutcomeError);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the people of the matches', () => {
  it('are read from the index with each match, unless the caller needs none (a patient-level audit)', async () => {
    const repo = new SqliteRepository(new Store(openDatabase(':memory:'), 'http://localhost/fhir'));
    const person = await repo.createResource<Patient>({ resourceType: 'Patient' });
    await repo.createResource<Observation>({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${person.id}` } });
    await repo.createResource<Observation>({ resourceType: 'Observation', status: 'final', code: { text: 'y' } });
    const owners = (bundle: Bundle): (readonly string[] | undefined)[] => (bundle.entry ?? []).map((e) => ownersOf(e.resource as Resource));
    expect(owners(await repo.search(parseSearchRequest('Observation?_sort=code')))).toEqual([[person.id], []]);
    const options: StoredSearchOptions = { withoutOwners: true };
    const without = await repo.search(parseSearchRequest('Observation?_sort=code'), options);
    expect(without.entry).toHaveLength(2);
    expect(owners(without)).toEqual([undefined, undefined]);
  });
});
