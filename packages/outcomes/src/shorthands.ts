// Throwing shorthands for the common FHIR REST failures (English texts: FHIR-server diagnostics).
import type { OperationOutcome } from '@medplum/fhirtypes';
import { fail } from './error.ts';

export const invalid = (text: string, expression?: string): never => fail('invalid', 'invalid', expression, text);
export const notFoundError = (text: string): never => fail('not-found', 'not-found', undefined, text);
export const goneError = (text: string): never => fail('gone', 'deleted', undefined, text);
export const conflictError = (text: string): never => fail('conflict', 'conflict', undefined, text);
export const preconditionError = (text: string): never => fail('precondition-failed', 'processing', undefined, text);

/** 422 Unprocessable Entity: the resource failed validation (keeps the validator's issues). */
export function unprocessable(validation: OperationOutcome): OperationOutcome {
  return { ...validation, id: 'business-rule' };
}
