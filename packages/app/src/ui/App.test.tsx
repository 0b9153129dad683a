// The plan view against the real FHIR server holding the profiles' examples: the alcohol harm-reduction scenario
// (Martine Lefebvre) for the GP's view and writes, the microstructure one (Karim Haddad) for the restricted view.
import type { CarePlan, Observation, Provenance, Resource, Task } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Session } from '../smart/session.ts';
import { fhir, MICRO, practitionerRole, psychotherapyNote, RDR, server, testApi } from '../test/server.ts';
import { App } from './App.tsx';

const TASK = 'Pas de nouvelles depuis trois semaines : rappeler Martine et proposer un rendez-vous à domicile.';
const GOAL = 'Boire moins, pas plus de 3 verres par jour, pour pouvoir garder mon travail';
const PRACTICE: Resource = { resourceType: 'Organization', id: 'OrganizationRdrAlcoolPracticeTest', name: 'Cabinet médical de Roubaix' };

/** The scenario's care plan with a narrative as another system could write it: markup to keep, script to drop. */
function hostileNarrative(): CarePlan {
  const plan = structuredClone((examples as Resource[]).find((r) => r.id === 'CarePlanRdrAlcoolExample')) as CarePlan;
  plan.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Plan coordonné <b>réduction des risques</b></p><img src="x" onerror="alert(1)"/></div>' };
  return plan;
}

beforeEach(() =>
  fhir.reset({
    // The hostile narrative as another system stored it: the server now refuses active content on write (issue 13).
    unvalidated: [hostileNarrative()],
    add: [PRACTICE, practitionerRole(RDR.gp, 'medecin-traitant', 'Organization/OrganizationRdrAlcoolPracticeTest'), practitionerRole(MICRO.socialWorker, 'travailleur-social'), psychotherapyNote(MICRO.patient, MICRO.psychologist)],
  }),
);

function session(patientId: string, fhirUser: string, needPatientBanner = true): Session {
  return { api: testApi(patientId), patientId, fhirUser, needPatientBanner, relaunchUrl: `${fhir.base}/launch` };
}

function renderApp(s: Session): ReturnType<typeof render> {
  return render(<I18nProvider><main><App session={s} /></main></I18nProvider>);
}

describe('App', () => {
  it('shows the plan at a glance to a GP, in French, with the banner and sanitised narrative', async () => {
    const { container } = renderApp(session(RDR.patient, RDR.gp));
    await screen.findByText(GOAL, { exact: false });
    expect(screen.getByLabelText('Personne suivie').textContent).toContain('Lefebvre');
    expect(screen.getByTestId('stage').textContent).toBe('Prioriser : sécuriser la situation et l\'usage'); // the CodeSystem's French display
    // The sections below the goals and the narrative's sanitiser arrive once the data is here (later.ts).
    expect((await screen.findAllByText(TASK)).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/Consultation individuelle/).length).toBeGreaterThan(0); // the phone call of 18/03/2024
    await waitFor(() => expect(container.querySelector('.narrative b')?.textContent).toBe('réduction des risques'));
    expect(container.querySelector('.narrative img, [onerror]')).toBeNull();
    await userEvent.setup().click(await screen.findByText('Données du graphique'));
    const table = await screen.findByTestId('chart-table');
    expect(table.textContent).toContain('15/01/2024');
    expect(table.textContent).toContain('18/03/2024');
  });

  it('hides the banner when the EHR already shows the person', async () => {
    renderApp(session(RDR.patient, RDR.gp, false));
    await screen.findByText(GOAL, { exact: false });
    expect(screen.queryByLabelText('Personne suivie')).toBeNull();
  });

  it('shows psychotherapy notes to the GP, and gives a social worker the restricted view without them or consumption forms', async () => {
    const gp = renderApp(session(MICRO.patient, MICRO.gp));
    expect((await screen.findAllByText('Séance de psychothérapie', { exact: false })).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Noter une consommation' })).toBeTruthy();
    gp.unmount();
    renderApp(session(MICRO.patient, MICRO.socialWorker));
    await screen.findByText('Aller au bout du traitement de l\'hépatite C', { exact: false });
    expect(screen.getByTestId('restricted')).toBeTruthy();
    expect(screen.queryByText('Séance de psychothérapie', { exact: false })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Noter une consommation' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Ajouter une activité' })).toBeTruthy();
  });

  it('records an observation in one transaction with its Provenance, shown in the chart data', async () => {
    const user = userEvent.setup();
    renderApp(session(RDR.patient, RDR.gp));
    await user.click(await screen.findByRole('button', { name: 'Noter une consommation' }, { timeout: 15000 }));
    const form = await screen.findByRole('form', { name: 'Noter une consommation' }, { timeout: 15000 });
    await user.type(within(form).getByLabelText('Valeur'), '1');
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2025-02-01');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Noter une consommation' })).toBeNull(), { timeout: 15000 });
    const stored = (await fhir.search<Observation>(`Observation?subject=Patient/${RDR.patient}&date=2025-02-01`))[0];
    expect(stored?.valueQuantity?.value).toBe(1);
    expect(stored?.meta?.security?.map((s) => s.code)).toContain('SUD');
    const provenance = await fhir.search<Provenance>(`Provenance?target=Observation/${stored?.id}`);
    expect(provenance).toHaveLength(1);
    expect(JSON.stringify(provenance[0])).toContain('Organization/OrganizationRdrAlcoolPracticeTest');
    expect(JSON.stringify(provenance[0])).toContain(RDR.gp);
    expect((await fhir.log()).filter((l) => l.startsWith('POST'))).toHaveLength(1);
    await user.click(screen.getByText('Données du graphique'));
    expect((await screen.findByTestId('chart-table')).textContent).toContain('01/02/2025');
  });

  it('rolls back an optimistic update and explains the refusal from the OperationOutcome', async () => {
    const user = userEvent.setup();
    server.use(
      http.post(fhir.base, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', details: { text: 'Tâche verrouillée par la coordination' }, expression: ['Task.status'] }] },
          { status: 422 },
        ),
      ),
    );
    renderApp(session(RDR.patient, RDR.gp));
    await user.click(await screen.findByRole('button', { name: `Terminer : ${TASK}` }));
    const alert = await screen.findByText(/Le statut : Tâche verrouillée par la coordination/, {}, { timeout: 15000 });
    expect(alert.textContent).toContain('refusé');
    const row = screen.getAllByText(TASK)[0]?.closest('tr') as HTMLElement;
    expect(within(row).getByText('en cours')).toBeTruthy();
    const task = await fhir.read<Task>('Task/TaskRdrAlcoolRecontactExample');
    expect(task?.status).toBe('in-progress');
    expect(task?.meta?.versionId).toBe('1');
  });

  it('has no detectable accessibility violations', async () => {
    const user = userEvent.setup();
    const { container } = renderApp(session(RDR.patient, RDR.gp));
    await user.click(await screen.findByText('Données du graphique'));
    await screen.findByTestId('chart-table');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
