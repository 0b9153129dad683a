// The conformance cases: one per rule of the FHIR specification the validator enforces (test/conformance/cases,
// each naming its rule, the section of the specification and its expected verdict). A case passes when the
// verdict (error / no error) matches and, for an error, an error names what the case expects.
import type { OperationOutcome } from '@medplum/fhirtypes';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../src/json-rules.ts';
import { loadParcoursR4 } from '../../src/node.ts';
import type { ExtraDefinitions, ValidateOptions } from '../../src/validator.ts';
import { createValidator, hasErrors } from '../../src/validator.ts';

interface Case {
  name: string;
  rule: string;
  spec: string;
  verdict: 'error' | 'valid';
  /** A substring of an error's expression or text (error cases). */
  expected?: string;
  /** A substring of a warning (valid cases that must still say something). */
  warning?: string;
  /** No issue may contain this substring. */
  noIssue?: string;
  options?: ValidateOptions;
  resource?: unknown;
  /** The resource as JSON text, for rules of the JSON format itself. */
  text?: string;
  /** How the text is parsed (parseJsonText's options). */
  parse?: { allowComments?: boolean };
}

const dir = join(import.meta.dirname, 'cases');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case);
const validator = createValidator(loadParcoursR4());
validator.register(JSON.parse(readFileSync(join(import.meta.dirname, 'definitions.json'), 'utf8')) as ExtraDefinitions);

const lines = (o: OperationOutcome, severity: string): string[] => o.issue.filter((i) => i.severity === severity).map((i) => `${i.expression?.join(',') ?? ''} ${i.details?.text ?? ''}`);

describe('conformance cases', () => {
  it('has one case or more for each rule group', () => {
    const groups = new Set(cases.map((c) => c.rule.split('.')[0]));
    expect([...groups].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const o = validator.validate(c.text !== undefined ? parseJsonText(c.text, c.parse) : c.resource, c.options);
    const errors = lines(o, 'error');
    expect(hasErrors(o), `${c.rule} (${c.spec}): expected ${c.verdict}, got\n${errors.join('\n')}`).toBe(c.verdict === 'error');
    if (c.expected) expect(errors.some((e) => e.includes(c.expected ?? '')), errors.join('\n')).toBe(true);
    if (c.warning) expect(lines(o, 'warning').some((w) => w.includes(c.warning ?? '')), lines(o, 'warning').join('\n')).toBe(true);
    if (c.noIssue) expect(o.issue.filter((i) => `${i.details?.text}`.includes(c.noIssue ?? ''))).toEqual([]);
  });
});
