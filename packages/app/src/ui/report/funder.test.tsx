// A funder's sign-in (issue 16) against the real FHIR server of the app tests: the workspace opens the indicators
// report straight away (no caseload, no meeting tab: a funder follows nobody), offering the structures their agency
// funds (OrganizationAffiliation role payer), not the agency itself nor a structure it only partners with.
import type { Resource } from '@medplum/fhirtypes';
import { render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { fhir, practitionerRole, testApi } from '../../test/server.ts';
import { Workspace } from '../workspace/Workspace.tsx';

const FUNDER = 'Practitioner/PractitionerMicrostructureSocialWorkerExample';
const affiliation = (id: string, structure: string, code: string): Resource => ({
  resourceType: 'OrganizationAffiliation', id, active: true, organization: { reference: 'Organization/ars-test' },
  participatingOrganization: { reference: `Organization/${structure}` }, code: [{ coding: [{ system: 'http://hl7.org/fhir/organization-role', code }] }],
});

beforeEach(() => fhir.reset({
  unvalidated: [
    { resourceType: 'Organization', id: 'ars-test', name: 'ARS de test' },
    practitionerRole(FUNDER, 'financeur', 'Organization/ars-test'),
    affiliation('funds-office', 'OrganizationMicrostructureOfficeExample', 'payer'),
    affiliation('partners-housing', 'OrganizationResidenceSocialeExample', 'member'),
  ],
}));

describe('a funder signs in', () => {
  it('lands on the report, choosing among the structures their agency funds', async () => {
    render(<I18nProvider initial="fr"><main><Workspace session={{ api: testApi(''), fhirUser: FUNDER, needPatientBanner: false, relaunchUrl: `${fhir.base}/launch` }} /></main></I18nProvider>);
    await screen.findByRole('heading', { name: 'Rapport d’activité', level: 2 }, { timeout: 10_000 });
    expect(screen.queryByRole('tab')).toBeNull();
    await waitFor(() => expect((document.querySelector('input[name="structure"]') as HTMLInputElement | null)?.value).toBe('OrganizationMicrostructureOfficeExample'));
    const options = [...document.querySelectorAll('#report-structures option')].map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['OrganizationMicrostructureOfficeExample']);
  });
});
