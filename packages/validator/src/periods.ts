/**
 * per-1 (`start <= end`) on values of different precision. FHIRPath compares a date and a dateTime at their common
 * precision: when they are equal there (`2023-06-21` and `2023-06-21T06:20:00Z`) the result is empty, the
 * comparison being unknown, and an invariant that does not evaluate to true fails, as the HL7 validator reports
 * it. Medplum compares such values as text and finds the shorter one earlier, so this case is checked here (the
 * reverse order already fails in Medplum).
 * See https://hl7.org/fhirpath/N1/#comparison, https://hl7.org/fhir/R4/datatypes.html#Period
 */
import { issue } from './issues.ts';
import type { WalkContext } from './walker.ts';

type Json = Record<string, unknown>;

/** Length of the date part of a FHIR date or dateTime: 4 (year), 7 (month), 10 (day), or 99 with a time. */
function precision(value: string): number | undefined {
  if (/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value)) return value.length;
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return 99;
  return undefined;
}

export function checkPeriod(period: Json, path: string, ctx: WalkContext): void {
  const { start, end } = period;
  if (typeof start !== 'string' || typeof end !== 'string') return;
  const [ps, pe] = [precision(start), precision(end)];
  if (ps === undefined || pe === undefined || ps >= pe) return;
  if (start !== end.slice(0, ps)) return;
  ctx.issues.push(issue('error', 'invariant', path, `per-1: start ${start} and end ${end} are equal to the precision of the start, so "start <= end" is unknown (an empty FHIRPath result), which does not satisfy the invariant: give both with the same precision`));
}
