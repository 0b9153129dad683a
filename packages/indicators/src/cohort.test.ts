// Every indicator of the generated cohort, as $evaluate-measure computes it on the embedded server (repository
// source), equals the figure computed a second way, straight from the generated resources (second-way.test-helper).
import type { MeasureReport, Resource } from '@medplum/fhirtypes';
import { generateCohort, programmeOrganizations } from '@parcours/cohort';
import { start } from '@parcours/fhir-server';
import { examples } from '@parcours/profiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateMeasure } from './evaluate.ts';
import { MEASURES } from './measures.ts';
import { cachedSource, repositorySource } from './source.ts';
import { expectedFigures, figures } from './second-way.test-helper.ts';

const resources: Resource[] = [...examples.filter((r) => r.resourceType !== 'Bundle'), ...generateCohort({ people: 60 })];
let fhir: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  fhir = await start({ dataDir: ':memory:', synchronous: 'NORMAL' });
  await fhir.server.repository.withTransaction(async (tx) => {
    for (const r of resources) await tx.updateResource(r as Resource & { id: string });
  }, { resourceTypes: [...new Set(resources.map((r) => r.resourceType))] } as never);
});
afterAll(async () => fhir?.close());

async function reports(structure: string, period: { start: string; end: string }): Promise<MeasureReport[]> {
  const source = cachedSource(repositorySource(fhir.server.repository));
  const out: MeasureReport[] = [];
  for (const m of MEASURES) out.push(await evaluateMeasure(m, source, { structure, period }));
  return out;
}

describe('the generated cohort, computed twice', () => {
  const structures = [...new Set(Object.keys(programmeOrganizations()).map((o) => o.replace('Organization/', '')))];
  for (const period of [{ start: '2026-01-01', end: '2026-12-31' }, { start: '2025-03-01', end: '2025-08-31' }]) {
    for (const structure of structures) {
      it(`${structure}, ${period.start} → ${period.end}`, async () => {
        const got = new Map<string, number>();
        for (const report of await reports(structure, period)) for (const [k, v] of figures(report)) got.set(k, v);
        const expected = expectedFigures(resources, structure, period.start, period.end);
        const mismatches = [...expected].filter(([key, value]) => (got.get(key) ?? 0) !== value).map(([key, value]) => `${key}: expected ${value}, got ${got.get(key) ?? 'none'}`);
        expect(mismatches).toEqual([]);
        // The cohort gives these figures real values (a second way that finds nothing would prove nothing).
        expect(expected.get('parcours-entretiens/entretiens/denominator')).toBeGreaterThan(0);
        expect(expected.get('parcours-file-active/suivies/initial-population')).toBeGreaterThan(0);
      });
    }
  }

  it('names no person: no Patient reference anywhere in the reports', async () => {
    const text = JSON.stringify(await reports('OrganizationMicrostructureOfficeExample', { start: '2026-01-01', end: '2026-12-31' }));
    expect(text).not.toMatch(/Patient\//);
    expect(text).toMatch(/"count":\d+/);
  });
});
