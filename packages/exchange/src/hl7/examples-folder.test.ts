// The HL7 v2 messages of the repository's examples/ folder (sent to the sandbox as the root README shows) convert
// to a discharge Bundle that conforms to the Parcours profile, with no warning.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, validate } from '@parcours/validator';
import { describe, expect, it } from 'vitest';
import { ASSIGNERS } from '../testing.ts';
import { convertAdtA03 } from './adt.ts';

const folder = join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'hl7v2');

describe('examples/hl7v2', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.hl7'));
  it('holds at least one message', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files)('%s converts to a valid discharge Bundle', (file) => {
    const conversion = convertAdtA03(readFileSync(join(folder, file), 'utf8'), { assigners: ASSIGNERS });
    expect(conversion.warnings).toEqual([]);
    const outcome = validate(conversion.bundle);
    expect(outcome.issue.filter((i) => i.severity === 'error')).toEqual([]);
    expect(hasErrors(outcome)).toBe(false);
  });
});
