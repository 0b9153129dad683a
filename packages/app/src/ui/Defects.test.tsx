// The defects of issue 17 as a GP met them, against the real FHIR server holding the profiles' examples (Martine
// Lefebvre's plan, her GP): each must now read right, in French and in English.
import type { CareTeam } from '@medplum/fhirtypes';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import type { Session } from '../smart/session.ts';
import { fhir, practitionerRole, RDR, testApi } from '../test/server.ts';
import { App } from './App.tsx';

const GOAL = 'Boire moins, pas plus de 3 verres par jour';

beforeEach(() => fhir.reset({ add: [practitionerRole(RDR.gp, 'medecin-traitant')] }));

function renderApp(lang: Lang = 'fr', patient = RDR.patient): ReturnType<typeof render> {
  const session: Session = { api: testApi(patient), patientId: patient, fhirUser: RDR.gp, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch` };
  return render(<I18nProvider initial={lang}><main><App session={session} /></main></I18nProvider>);
}

describe('issue 17 defects', () => {
  it('a goal reads its target in words and says its latest value is old', async () => {
    renderApp('fr');
    const goal = (await screen.findByText(GOAL, { exact: false }, { timeout: 15000 })).closest('li') as HTMLElement;
    expect(goal.textContent).toContain('Cible : au plus 3 verres standard par jour');
    expect(goal.textContent).not.toContain('<=');
    expect(goal.textContent).toMatch(/Dernière valeur : \d+ \(18\/03\/2024, il y a \d+ mois\)/);
    expect(within(goal).getByTestId('goal-state').textContent).toMatch(/mesure ancienne, à refaire/);
    const bar = goal.querySelector('progress') as HTMLProgressElement;
    expect(bar.getAttribute('max')).toBe('1');
  });

  it('in English too', async () => {
    renderApp('en');
    const goal = (await screen.findByText(GOAL, { exact: false }, { timeout: 15000 })).closest('li') as HTMLElement;
    expect(goal.textContent).toContain('Target: at most 3 standard drinks per day');
    expect(goal.textContent).toMatch(/months ago/);
  });

  it('a recurring activity is « régulière » with no « Terminer »', async () => {
    renderApp('fr');
    const section = await screen.findByRole('region', { name: 'Activités et tâches' }, { timeout: 15000 });
    const recurring = within(section).getByText(/régulière, 1 fois par semaine/).closest('tr') as HTMLElement;
    expect(within(recurring).queryByRole('button', { name: /Terminer/ })).toBeNull();
  });

  it('refuses a future date, and Escape closes the form giving focus back to its button', async () => {
    const user = userEvent.setup();
    renderApp('fr');
    const opener = await screen.findByRole('button', { name: 'Noter une consommation' }, { timeout: 15000 });
    await user.click(opener);
    const form = await screen.findByRole('form', { name: 'Noter une consommation' }, { timeout: 15000 });
    await waitFor(() => expect(form.contains(document.activeElement)).toBe(true));
    await user.type(within(form).getByLabelText('Valeur'), '2');
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2030-01-01');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(form).findByText('La date ne peut pas être dans le futur')).toBeTruthy();
    expect((await fhir.log()).filter((l) => l.startsWith('POST'))).toHaveLength(0);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Noter une consommation' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('ending a participation asks to confirm, and can be undone', async () => {
    const user = userEvent.setup();
    renderApp('fr');
    const section = await screen.findByRole('region', { name: 'Équipe' }, { timeout: 15000 });
    const [end] = within(section).getAllByRole('button', { name: /^Fin de participation/ });
    await user.click(end as HTMLElement);
    expect((await fhir.log()).filter((l) => l.startsWith('POST'))).toHaveLength(0);
    await user.click(within(section).getByRole('button', { name: 'Confirmer' }));
    const undo = await screen.findByRole('button', { name: 'Annuler cette fin' }, { timeout: 15000 });
    const ended = (await fhir.read<CareTeam>('CareTeam/CareTeamRdrAlcoolExample')) as CareTeam;
    expect(ended.participant?.some((p) => p.period?.end === new Date().toISOString().slice(0, 10))).toBe(true);
    await user.click(undo);
    await waitFor(async () => {
      const restored = (await fhir.read<CareTeam>('CareTeam/CareTeamRdrAlcoolExample')) as CareTeam;
      expect(restored.meta?.versionId).toBe('3');
      expect(restored.participant?.some((p) => p.period?.end === new Date().toISOString().slice(0, 10))).toBe(false);
    }, { timeout: 15000 });
  });

  it('a person without a plan: changing the stage is explained, not silently ignored', async () => {
    renderApp('fr', 'PatientSortieExample');
    expect((await screen.findByTestId('no-plan-stage', {}, { timeout: 15000 })).textContent).toContain('n’a pas de plan de soins');
  });
});
