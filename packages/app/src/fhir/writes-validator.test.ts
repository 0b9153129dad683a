// The validator as the app loads it on first write: the browser entry fed the compact definition set.
import { describe, expect, it } from 'vitest';
import * as build from './builders.ts';
import { buildTransaction, validateBundle } from './writes.ts';

const me = { reference: 'Practitioner/gp' };
const ctx = { fhirUser: 'Practitioner/gp', organization: { reference: 'Organization/csapa' }, now: () => new Date('2025-01-02T10:00:00Z') };

describe('validateBundle (browser validator, compact definitions)', () => {
  it('lets valid writes through, the Provenance included', async () => {
    const task = build.newTask('p1', 'cp1', 'Accompagner au CSAPA', { reference: 'Practitioner/sw' }, '2025-03-01', me);
    const changes = [{ resource: build.auditC('p1', [2, 1, 0], '2025-01-02', me) }, { resource: task }];
    expect(await validateBundle(buildTransaction(changes, ctx))).toBeUndefined();
  });

  it('stops an AUDIT-C item out of range before it is sent, saying where', async () => {
    const outcome = await validateBundle(buildTransaction([{ resource: build.auditC('p1', [9, 4, 4], '2025-01-02', me) }], ctx));
    const errors = (outcome?.issue ?? []).filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => i.expression?.[0]?.startsWith('Observation'))).toBe(true);
  });
});
