// The token endpoint's errors (RFC 6749 §5.2): JSON with Cache-Control: no-store. A token exchange refusal also
// carries an OperationOutcome (French / English sentence, the parameter at fault as expression) for apps that show it.
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { FastifyReply } from '@parcours/http';
import { sendJson } from './http.ts';

export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_target';

export class TokenError extends Error {
  readonly code: TokenErrorCode;
  readonly outcome: OperationOutcome | undefined;
  constructor(code: TokenErrorCode, description: string, outcome?: OperationOutcome) {
    super(description);
    this.name = 'TokenError';
    this.code = code;
    this.outcome = outcome;
  }
}

export function sendTokenError(res: FastifyReply, error: TokenError): void {
  const body = { error: error.code, error_description: error.message, ...(error.outcome ? { outcome: error.outcome } : {}) };
  sendJson(res, error.code === 'invalid_client' ? 401 : 400, body, NO_STORE);
}
