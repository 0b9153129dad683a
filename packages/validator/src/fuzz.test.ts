// Whatever it is given, validate() returns an OperationOutcome with at least one well-formed issue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from './index.ts';

const TYPES = ['Patient', 'Observation', 'CarePlan', 'Bundle', 'Extension', 'Foo', 'Encounter', 'Task', ''];

function wellFormed(input: unknown): void {
  const o = validate(input);
  expect(o.resourceType).toBe('OperationOutcome');
  expect(o.issue.length).toBeGreaterThan(0);
  for (const i of o.issue) {
    expect(['fatal', 'error', 'warning', 'information']).toContain(i.severity);
    expect(typeof i.code).toBe('string');
    expect(typeof i.details?.text).toBe('string');
  }
}

describe('fuzzing', () => {
  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => wellFormed(v)), { numRuns: 300 });
  });

  it('never throws on resource-shaped objects with random content', () => {
    const field = fc.constantFrom('id', 'meta', 'gender', 'status', 'code', 'subject', 'extension', 'entry', 'contained', 'valueQuantity', 'name', 'identifier', '_birthDate', 'component', 'category', 'type');
    const resource = fc.record({ resourceType: fc.constantFrom(...TYPES), rest: fc.dictionary(field, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) }).map(({ resourceType, rest }) => ({ resourceType, ...rest }));
    fc.assert(fc.property(resource, (r) => wellFormed(r)), { numRuns: 300 });
  });

  it('never throws on bundles of random entries', () => {
    const entry = fc.record({ fullUrl: fc.oneof(fc.constant('urn:uuid:1'), fc.webUrl()), resource: fc.record({ resourceType: fc.constantFrom(...TYPES), id: fc.string(), subject: fc.record({ reference: fc.string() }) }) }, { requiredKeys: [] });
    const bundle = fc.record({ type: fc.constantFrom('transaction', 'document', 'message', 'collection', 'x'), entry: fc.array(entry, { maxLength: 5 }) }).map((b) => ({ resourceType: 'Bundle', ...b }));
    fc.assert(fc.property(bundle, (b) => wellFormed(b)), { numRuns: 200 });
  }, 30_000); // 200 Bundles take 3 s alone, more than the default 5 s on the shared 2-core machine
});
