// FHIR transactions: Medplum's batch processing inside one SQLite transaction; any failing entry rolls all back.
// https://hl7.org/fhir/R4/http.html#transaction
import { allOk } from '@medplum/core';
import type { FhirRepository, FhirRequest, FhirResponse, FhirRouter } from '@medplum/fhir-router';
import { processBatch } from '@medplum/fhir-router';
import type { Bundle } from '@medplum/fhirtypes';
import { OutcomeError, issue, outcome } from '@parcours/outcomes';
import { rethrowUnexpected } from './unexpected.ts';

export async function runTransaction(req: FhirRequest, repo: FhirRepository, router: FhirRouter, bundle: Bundle): Promise<FhirResponse> {
  const result = await repo.withTransaction(
    async (tx) => {
      // `transactions: false` keeps Medplum from applying its own limits (8 conditional entries); atomicity is ours.
      const response = await processBatch({ ...req, config: { transactions: false } }, tx, router, bundle);
      response.type = 'transaction-response';
      (response.entry ?? []).forEach((entry, i) => {
        const status = Number.parseInt(entry?.response?.status ?? '500', 10);
        if (!entry?.response || status >= 400) {
          rethrowUnexpected(entry?.response?.outcome);
          const failed = entry?.response?.outcome ?? outcome('unexpected', issue('error', 'exception', `Bundle.entry[${i}]`, `Entry ${i} failed`));
          const issues = (failed.issue ?? []).map((x) => ({ ...x, diagnostics: `Bundle.entry[${i}]: ${x.details?.text ?? x.diagnostics ?? ''}` }));
          // The entry's status (Medplum's getStatus of this outcome) becomes the transaction's: same mapping.
          throw new OutcomeError({ ...failed, issue: issues });
        }
      });
      return response;
    },
    { resourceTypes: [] },
  );
  return [allOk, result];
}

