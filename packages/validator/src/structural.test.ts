// The ported structural pass (structural.ts) against Medplum's own validateTypedValue: the same issues, in the same
// order, on every official R4 example (base R4, and Bundles with their entries apart) and every Parcours example
// on its profiles. A Medplum upgrade that changes its checks fails here.
import type { TypedValue } from '@medplum/core';
import { OperationOutcomeError, getAllDataTypes, getDataType, validateTypedValue } from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from './definitions.ts';
import { entriesApartType } from './entries-apart.ts';
import { loadParcoursR4 } from './node.ts';
import { structuralIssues } from './structural.ts';

const defs = createRegistry(loadParcoursR4());
const dir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json' && statSync(join(dir, f)).size <= 1_000_000);

function medplums(typed: TypedValue): OperationOutcomeIssue[] {
  try {
    return validateTypedValue(typed);
  } catch (err) {
    if (err instanceof OperationOutcomeError) return err.outcome.issue ?? [];
    return [{ severity: 'fatal', code: 'exception', diagnostics: String(err) }];
  }
}

function ours(typed: TypedValue): OperationOutcomeIssue[] {
  try {
    return structuralIssues(typed);
  } catch (err) {
    if (err instanceof OperationOutcomeError) return err.outcome.issue ?? [];
    return [{ severity: 'fatal', code: 'exception', diagnostics: String(err) }];
  }
}

/** The typed values a resource is validated as: its type, and for a Bundle the variant with entries apart. */
function typings(r: Resource): TypedValue[] {
  defs.ensureResourceType(r.resourceType);
  defs.ensureNestedResourceTypes(r);
  const typed: TypedValue[] = [{ type: r.resourceType, value: r }];
  if (r.resourceType === 'Bundle') typed.push({ type: entriesApartType(defs, getDataType('Bundle')), value: r });
  for (const url of r.meta?.profile ?? []) {
    const schema = defs.profileSchema(url);
    if (!schema) continue;
    const key = `structural-test:${url}`;
    getAllDataTypes()[key] = schema;
    typed.push({ type: key, value: r });
  }
  return typed;
}

function differences(resources: [string, Resource][]): string[] {
  const out: string[] = [];
  for (const [name, r] of resources) {
    for (const typed of typings(r)) {
      const expected = JSON.stringify(medplums(typed));
      const actual = JSON.stringify(ours(typed));
      if (actual !== expected) out.push(`${name} as ${typed.type}: Medplum ${expected.slice(0, 300)} / ours ${actual.slice(0, 300)}`);
    }
  }
  return out;
}

describe("the structural pass gives Medplum's issues", () => {
  it('on every official R4 example', { timeout: 600_000 }, () => {
    const resources = files.map((f): [string, Resource] => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Resource]);
    expect(differences(resources).slice(0, 10)).toEqual([]);
  });

  it('on every Parcours example, on its profiles', () => {
    const resources = (examples as Resource[]).map((r): [string, Resource] => [`${r.resourceType}/${r.id ?? ''}`, r]);
    expect(resources.length).toBeGreaterThan(10);
    expect(differences(resources)).toEqual([]);
  });

  it('on broken resources: nulls, empty values, wrong JSON types, unknown and missing elements, bad primitives', () => {
    const broken = [
      { resourceType: 'Observation', id: 'no-status-no-code' },
      { resourceType: 'Patient', extension: [{ url: 'http://x', valueString: 'a', valueBoolean: true, _valueCode: { id: 'c' } }], name: [{ given: ['a'], _given: [null, { id: 'b' }] }], _gender: 'male' },
      { resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: '1', type: 'group', _text: [{ id: 'x' }], item: [{}] }], contained: [{ resourceType: 'ValueSet', status: 'draft', bogus: true }] },
      { resourceType: 'Patient', name: [{ given: [null, 'x'], _given: [{ id: 'a' }] }], birthDate: '2023-02-30', gender: 3, active: 'yes' },
      { resourceType: 'Observation', code: {}, valueQuantity: { value: 'x' }, valueString: 'two', extension: [{ url: 'u' }], _status: { id: 'y' } },
      { resourceType: 'Patient', contact: [{}], communication: [{ language: { text: ' ' } }], multipleBirthInteger: 1.5, photo: [{ data: 'abc' }] },
      { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', bogus: 1 } }, { fullUrl: 'a/_history/1' }], total: -1 },
      { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Medication/1' }, _effectiveDateTime: { extension: [{ url: 'x', valueBoolean: true }] } },
    ] as unknown as Resource[];
    expect(differences(broken.map((r, i): [string, Resource] => [`broken ${i}`, r]))).toEqual([]);
  });
});
