import { parseSearchRequest } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { SqliteRepository, Store } from './repository.ts';
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
