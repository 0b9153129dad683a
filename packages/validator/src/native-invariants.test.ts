import { getDataType } from '@medplum/core';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from './index.ts';
import { useNativeInvariants } from './native-invariants.ts';

function withoutNatives<T>(fn: () => T): T {
  useNativeInvariants(false);
  try {
    return fn();
  } finally {
    useNativeInvariants(true);
  }
}

const ext = (e: object): object => ({ resourceType: 'Patient', extension: [e] });
const patient = (contained: unknown): object => ({ resourceType: 'Patient', contained });
const cs = (concept: unknown): object => ({ resourceType: 'CodeSystem', status: 'draft', content: 'complete', url: 'http://x.org/cs', concept });
const bundle = (entry: unknown[]): object => ({ resourceType: 'Bundle', type: 'collection', entry });
const typed = (type: unknown, more: object): object => ({ resourceType: 'Bundle', type, ...more });
const urn = (n: number): string => `urn:uuid:00000000-0000-4000-8000-00000000000${n}`;

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
  ['a total outside a searchset', typed('collection', { total: 2 })],
  ['a total in a history', typed('history', { total: 0 })],
  ['a total with an extension', typed('collection', { _total: { id: 'x' } })],
  ['a search outside a searchset', typed('collection', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient' }, search: { mode: 'match' } }] })],
  ['an empty search', typed('searchset', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient' }, search: {} }] })],
  ['a request outside a batch', typed('collection', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } }] })],
  ['a transaction entry without request', typed('transaction', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient' } }] })],
  ['a response outside a response Bundle', typed('batch', { entry: [{ request: { method: 'GET', url: 'Patient' }, response: { status: '200' } }] })],
  ['a transaction-response entry without response', typed('transaction-response', { entry: [{ resource: { resourceType: 'Patient' } }] })],
  ['the same fullUrl and version twice', typed('collection', { entry: [1, 1].map((n) => ({ fullUrl: urn(n), resource: { resourceType: 'Patient', meta: { versionId: '1' } } })) })],
  ['the same fullUrl in two versions', typed('collection', { entry: [1, 2].map((n) => ({ fullUrl: urn(1), resource: { resourceType: 'Patient', meta: { versionId: String(n) } } })) })],
  ['the same fullUrl twice in a history', typed('history', { entry: [1, 1].map((n) => ({ fullUrl: urn(n), request: { method: 'PUT', url: 'Patient/1' }, resource: { resourceType: 'Patient' } })) })],
  ['a fullUrl that is not a string', typed('history', { entry: [{ fullUrl: 3, request: { method: 'GET', url: 'x' } }] })],
  ['a versionId that is not a string', typed('collection', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient', meta: { versionId: 1 } } }] })],
  ['a document without identifier or Composition', typed('document', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient' } }] })],
  ['a message without MessageHeader', typed('message', { entry: [{ fullUrl: urn(1), resource: { resourceType: 'Patient' } }] })],
  ['no type', { resourceType: 'Bundle', total: 1, entry: [{ search: { mode: 'match' } }] }],
  ['a type with an extension', typed('searchset', { _type: { id: 'x' } })],
  ['entries that are not an array', typed('collection', { entry: { fullUrl: urn(1) } })],
];

describe('native evaluation of frequent invariants', () => {
  it.each(cases)('gives the same outcome as Medplum FHIRPath: %s', (_label, resource) => {
    expect(validate(resource)).toEqual(withoutNatives(() => validate(resource)));
  });

  it('gives the same outcome as Medplum FHIRPath on every official R4 Bundle', { timeout: 300_000 }, () => {
    const dir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json' && statSync(join(dir, f)).size <= 1_000_000);
    const bundles = files.map((f): [string, unknown] => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]).filter(([, r]) => (r as { resourceType?: string }).resourceType === 'Bundle');
    expect(bundles.length).toBeGreaterThan(30);
    const differ: string[] = [];
    for (const [f, resource] of bundles) {
      if (JSON.stringify(validate(resource)) !== JSON.stringify(withoutNatives(() => validate(resource)))) differ.push(f);
    }
    expect(differ).toEqual([]);
  });

  it('replaces the Bundle invariants of R4 (their published expressions)', () => {
    validate({ resourceType: 'Bundle', type: 'collection' });
    const replaced = getDataType('Bundle').constraints?.filter((c) => typeof c.expression !== 'string').map((c) => c.key);
    expect(replaced).toEqual(expect.arrayContaining(['bdl-1', 'bdl-2', 'bdl-3', 'bdl-4', 'bdl-7', 'bdl-9', 'bdl-10', 'bdl-11', 'bdl-12']));
  });

  it('reports a broken invariant with its key', () => {
    const issues = validate(cs([{ code: 'a' }, { code: 'a' }])).issue;
    expect(issues.some((i) => i.severity === 'error' && i.details?.text?.startsWith('Constraint csd-1 not met'))).toBe(true);
    expect(validate(patient([{ resourceType: 'Patient', id: 'a', meta: { versionId: '1' } }])).issue.some((i) => i.details?.text?.startsWith('Constraint dom-4 not met'))).toBe(true);
  });
});
