// The one mapping from an OperationOutcome to an HTTP status. The status travels in `outcome.id`, as in Medplum
// (its `getStatus`, which FhirRouter's outcomes follow); ids Medplum does not know (503, 405, 500) are added here.
// https://hl7.org/fhir/R4/http.html#Status-Codes
import { getStatus } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';

export const OUTCOME_STATUS = {
  ok: 200,
  created: 201,
  accepted: 202,
  'not-modified': 304,
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  gone: 410,
  'precondition-failed': 412,
  'content-too-large': 413,
  'unsupported-media-type': 415,
  'business-rule': 422,
  'too-many-requests': 429,
  unexpected: 500,
  unavailable: 503,
  'gateway-timeout': 504,
} as const;

export type OutcomeKind = keyof typeof OUTCOME_STATUS;

/** HTTP status of an outcome: from its id, else Medplum's rule (500 for an `exception` issue, 400 otherwise). */
export function httpStatus(result: OperationOutcome): number {
  const id = result.id as OutcomeKind | undefined;
  if (id && Object.hasOwn(OUTCOME_STATUS, id)) return OUTCOME_STATUS[id];
  return getStatus(result);
}
