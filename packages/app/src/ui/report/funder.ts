// A funder (issue 16: a funding body's officer, PractitionerRole code `financeur`) sees aggregate figures only: their
// sign-in lands on the report, and the structures they may choose are those their agency funds
// (OrganizationAffiliation: `organization` the agency, `participatingOrganization` the structure, role `payer`;
// fhir/indicators.ts). The server decides who may see what ($evaluate-measure refuses a structure not funded).
import type { PractitionerRole } from '@medplum/fhirtypes';
import { funderAgencies } from '../../fhir/indicators.ts';
import type { CaseloadState } from '../workspace/useCaseload.ts';

/**
 * True when the user's roles (read with the caseload, which loads them anyway: no request of its own) include a
 * funder's; false while they are not known yet.
 */
export function isFunder(caseload: CaseloadState, fhirUser: string | undefined): boolean {
  if (caseload.status !== 'ready' || !fhirUser) return false;
  const roles = [...caseload.data.refs.values()].filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole' && r.practitioner?.reference === fhirUser);
  return funderAgencies(roles).length > 0;
}
