// Failing loudly: what the validator cannot check is an issue, never a silent pass; and the README's promises.
import type { StructureDefinition } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { createValidator, loadParcoursR4, validate } from './index.ts';
import { DefinitionTable } from './table.ts';

const T = 'https://test.parcours.fr/StructureDefinition/';

/** R4 Patient with two Parcours-style invariants on the root: one that fails, one whose FHIRPath throws. */
function patientProfile(): StructureDefinition {
  const sd = structuredClone(new DefinitionTable(loadParcoursR4().structures).get<StructureDefinition>('Patient') as StructureDefinition);
  const root = sd.snapshot?.element?.[0];
  root?.constraint?.push(
    { key: 'parcours-test-1', severity: 'error', human: 'a name is required', expression: 'name.exists()' },
    { key: 'parcours-test-2', severity: 'error', human: 'uses a function FHIRPath lacks', expression: "'a'.noSuchFunction()" },
  );
  return { ...sd, url: `${T}loud-patient`, name: 'LoudPatient', id: 'loud-patient', derivation: 'constraint', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient' };
}

describe('failing loudly', () => {
  const v = createValidator(loadParcoursR4());
  v.register({ structureDefinitions: [patientProfile()] });

  it('reports an invariant whose FHIRPath cannot be evaluated, next to the one that failed', () => {
    const o = v.validate({ resourceType: 'Patient', meta: { profile: [`${T}loud-patient`] } });
    const texts = o.issue.filter((i) => i.severity === 'error').map((i) => i.details?.text ?? '');
    expect(texts.some((t) => t.startsWith('Constraint parcours-test-1 not met'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Constraint parcours-test-2 could not be evaluated'))).toBe(true);
  });

  it('gives an error for an unknown profile asked for, and for an unknown Parcours profile in meta.profile', () => {
    expect(validate({ resourceType: 'Patient' }, { profile: 'ParcoursNope' }).issue[0]).toMatchObject({ severity: 'error', code: 'not-found' });
    const o = validate({ resourceType: 'Patient', meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-patiente'] } });
    expect(o.issue[0]).toMatchObject({ severity: 'error', code: 'not-found', expression: ['Patient.meta.profile'] });
  });

  it('only warns for another unknown profile in meta.profile, and checks against base R4', () => {
    const o = validate({ resourceType: 'Patient', gender: 'homme', meta: { profile: ['http://example.org/StructureDefinition/other'] } });
    expect(o.issue.some((i) => i.severity === 'warning' && i.code === 'not-supported')).toBe(true);
    expect(o.issue.some((i) => i.severity === 'error' && i.expression?.[0] === 'Patient.gender')).toBe(true);
  });

  it('gives every issue about an element an expression; only issues about the input as a whole have none', () => {
    const bad = [{ resourceType: 'Patient', gender: 'homme', name: 'x', extension: [{ url: 'https://fhir.parcours.fr/x' }] }, { resourceType: 'Bundle', type: 'document', entry: [{ fullUrl: 'a' }, { fullUrl: 'a' }] }];
    for (const r of bad) for (const i of validate(r).issue) expect(i.expression?.[0], JSON.stringify(i)).toMatch(/^(Patient|Bundle)/);
    expect(validate(42).issue[0]?.expression).toBeUndefined();
  });
});
