import type { OperationOutcome } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrors, register, validate } from './index.ts';
import { LOINC, OBS_PROFILE, codeSystem, observationProfile, stageExtension, validObservation, valueSets } from './test-fixtures.ts';

function find(o: OperationOutcome, severity: string, expression: string, text: RegExp): boolean {
  return o.issue.some((i) => i.severity === severity && (i.expression ?? []).some((e) => e.includes(expression)) && text.test(i.details?.text ?? ''));
}

beforeAll(() => {
  register({ structureDefinitions: [observationProfile(), stageExtension()], valueSets, codeSystems: [codeSystem] });
});

const patient = { fullUrl: 'urn:uuid:7d0c9a3e-4b52-4a3b-9a57-1a2b3c4d5e6f', resource: { resourceType: 'Patient', gender: 'female' }, request: { method: 'POST', url: 'Patient' } };

function tx(...entries: unknown[]): Record<string, unknown> {
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

describe('bundles', () => {
  it('accepts a transaction whose references resolve to its entries', () => {
    const obs = { fullUrl: 'urn:uuid:0b8e6f3c-2d1a-4c5b-8e7f-9a0b1c2d3e4f', resource: { ...validObservation(), subject: { reference: patient.fullUrl } }, request: { method: 'POST', url: 'Observation' } };
    const o = validate(tx(patient, obs));
    expect(o.issue.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('validates each entry against its own meta.profile, with expressions under Bundle.entry[i].resource', () => {
    const bad = { fullUrl: 'urn:uuid:0b8e6f3c-2d1a-4c5b-8e7f-9a0b1c2d3e40', resource: { ...validObservation(), subject: { reference: patient.fullUrl }, code: { coding: [{ system: LOINC, code: '0000-0' }] } }, request: { method: 'POST', url: 'Observation' } };
    const o = validate(tx(patient, bad));
    expect(find(o, 'error', 'Bundle.entry[1].resource.code', /not in the value set/)).toBe(true);
    expect(validObservation().meta).toEqual({ profile: [OBS_PROFILE] });
  });

  it('checks base R4 rules inside entries without a profile', () => {
    const o = validate(tx({ ...patient, resource: { resourceType: 'Patient', gender: 'homme' } }));
    expect(find(o, 'error', 'Bundle.entry[0].resource.gender', /"homme"/)).toBe(true);
  });

  it('rejects a duplicate fullUrl', () => {
    const o = validate(tx(patient, patient));
    expect(find(o, 'error', 'Bundle.entry[1].fullUrl', /Duplicate fullUrl/)).toBe(true);
  });

  it('rejects a urn:uuid reference that no entry resolves, and checks the resolved target type', () => {
    const obs = { fullUrl: 'urn:uuid:0b8e6f3c-2d1a-4c5b-8e7f-9a0b1c2d3e41', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'urn:uuid:00000000-0000-0000-0000-000000000000' } } };
    expect(find(validate(tx(patient, obs)), 'error', 'Bundle.entry[1].resource.subject.reference', /does not resolve/)).toBe(true);
    const org = { fullUrl: 'urn:uuid:0b8e6f3c-2d1a-4c5b-8e7f-9a0b1c2d3e42', resource: { resourceType: 'Organization', name: 'CSAPA' } };
    const wrong = { ...obs, resource: { ...obs.resource, subject: { reference: org.fullUrl } } };
    expect(find(validate(tx(org, wrong)), 'error', 'Bundle.entry[1].resource.subject.reference', /Organization is not allowed/)).toBe(true);
  });

  it('allows server references in a transaction but not unresolved ones in a document', () => {
    const obs = { fullUrl: 'urn:uuid:0b8e6f3c-2d1a-4c5b-8e7f-9a0b1c2d3e43', resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/123' } }, request: { method: 'POST', url: 'Observation' } };
    expect(hasErrors(validate(tx(obs)))).toBe(false);
    const doc = { resourceType: 'Bundle', type: 'document', identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:1' }, timestamp: '2024-01-01T00:00:00Z', entry: [{ fullUrl: obs.fullUrl, resource: obs.resource }] };
    expect(find(validate(doc), 'error', 'Bundle.entry[0].resource.subject.reference', /does not resolve inside this document Bundle/)).toBe(true);
  });

  it('reports an entry\'s errors once, at the entry\'s path, and an unknown element in an entry too', () => {
    const o = validate(tx({ ...patient, resource: { resourceType: 'Patient', gender: 'homme', nom: 'Martin' } }));
    const gender = o.issue.filter((i) => i.expression?.some((e) => e.endsWith('gender')));
    expect(gender.map((i) => i.expression)).toEqual([['Bundle.entry[0].resource.gender']]);
    expect(find(o, 'error', 'Bundle.entry[0].resource.nom', /Invalid additional property/)).toBe(true);
  });

  it('still applies the Bundle\'s own invariants that read entry resources (bdl-11: a document starts with a Composition)', () => {
    const doc = { resourceType: 'Bundle', type: 'document', identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:1' }, timestamp: '2024-01-01T00:00:00Z', entry: [{ fullUrl: patient.fullUrl, resource: patient.resource }] };
    expect(find(validate(doc), 'error', 'Bundle', /bdl-11/)).toBe(true);
  });

  it('checks the entries of a Bundle nested deeper than the Bundle rules go', () => {
    let inner: Record<string, unknown> = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', gender: 'homme', nom: 'Martin' } }] };
    for (let i = 0; i < 6; i++) inner = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: inner }] };
    const o = validate(inner);
    expect(o.issue.some((i) => i.severity === 'error' && /"homme"/.test(i.details?.text ?? ''))).toBe(true);
    expect(o.issue.some((i) => i.severity === 'error' && /Invalid additional property "nom"/.test(i.details?.text ?? ''))).toBe(true);
  });

  it('rejects an entry resource without resourceType', () => {
    expect(hasErrors(validate({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { gender: 'male' } }] }))).toBe(true);
  });
});
