// @parcours/outcomes: OperationOutcome factories, the one error class that carries an outcome, the one mapping to
// HTTP status and the normalisation of anything thrown (see README.md).
export { bilingual, hasErrors, issue, outcome, outcomeText } from './issue.ts';
export type { IssueCode, Severity } from './issue.ts';
export { OUTCOME_STATUS, httpStatus } from './status.ts';
export type { OutcomeKind } from './status.ts';
export { OutcomeError, fail, normalizeError, unexpectedOutcome } from './error.ts';
export type { OutcomeErrorOptions } from './error.ts';
export type { AccessPrincipal, EmergencyPurpose } from './principal.ts';
export { conflictError, goneError, invalid, notFoundError, preconditionError, unprocessable } from './shorthands.ts';
