import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { FHIR_BASE } from '../test/fhir-store.ts';
import { store, testApi } from '../test/server.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Session } from '../smart/session.ts';
import { App } from './App.tsx';

function session(fhirUser: string, needPatientBanner = true): Session {
  return { api: testApi(), patientId: 'p1', fhirUser, needPatientBanner, relaunchUrl: `${FHIR_BASE}/launch` };
}

function renderApp(s: Session): ReturnType<typeof render> {
  return render(<I18nProvider><main><App session={s} /></main></I18nProvider>);
}

describe('App', () => {
  it('shows the plan at a glance to a GP, in French, with the banner and sanitised narrative', async () => {
    const { container } = renderApp(session('Practitioner/gp'));
    await screen.findByText('Réduire à 2 verres par jour');
    expect(screen.getByLabelText('Personne suivie').textContent).toContain('Sylvie Martin');
    expect(screen.getByTestId('stage').textContent).toBe('Stabiliser'); // the CodeSystem's French display
    expect(screen.getAllByText('Réouverture des droits CSS').length).toBeGreaterThan(0);
    expect(screen.getAllByText(/orienter vers le CSAPA/).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Séance de psychothérapie', { exact: false }).length).toBeGreaterThan(0);
    expect(screen.getAllByText('absence').length).toBeGreaterThan(0);
    expect(container.querySelector('.narrative b')?.textContent).toBe('microstructure');
    expect(container.querySelector('.narrative img, [onerror]')).toBeNull();
    await userEvent.setup().click(await screen.findByText('Données du graphique'));
    expect((await screen.findByTestId('chart-table')).textContent).toContain('10/01/2025');
  });

  it('hides the banner when the EHR already shows the person', async () => {
    renderApp(session('Practitioner/gp', false));
    await screen.findByText('Réduire à 2 verres par jour');
    expect(screen.queryByLabelText('Personne suivie')).toBeNull();
  });

  it('gives a social worker the restricted view, without psychotherapy notes or consumption forms', async () => {
    renderApp(session('Practitioner/sw'));
    await screen.findByText('Réduire à 2 verres par jour');
    expect(screen.getByTestId('restricted')).toBeTruthy();
    expect(screen.queryByText('Séance de psychothérapie', { exact: false })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Noter une consommation' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Ajouter une activité' })).toBeTruthy();
  });

  it('records an observation in one transaction with its Provenance, shown in the chart data', async () => {
    const user = userEvent.setup();
    const before = store.all('Provenance').length;
    renderApp(session('Practitioner/gp'));
    await user.click(await screen.findByRole('button', { name: 'Noter une consommation' }));
    const form = await screen.findByRole('form', { name: 'Noter une consommation' });
    await user.type(within(form).getByLabelText('Valeur'), '1');
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2025-02-01');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Noter une consommation' })).toBeNull(), { timeout: 15000 });
    const stored = store.all('Observation').find((o) => (o as { effectiveDateTime?: string }).effectiveDateTime === '2025-02-01');
    expect(stored).toBeDefined();
    const provenance = store.all('Provenance').slice(before);
    expect(provenance).toHaveLength(1);
    expect(JSON.stringify(provenance[0])).toContain(`Observation/${stored?.id}`);
    expect(JSON.stringify(provenance[0])).toContain('Organization/o1');
    await user.click(screen.getByText('Données du graphique'));
    expect((await screen.findByTestId('chart-table')).textContent).toContain('01/02/2025');
  });

  it('rolls back an optimistic update and explains the refusal from the OperationOutcome', async () => {
    const user = userEvent.setup();
    store.rules.push((r) =>
      r.resourceType === 'Task' && r.status === 'completed'
        ? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', details: { text: 'Tâche verrouillée par la coordination' }, expression: ['Task.status'] }] }
        : undefined,
    );
    try {
      renderApp(session('Practitioner/gp'));
      await user.click(await screen.findByRole('button', { name: 'Terminer : Réouverture des droits CSS' }));
      const alert = await screen.findByText(/Tâche verrouillée par la coordination \(Task.status\)/, {}, { timeout: 15000 });
      expect(alert.textContent).toContain('refusé');
      const row = screen.getAllByText('Réouverture des droits CSS')[0]?.closest('tr') as HTMLElement;
      expect(within(row).getByText('demandée')).toBeTruthy();
      expect(store.get('Task/t1')?.meta?.versionId).toBe('1');
    } finally {
      store.rules.pop();
    }
  });

  it('has no detectable accessibility violations', async () => {
    const user = userEvent.setup();
    const { container } = renderApp(session('Practitioner/gp'));
    await user.click(await screen.findByText('Données du graphique'));
    await screen.findByTestId('chart-table');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
