// OperationOutcome and issue factories: the one way Parcours builds them. https://hl7.org/fhir/R4/operationoutcome.html
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { OutcomeKind } from './status.ts';

export type Severity = OperationOutcomeIssue['severity'];
export type IssueCode = OperationOutcomeIssue['code'];

/**
 * One issue. `expression` is the FHIRPath of the element at fault (or the HTTP element, e.g. `Authorization`);
 * leave it undefined only when no element is at fault (a server failure). Any string, even empty, is kept as given.
 */
export function issue(severity: Severity, code: IssueCode, expression: string | undefined, text: string): OperationOutcomeIssue {
  return { severity, code, details: { text }, ...(expression === undefined ? {} : { expression: [expression] }) };
}

/** A message a person reads: French first, then English (the project's rule for every human text). */
export function bilingual(fr: string, en: string): string {
  return `${fr} / ${en}`;
}

/**
 * An OperationOutcome. `kind` becomes its `id`, which says its HTTP status (Medplum's convention, see status.ts);
 * without a kind the outcome is informational (no status of its own).
 */
export function outcome(kind: OutcomeKind | undefined, ...issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', ...(kind ? { id: kind } : {}), issue: issues };
}

/** True when the outcome holds an error or a fatal issue. */
export function hasErrors(result: OperationOutcome): boolean {
  return (result.issue ?? []).some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** Human text of an outcome's error issues (for logs, dead letters and HL7 ACK texts). */
export function outcomeText(result: OperationOutcome, max = 6): string {
  const errors = (result.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const list = errors.length ? errors : (result.issue ?? []);
  return list
    .slice(0, max)
    .map((i) => `${i.expression?.[0] ? `${i.expression[0]}: ` : ''}${i.details?.text ?? i.diagnostics ?? i.code}`)
    .join('; ');
}
