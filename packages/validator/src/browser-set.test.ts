// The compact set the browser is fed (@parcours/definitions) must judge Parcours resources exactly as the
// full R4 + Parcours set does: same errors and warnings on every example and negative fixture.
import * as browser from '@parcours/definitions';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { examples, invalidExamples } from '@parcours/profiles';
import { describe, expect, it } from 'vitest';
import { createValidator, validate } from './index.ts';

const compact = createValidator(browser);

function findings(o: OperationOutcome): string[] {
  return o.issue.filter((i) => i.severity === 'error' || i.severity === 'warning').map((i) => `${i.severity} ${i.expression?.join(',')}: ${i.details?.text}`).sort();
}

describe('the browser definition set', () => {
  it('holds far fewer R4 definitions than the full set, but names every R4 resource type', () => {
    expect(browser.resourceTypes).toContain('MedicinalProduct');
    expect(browser.structures.split('\n').length).toBeLessThan(150);
  });

  it.each([...examples.map((r) => [`${r.resourceType}/${r.id}`, r] as const), ...invalidExamples.map((x) => [x.name, x.resource] as const)])('judges %s as the full set does', (_name, resource) => {
    expect(findings(compact.validate(resource))).toEqual(findings(validate(resource)));
  });

  it('says which definitions it lacks instead of calling a real type unknown', () => {
    const o = compact.validate({ resourceType: 'MedicinalProduct' });
    expect(o.issue[0]).toMatchObject({ severity: 'error', code: 'not-supported', expression: ['MedicinalProduct'] });
    expect(compact.validate({ resourceType: 'Patiente' }).issue[0]?.details?.text).toMatch(/Unknown resourceType "Patiente"/);
  });
});
