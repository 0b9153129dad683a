// Launched from the GP's EHR: the EHR's records beside the plan, read through their own FhirApi and patient id (here
// a second person of the test server standing for the EHR's file), shared into the plan one result at a time with a
// Provenance naming the EHR's original; the plan's shared results, seen by every member.
import type { Observation, Patient, Provenance } from '@medplum/fhirtypes';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadEhr } from '../fhir/ehr.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Session } from '../smart/session.ts';
import { fhir, MICRO, testApi } from '../test/server.ts';
import { App } from './App.tsx';

const EHR_FILE = 'dpi-0007';
const EHR_BASE = 'https://dpi.exemple.fr/fhir';
const ggt: Observation = {
  resourceType: 'Observation', id: 'dpi-0007-lab-0-ggt', status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '2324-2' }], text: 'GGT (gamma-GT)' }, subject: { reference: `Patient/${EHR_FILE}` },
  effectiveDateTime: '2026-09-14', valueQuantity: { value: 182, unit: 'U/L', system: 'http://unitsofmeasure.org', code: 'U/L' },
  referenceRange: [{ high: { value: 55, unit: 'U/L', system: 'http://unitsofmeasure.org', code: 'U/L' } }],
};
const file: Patient = { resourceType: 'Patient', id: EHR_FILE, name: [{ family: 'Haddad', given: ['Karim'] }] };

beforeEach(() => fhir.reset({ unvalidated: [file, ggt, {
  resourceType: 'MedicationStatement', id: 'dpi-0007-med', status: 'active', subject: { reference: `Patient/${EHR_FILE}` },
  medicationCodeableConcept: { text: 'Baclofène 10 mg' }, dosage: [{ text: '1 comprimé trois fois par jour' }],
}] }));

function ehrSession(): { session: Session; ehrRecords: ReturnType<typeof loadEhr> } {
  const ehrApi = testApi(EHR_FILE);
  return {
    session: { api: testApi(MICRO.patient), patientId: MICRO.patient, fhirUser: MICRO.gp, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch`, ehr: { api: ehrApi, patientId: EHR_FILE, baseUrl: EHR_BASE } },
    ehrRecords: loadEhr(ehrApi, EHR_FILE),
  };
}

describe('the GP’s EHR beside the plan', () => {
  it('shows the EHR’s lab results and medications marked « Dans votre logiciel (DPI) », and copies nothing', async () => {
    const { session, ehrRecords } = ehrSession();
    render(<I18nProvider><main><App session={session} ehrRecords={ehrRecords} /></main></I18nProvider>);
    const panel = await screen.findByTestId('ehr-panel', {}, { timeout: 15_000 });
    expect(screen.getByRole('heading', { name: 'Dans votre logiciel (DPI)' })).toBeTruthy();
    const row = await within(panel).findByText('GGT (gamma-GT)', {}, { timeout: 15_000 });
    expect(row.closest('tr')?.textContent).toContain('182 U/L (au-dessus de la normale)');
    expect(panel.textContent).toContain('Baclofène 10 mg — 1 comprimé trois fois par jour');
    expect(screen.queryByTestId('shared-results')).toBeNull();
    expect(await fhir.search(`Observation?subject=Patient/${MICRO.patient}&code=http://loinc.org|2324-2`)).toEqual([]);
  });

  it('shares one result into the plan: a copy for the plan’s person, with a Provenance whose source is the EHR’s original', async () => {
    const { session, ehrRecords } = ehrSession();
    render(<I18nProvider><main><App session={session} ehrRecords={ehrRecords} /></main></I18nProvider>);
    await screen.findByTestId('ehr-panel', {}, { timeout: 15_000 });
    await userEvent.setup().click(await screen.findByRole('button', { name: /Partager dans le plan : GGT \(gamma-GT\)/ }, { timeout: 15_000 }).catch((error: unknown) => {
      throw new Error(`no share button; panel: ${screen.queryByTestId('ehr-panel')?.textContent ?? '(none)'}`, { cause: error });
    }));
    await screen.findByText('Résultat partagé dans le plan.', {}, { timeout: 15_000 });
    expect((await screen.findByTestId('shared-results')).textContent).toContain('182 U/L');
    expect(screen.getByTestId('ehr-panel').textContent).toContain('Déjà dans le plan');
    const [copy] = await fhir.search<Observation>(`Observation?subject=Patient/${MICRO.patient}&code=http://loinc.org|2324-2`);
    expect(copy?.identifier).toEqual([{ system: `${EHR_BASE}/Observation`, value: ggt.id }]);
    expect(copy?.valueQuantity?.value).toBe(182);
    const [provenance] = await fhir.search<Provenance>(`Provenance?target=Observation/${copy?.id}`);
    expect(provenance?.entity).toEqual([{ role: 'source', what: { reference: `${EHR_BASE}/Observation/${ggt.id}`, display: `DPI du médecin / GP’s EHR — ${EHR_BASE}` } }]);
  });
});
