/**
 * A CapabilityStatement's search parameters: one that names an R4 SearchParameter (`definition`) must declare
 * that parameter's type. See https://hl7.org/fhir/R4/capabilitystatement-definitions.html#CapabilityStatement.rest.resource.searchParam.type
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from './issues.ts';

type Json = Record<string, unknown>;

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => x !== null && typeof x === 'object') : []);

/** Search parameters whose declared type differs from the R4 definition they name; none when types are unknown. */
export function capabilityIssues(cs: Json, types: Readonly<Record<string, string>> | undefined): OperationOutcomeIssue[] {
  const out: OperationOutcomeIssue[] = [];
  list(cs.rest).forEach((rest, r) => {
    list(rest.resource).forEach((res, i) => {
      list(res.searchParam).forEach((sp, j) => {
        if (typeof sp.definition !== 'string' || typeof sp.type !== 'string') return;
        const known = (types ?? {})[sp.definition.split('|')[0] ?? sp.definition];
        if (known && known !== sp.type) {
          out.push(issue('error', 'value', `CapabilityStatement.rest[${r}].resource[${i}].searchParam[${j}].type`, `The search parameter ${String(sp.name ?? sp.definition)} is of type ${known} (${sp.definition}), not ${sp.type}`));
        }
      });
    });
  });
  return out;
}
