import { describe, expect, it } from 'vitest';
import { validate } from './index.ts';
import { useNativeInvariants } from './native-invariants.ts';

const ext = (e: object): object => ({ resourceType: 'Patient', extension: [e] });
const patient = (contained: unknown): object => ({ resourceType: 'Patient', contained });
const cs = (concept: unknown): object => ({ resourceType: 'CodeSystem', status: 'draft', content: 'complete', url: 'http://x.org/cs', concept });
const bundle = (entry: unknown[]): object => ({ resourceType: 'Bundle', type: 'collection', entry });

// Shapes the native evaluations judge, and shapes they hand back to FHIRPath (primitive extensions, empty strings…).
const cases: [string, object][] = [
  ['extension without value or extension', ext({ url: 'http://example.org/x' })],
  ['extension with both', ext({ url: 'http://example.org/x', valueBoolean: false, extension: [{ url: 'a', valueInteger: 0 }] })],
  ['extension with an empty string', ext({ url: 'http://example.org/x', valueString: '' })],
  ['extension with an unknown value type', ext({ url: 'http://example.org/x', valueFoo: 1 })],
  ['extension with a primitive extension', ext({ url: 'http://example.org/x', _valueString: { extension: [{ url: 'http://example.org/y', valueBoolean: true }] } })],
  ['extension with an empty object', ext({ url: 'http://example.org/x', valueQuantity: {} })],
  ['nested contained', patient([{ resourceType: 'Patient', id: 'a', contained: [{ resourceType: 'Patient', id: 'b' }] }])],
  ['contained with versionId', patient([{ resourceType: 'Patient', id: 'a', meta: { versionId: '1' } }])],
  ['contained with lastUpdated', patient([{ resourceType: 'Patient', id: 'a', meta: { lastUpdated: '2020-01-01T00:00:00Z' } }])],
  ['contained with security', patient([{ resourceType: 'Patient', id: 'a', meta: { security: [{ code: 'x' }] } }])],
  ['contained with an extended versionId', patient([{ resourceType: 'Patient', id: 'a', meta: { _versionId: { extension: [{ url: 'x', valueString: 'y' }] } } }])],
  ['contained as an object', patient({ resourceType: 'Patient', id: 'a' })],
  ['duplicate codes', cs([{ code: 'a' }, { code: 'a' }])],
  ['an empty code', cs([{ code: 'a' }, { code: '' }])],
  ['a nested duplicate (descendants() is empty in Medplum)', cs([{ code: 'a', concept: [{ code: 'a' }] }])],
  ['an empty entry', bundle([{}])],
  ['a versioned fullUrl', bundle([{ fullUrl: 'http://x.org/Patient/1/_history/1', resource: { resourceType: 'Patient' } }])],
  ['an empty resource', bundle([{ resource: {} }])],
];

describe('native evaluation of frequent invariants', () => {
  it.each(cases)('gives the same outcome as Medplum FHIRPath: %s', (_label, resource) => {
    const native = validate(resource);
    useNativeInvariants(false);
    try {
      expect(native).toEqual(validate(resource));
    } finally {
      useNativeInvariants(true);
    }
  });

  it('reports a broken invariant with its key', () => {
    const issues = validate(cs([{ code: 'a' }, { code: 'a' }])).issue;
    expect(issues.some((i) => i.severity === 'error' && i.details?.text?.startsWith('Constraint csd-1 not met'))).toBe(true);
    expect(validate(patient([{ resourceType: 'Patient', id: 'a', meta: { versionId: '1' } }])).issue.some((i) => i.details?.text?.startsWith('Constraint dom-4 not met'))).toBe(true);
  });
});
