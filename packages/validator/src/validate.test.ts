import type { OperationOutcome } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { hasErrors, validate } from './index.ts';

function texts(o: OperationOutcome, severity = 'error'): string[] {
  return o.issue.filter((i) => i.severity === severity).map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
}

describe('validate: API contract', () => {
  it('returns one informational issue for a valid resource', () => {
    const o = validate({ resourceType: 'Patient', gender: 'female', name: [{ family: 'Martin', given: ['Léa'] }], birthDate: '1984-03-02' });
    expect(o.resourceType).toBe('OperationOutcome');
    expect(hasErrors(o)).toBe(false);
    expect(o.issue).toHaveLength(1);
    expect(o.issue[0]?.severity).toBe('information');
  });

  it.each([[null], [42], ['Patient'], [[{ resourceType: 'Patient' }]], [undefined]])('turns %j into an error outcome instead of throwing', (input) => {
    const o = validate(input);
    expect(hasErrors(o)).toBe(true);
    expect(o.issue[0]?.details?.text).toMatch(/Expected a FHIR resource/);
  });

  it('reports a missing or unknown resourceType clearly', () => {
    expect(texts(validate({ id: 'x' }))[0]).toMatch(/Missing "resourceType"/);
    const unknown = validate({ resourceType: 'Patiente' });
    expect(texts(unknown)[0]).toMatch(/Unknown resourceType "Patiente"/);
    expect(unknown.issue[0]?.expression).toEqual(['Patiente']);
  });

  it('gives every issue a severity, a code, an expression and a message', () => {
    const o = validate({ resourceType: 'Patient', gender: 'xx', birthDate: '2020-13-01', foo: 1 });
    expect(o.issue.length).toBeGreaterThanOrEqual(3);
    for (const i of o.issue) {
      expect(i.severity).toBeTruthy();
      expect(i.code).toBeTruthy();
      expect(i.expression?.[0]).toMatch(/^Patient\./);
      expect(i.details?.text?.length).toBeGreaterThan(10);
    }
  });

  it('reports an unknown profile option as an error', () => {
    const o = validate({ resourceType: 'Patient' }, { profile: 'NoSuchProfile' });
    expect(texts(o)[0]).toMatch(/Unknown profile "NoSuchProfile"/);
  });

  it('warns when meta.profile names a profile it does not know, and still checks base R4', () => {
    const o = validate({ resourceType: 'Patient', meta: { profile: ['http://example.org/StructureDefinition/other'] }, gender: 'xx' });
    expect(texts(o, 'warning').join()).toMatch(/not known offline/);
    expect(texts(o).join()).toMatch(/Patient.gender/);
  });

  it('accepts a base type name as profile', () => {
    expect(hasErrors(validate({ resourceType: 'Patient' }, { profile: 'Patient' }))).toBe(false);
  });

  it('reports a resource of another type than the profile', () => {
    const o = validate({ resourceType: 'Patient' }, { profile: 'http://hl7.org/fhir/StructureDefinition/vitalsigns' });
    expect(texts(o).join()).toMatch(/for Observation resources, not Patient/);
  });
});
