// FhirRouter answers any exception from a handler with 400 `invalid` carrying the JavaScript message (Medplum's
// normalizeOperationOutcome). Its handlers are wrapped so that an exception that is not an OperationOutcomeError
// becomes an `unexpected` outcome remembering its cause; the HTTP layer then logs the cause and answers 500.
import { OperationOutcomeError } from '@medplum/core';
import type { FhirRouter } from '@medplum/fhir-router';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { OutcomeError, unexpectedOutcome } from '@parcours/outcomes';

const causes = new WeakMap<OperationOutcome, unknown>();

/** Wraps every route handler of the router (call once, after the last `router.add`). */
export function catchUnexpected(router: FhirRouter): void {
  for (const route of router.router.routes) {
    const handler = route.handler;
    // All arguments passed on: Medplum's batch processing adds a fourth one (batch, assignedId).
    route.handler = async (...args: Parameters<typeof handler>) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof OperationOutcomeError) throw error;
        const result = unexpectedOutcome();
        causes.set(result, error);
        throw new OperationOutcomeError(result);
      }
    };
  }
}

/** Throws the unexpected error an outcome stands for, if it stands for one. */
export function rethrowUnexpected(result: OperationOutcome | undefined): void {
  if (!result || !causes.has(result)) return;
  throw new OutcomeError(result, { cause: causes.get(result), unexpected: true });
}
