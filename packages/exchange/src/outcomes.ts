// FHIR-facing errors: one OperationOutcome shape, French first then English, with a FHIRPath expression.
// https://hl7.org/fhir/R4/operationoutcome.html
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export type IssueCode = OperationOutcomeIssue['code'];

/** One issue with a bilingual human message. */
export function issue(severity: OperationOutcomeIssue['severity'], code: IssueCode, fr: string, en: string, expression?: string): OperationOutcomeIssue {
  return { severity, code, details: { text: `${fr} / ${en}` }, ...(expression ? { expression: [expression] } : {}) };
}

export function outcome(...issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** An error that carries the HTTP status and the OperationOutcome to answer. */
export class ExchangeHttpError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  readonly headers: Record<string, string>;
  constructor(status: number, result: OperationOutcome, headers: Record<string, string> = {}) {
    super(result.issue?.[0]?.details?.text ?? `HTTP ${status}`);
    this.name = 'ExchangeHttpError';
    this.status = status;
    this.outcome = result;
    this.headers = headers;
  }
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
