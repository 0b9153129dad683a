// The audit trail of one FHIR request (audit.ts writes the AuditEvent): what the request touched, collected by its
// RequestRepository, recorded before the answer leaves; a refusal is recorded too, and an answer whose audit cannot
// be written is not sent (500), since a read nobody can trace must not happen.
import type { FhirRepository } from '@medplum/fhir-router';
import type { Bundle } from '@medplum/fhirtypes';
import { bilingual, fail, normalizeError } from '@parcours/outcomes';
import { writeAudit } from './audit.ts';
import type { AccessPrincipal, RequestRepository } from './guard.ts';

/** What is known of a request when it is answered or refused. */
export interface AuditState {
  principal?: AccessPrincipal | undefined;
  interaction?: string;
  method?: string;
  repo?: RequestRepository;
  query?: string;
}

/** `transaction` or `batch` for a Bundle posted at the base, else `operation`. */
export function bundleType(body: unknown): string {
  const type = (body as Bundle | undefined)?.type;
  return type === 'transaction' || type === 'batch' ? type : 'operation';
}

/** Writes the request's AuditEvent (nothing without a principal: no token, no person). */
export async function auditRequest(repository: FhirRepository, state: AuditState, status: number, reason?: string): Promise<void> {
  if (!state.principal) return;
  await writeAudit(repository, {
    principal: state.principal, interaction: state.interaction ?? 'operation', method: state.method ?? 'GET', status,
    patients: [...(state.principal.patient ? [state.principal.patient] : []), ...(state.repo?.touched.patients ?? [])],
    resources: state.repo?.touched.resources ?? [], now: Date.now(),
    ...(state.query ? { query: state.query } : {}), ...(reason ? { reason } : {}),
    ...(state.repo?.organization() ? { organization: state.repo.organization() } : {}),
  });
}

/**
 * Audits a refused request (an outcome thrown by the guard or the repository) before the error handler answers it.
 * An unexpected error is not a refusal: it is left to the error handler (logged with its correlation id).
 */
export async function auditRefusal(repository: FhirRepository, state: AuditState, err: unknown): Promise<void> {
  const error = normalizeError(err);
  if (error.unexpected) return;
  state.principal ??= error.principal;
  if (!state.principal) return;
  const written = await auditRequest(repository, state, error.status, error.outcome.issue?.[0]?.details?.text).then(() => true, () => false);
  if (!written) {
    fail('unexpected', 'exception', undefined, bilingual('Journal d’accès indisponible', 'Audit trail unavailable'));
  }
}
