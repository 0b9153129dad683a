// The one error class that carries an OperationOutcome. It extends Medplum's OperationOutcomeError, so that
// FhirRouter and Medplum's repositories treat it as their own (they return its outcome), and `normalizeError`
// turns anything thrown into one.
import { OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { bilingual, issue, outcome } from './issue.ts';
import type { IssueCode } from './issue.ts';
import type { AccessPrincipal } from './principal.ts';
import { httpStatus } from './status.ts';
import type { OutcomeKind } from './status.ts';

export interface OutcomeErrorOptions {
  /** Response headers that belong to the answer (WWW-Authenticate, Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
  /** Who was refused (a 403 of a valid token), for the FHIR server's audit trail. */
  principal?: AccessPrincipal;
}

export class OutcomeError extends OperationOutcomeError {
  readonly headers: Record<string, string>;
  /** True when made from an exception nobody expected (a bug): its cause is logged, never shown. */
  readonly unexpected: boolean;
  /** Who was refused, when the refusal came from the authorization layer (see OutcomeErrorOptions). */
  readonly principal: AccessPrincipal | undefined;

  constructor(result: OperationOutcome, options: OutcomeErrorOptions & { unexpected?: boolean } = {}) {
    super(result, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutcomeError';
    this.headers = options.headers ?? {};
    this.unexpected = options.unexpected ?? false;
    this.principal = options.principal;
  }

  /** The HTTP status the outcome maps to (see status.ts). */
  get status(): number {
    return httpStatus(this.outcome);
  }
}

/** Throws an OutcomeError of one error issue. */
export function fail(kind: OutcomeKind, code: IssueCode, expression: string | undefined, text: string, options?: OutcomeErrorOptions): never {
  throw new OutcomeError(outcome(kind, issue('error', code, expression, text)), options);
}

/**
 * The answer to an unexpected failure: no JavaScript message, no stack, only the correlation id under which the
 * server logged it (https://hl7.org/fhir/R4/valueset-issue-type.html#issue-type-exception).
 */
export function unexpectedOutcome(correlationId?: string): OperationOutcome {
  const ref = correlationId ? ` (${correlationId})` : '';
  const found = issue('error', 'exception', undefined, bilingual(`Erreur interne du serveur${ref}`, `Internal server error${ref}`));
  return outcome('unexpected', correlationId ? { ...found, diagnostics: `correlation-id: ${correlationId}` } : found);
}

/**
 * Any thrown value as an OutcomeError: an OutcomeError as it is, Medplum's OperationOutcomeError with its outcome,
 * anything else (a TypeError, a string) as an unexpected error whose cause is kept for the server's log.
 */
export function normalizeError(error: unknown): OutcomeError {
  if (error instanceof OutcomeError) return error;
  if (error instanceof OperationOutcomeError) return new OutcomeError(error.outcome, { cause: error });
  return new OutcomeError(unexpectedOutcome(), { cause: error, unexpected: true });
}
