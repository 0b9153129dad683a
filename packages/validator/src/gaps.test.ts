// Each test here covers something @medplum/core's validateResource does not catch on its own
// (measured: missed bindings, extension content, rules in matched slices, reference targets): the matching assertion fails if the walker's check is removed.
import type { OperationOutcome } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrors, register, validate } from './index.ts';
import { CATEGORY, CS, LOINC, STAGE_EXT, codeSystem, observationProfile, stageExtension, validObservation, valueSets } from './test-fixtures.ts';

function find(o: OperationOutcome, severity: string, expression: string, text: RegExp): boolean {
  return o.issue.some((i) => i.severity === severity && (i.expression ?? []).some((e) => e.includes(expression)) && text.test(i.details?.text ?? ''));
}

function errors(o: OperationOutcome): string[] {
  return o.issue.filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0]}: ${i.details?.text}`);
}

beforeAll(() => {
  register({ structureDefinitions: [observationProfile(), stageExtension()], valueSets, codeSystems: [codeSystem] });
});

describe('the fixture itself', () => {
  it('validates with no errors', () => {
    expect(errors(validate(validObservation()))).toEqual([]);
  });
});

describe('required bindings', () => {
  it('rejects an R4 core code outside its required value set (Patient.gender)', () => {
    const o = validate({ resourceType: 'Patient', gender: 'homme' });
    expect(find(o, 'error', 'Patient.gender', /"homme" is not in the value set.*administrative-gender/)).toBe(true);
  });

  it('rejects a code outside a profile value set, listed system', () => {
    const obs = { ...validObservation(), code: { coding: [{ system: LOINC, code: '1234-5' }] } };
    const o = validate(obs);
    expect(find(o, 'error', 'Observation.code', /1234-5" is not in the value set/)).toBe(true);
  });

  it('rejects a code from a system the value set does not use', () => {
    const o = validate({ ...validObservation(), code: { coding: [{ system: 'http://example.org/x', code: 'a' }] } });
    expect(find(o, 'error', 'Observation.code', /not in the value set/)).toBe(true);
  });

  it('rejects a CodeableConcept with text only where a code is required', () => {
    const o = validate({ ...validObservation(), code: { text: 'consommation' } });
    expect(find(o, 'error', 'Observation.code', /No code provided/)).toBe(true);
  });

  it('reports a code of a whole terminology it cannot enumerate as information, never as checked', () => {
    const o = validate({ ...validObservation(), method: { coding: [{ system: LOINC, code: '9999-9' }] } });
    expect(hasErrors(o)).toBe(false);
    expect(find(o, 'information', 'Observation.method', /not checked offline/)).toBe(true);
  });

  it('checks codes inside data types (ContactPoint.system) and primitive code arrays', () => {
    const o = validate({ resourceType: 'Patient', telecom: [{ system: 'fax2', value: '01' }] });
    expect(find(o, 'error', 'Patient.telecom[0].system', /not in the value set/)).toBe(true);
  });
});

describe('extensible bindings', () => {
  it('warns, without error, for a code outside an extensible value set', () => {
    const o = validate({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'ZZZ' }] }] });
    expect(hasErrors(o)).toBe(false);
    expect(find(o, 'warning', 'Observation.interpretation[0]', /extensible/)).toBe(true);
  });
});

describe('extensions', () => {
  it('checks the binding inside an extension value', () => {
    const obs = { ...validObservation(), extension: [{ url: STAGE_EXT, valueCodeableConcept: { coding: [{ system: CS, code: 'inconnu' }] } }] };
    expect(find(validate(obs), 'error', 'Observation.extension[0]', /"https:\/\/test.parcours.fr\/CodeSystem\/test-codes\|inconnu" is not in the value set/)).toBe(true);
  });

  it('checks the value type against the extension definition', () => {
    const obs = { ...validObservation(), extension: [{ url: STAGE_EXT, valueString: 'alliance' }] };
    expect(hasErrors(validate(obs))).toBe(true);
  });

  it('checks nested extensions forbidden by a simple extension', () => {
    const obs = { ...validObservation(), extension: [{ url: STAGE_EXT, valueCodeableConcept: { coding: [{ system: CS, code: 'alliance' }] }, extension: [{ url: 'x', valueString: 'y' }] }] };
    expect(hasErrors(validate(obs))).toBe(true);
  });

  it('enforces the extension slice cardinality (missing and repeated)', () => {
    const missing = validate({ ...validObservation(), extension: undefined });
    expect(find(missing, 'error', 'Observation.extension', /Slice 'stage' requires 1..1 value\(s\), found 0/)).toBe(true);
    const ext = { url: STAGE_EXT, valueCodeableConcept: { coding: [{ system: CS, code: 'alliance' }] } };
    const twice = validate({ ...validObservation(), extension: [ext, structuredClone(ext)] });
    expect(find(twice, 'error', 'Observation.extension', /found 2/)).toBe(true);
  });

  it('checks an extension of the R4 core wherever it appears (a known definition, its value type)', () => {
    const o = validate({ resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueString: 'Lyon' }] });
    expect(hasErrors(o)).toBe(true);
    const ok = validate({ resourceType: 'Patient', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueAddress: { city: 'Lyon' } }] });
    expect(errors(ok)).toEqual([]);
  });
});

describe('rules inside matched slices', () => {
  it('checks a cardinality defined inside a slice', () => {
    const obs = { ...validObservation(), category: [{ coding: [{ system: CATEGORY, code: 'survey' }] }] };
    expect(find(validate(obs), 'error', 'Observation.category[0].text', /slice 'survey'/)).toBe(true);
  });

  it('checks a type restriction inside a slice', () => {
    const obs = { ...validObservation(), component: [{ code: { coding: [{ system: LOINC, code: '74013-4' }] }, valueString: 'trois' }] };
    expect(find(validate(obs), 'error', 'Observation.component[0].value', /Wrong type in slice 'drinks'.*Quantity/)).toBe(true);
  });

  it('rejects a value matching no slice when the slicing is closed', () => {
    const obs = { ...validObservation(), component: [{ code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 1 } }] };
    expect(find(validate(obs), 'error', 'Observation.component[0]', /matches none of the slices/)).toBe(true);
  });

  it('counts a required pattern slice', () => {
    const obs = { ...validObservation(), category: [{ coding: [{ system: CATEGORY, code: 'laboratory' }], text: 'Labo' }] };
    expect(find(validate(obs), 'error', 'Observation.category', /Slice 'survey' requires 1..1/)).toBe(true);
  });
});

describe('reference target types', () => {
  it('is an error for a profile narrowing the targets', () => {
    const obs = { ...validObservation(), subject: { reference: 'Group/g1' } };
    expect(find(validate(obs), 'error', 'Observation.subject.reference', /A reference to a Group is not allowed here: it must point to Patient/)).toBe(true);
  });

  it('is an error in base R4 too, for absolute URLs and Reference.type', () => {
    expect(find(validate({ resourceType: 'Patient', managingOrganization: { reference: 'https://ehr.example.fr/fhir/Practitioner/1' } }), 'error', 'managingOrganization', /Practitioner/)).toBe(true);
    expect(find(validate({ resourceType: 'Patient', managingOrganization: { type: 'Patient', display: 'x' } }), 'error', 'managingOrganization.type', /Patient/)).toBe(true);
  });

  it('resolves #contained references to check their type, and reports missing ones', () => {
    const ok = { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'o1', name: 'CSAPA' }], managingOrganization: { reference: '#o1' } };
    expect(errors(validate(ok))).toEqual([]);
    expect(find(validate({ ...ok, managingOrganization: { reference: '#o2' } }), 'error', 'managingOrganization.reference', /no contained resource/)).toBe(true);
    const wrong = { ...ok, contained: [{ resourceType: 'Practitioner', id: 'o1' }] };
    expect(find(validate(wrong), 'error', 'managingOrganization.reference', /Practitioner is not allowed/)).toBe(true);
  });
});

describe('several broken invariants on one resource', () => {
  it('reports every failing Parcours invariant, not only the first one Medplum meets', () => {
    const o = validate({
      resourceType: 'Patient',
      meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-patient'] },
      identifier: [{ use: 'official', system: 'urn:oid:1.2.250.1.213.1.4.8', value: '1850775' }],
      name: [{ use: 'usual', family: 'Garnier' }],
      gender: 'male',
    });
    expect(find(o, 'error', 'Patient', /Constraint parcours-ins-format not met/)).toBe(true);
    expect(find(o, 'error', 'Patient', /Constraint parcours-ins-identity-traits not met/)).toBe(true);
  });
});
