// OperationOutcome builders. The HTTP status comes from `outcome.id` (Medplum's getStatus convention).
import { OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

type IssueCode = OperationOutcomeIssue['code'];

export function outcome(id: string, code: IssueCode, text: string, expression?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    id,
    issue: [{ severity: 'error', code, details: { text }, ...(expression ? { expression: [expression] } : undefined) }],
  };
}

export function fail(id: string, code: IssueCode, text: string, expression?: string): never {
  throw new OperationOutcomeError(outcome(id, code, text, expression));
}

export const invalid = (text: string, expression?: string): never => fail('invalid', 'invalid', text, expression);
export const notFoundError = (text: string): never => fail('not-found', 'not-found', text);
export const goneError = (text: string): never => fail('gone', 'deleted', text);
export const conflictError = (text: string): never => fail('conflict', 'conflict', text);
export const preconditionError = (text: string): never => fail('precondition-failed', 'processing', text);

/** 422 Unprocessable Entity: the resource failed validation (keeps the validator's issues). */
export function unprocessable(validation: OperationOutcome): OperationOutcome {
  return { ...validation, id: 'business-rule' };
}
