// Every Parcours example passes with 0 errors; each negative fixture fails with the issue it expects.
import { examples, invalidExamples } from '@parcours/profiles';
import { describe, expect, it } from 'vitest';
import { validate } from './index.ts';

function label(r: { resourceType: string; id?: string }): string {
  return `${r.resourceType}/${r.id ?? '?'}`;
}

describe('Parcours examples', () => {
  it('reads the examples of @parcours/profiles', () => {
    expect(Array.isArray(examples) && Array.isArray(invalidExamples)).toBe(true);
  });

  it.skipIf(examples.length === 0).each(examples.map((r) => [label(r), r] as const))('%s is valid', (_name, resource) => {
    const errors = validate(resource).issue.filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0]}: ${i.details?.text}`);
    expect(errors).toEqual([]);
  });

  it.skipIf(invalidExamples.length === 0).each(invalidExamples.map((x) => [x.name, x] as const))('%s fails as expected', (_name, x) => {
    const errors = validate(x.resource).issue.filter((i) => i.severity === 'error');
    const texts = errors.map((i) => `${i.expression?.join(',')} ${i.details?.text}`);
    expect(texts.some((t) => t.includes(x.expected)), `expected an error mentioning "${x.expected}", got:\n${texts.join('\n')}`).toBe(true);
  });
});
