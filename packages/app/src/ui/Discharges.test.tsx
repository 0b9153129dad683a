// The GP's discharge inbox in the plan view, against the msw in-memory FHIR store: what a hospital sent, and
// "Acknowledge" completing the Task (validated, with its Provenance, optimistic, rolled back on refusal).
import type { Resource, Task } from '@medplum/fhirtypes';
import { render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { FhirApi } from '../fhir/api.ts';
import { loadPlan } from '../fhir/load-plan.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Session } from '../smart/session.ts';
import { FHIR_BASE, FhirStore } from '../test/fhir-store.ts';
import { fixtures } from '../test/fixtures.ts';
import { server } from '../test/msw.ts';
import { smartClient } from '../test/server.ts';
import { App, LanguageSwitch } from './App.tsx';

afterEach(() => server.resetHandlers());

function freshStore(change?: (resources: Resource[]) => Resource[]): FhirStore {
  const store = new FhirStore(change ? change(fixtures()) : fixtures());
  server.use(...store.handlers());
  return store;
}

function renderApp(fhirUser: string): { api: FhirApi } {
  const api = new FhirApi(smartClient(), FHIR_BASE);
  const session: Session = { api, patientId: 'p1', fhirUser, needPatientBanner: true, relaunchUrl: `${FHIR_BASE}/launch` };
  render(<I18nProvider><LanguageSwitch /><main><App session={session} /></main></I18nProvider>);
  return { api };
}

const inbox = async (): Promise<HTMLElement> => screen.findByRole('region', { name: 'Sorties d’hospitalisation à suivre' });

describe('discharge inbox', () => {
  it('shows the hospital, the stay, the disposition, the sanitised summary, the medications and the overdue due date, in 3 requests', async () => {
    const store = freshStore();
    const { api } = renderApp('Practitioner/gp');
    const section = await inbox();
    const item = within(section).getByTestId('discharge');
    expect(within(item).getByRole('heading', { level: 3 }).textContent).toBe('Sortie de Hôpital Nord – addictologie (fictif) — 08/01/2025');
    expect(item.textContent).toContain('Séjour du 03/01/2025 au 08/01/2025');
    expect(item.textContent).toContain('Mode de sortie : retour à domicile');
    expect(item.textContent).toContain('Demandé par Dr Anne Roux');
    expect(item.textContent).toContain('Merci de la revoir sous 7 jours');
    const due = within(item).getByTestId('discharge-due');
    expect(due.textContent).toMatch(/^À voir sous 7 jours, avant le 15\/01\/2025 · En retard de \d+ j$/);
    expect(due.className).toContain('warn');
    expect(within(item).getByTestId('discharge-medications').textContent).toContain('Thiamine 250 mg — 1 comprimé matin et soir pendant 1 mois');
    expect(item.querySelector('.narrative em')?.textContent).toBe('sans complication');
    expect(item.querySelector('script')).toBeNull();
    expect(item.querySelector('a[href^="javascript"]')).toBeNull();
    expect(item.textContent).toContain('Consultation chez le médecin traitant sous 7 jours.');
    // The follow-up is one of the plan's activities, marked as coming from a discharge.
    const row = within(screen.getByRole('region', { name: 'Activités et tâches' })).getByText(/Revoir Mme Martin/).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('sortie d’hospitalisation');
    expect(api.requestCount).toBe(3);
    expect(store.log).toHaveLength(3);
  });

  it('acknowledging completes the Task with its Provenance, and the activity shows it completed', async () => {
    const store = freshStore();
    const user = userEvent.setup();
    renderApp('Practitioner/gp');
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: 'Accuser réception : Hôpital Nord – addictologie (fictif)' }));
    await within(section).findByText(/^Reçu le \d{2}\/\d{2}\/\d{4}$/, {}, { timeout: 15000 });
    await screen.findByText('Enregistré.', {}, { timeout: 15000 });
    const task = store.get('Task/t3') as Task;
    expect(task.status).toBe('completed');
    expect(task.meta?.versionId).toBe('2');
    expect(task.executionPeriod?.end).toBeDefined();
    const provenance = store.all('Provenance');
    expect(provenance).toHaveLength(1);
    expect(JSON.stringify(provenance[0])).toContain('"Task/t3"');
    expect(JSON.stringify(provenance[0])).toContain('Practitioner/gp');
    expect(within(section).queryByRole('button', { name: /Accuser réception/ })).toBeNull();
    expect(within(section).queryByText(/En retard/)).toBeNull();
    expect(within(section).getByText('Aucune sortie d’hospitalisation à suivre.')).toBeTruthy();
    expect(within(section).getByText('Sorties déjà reçues (1)')).toBeTruthy();
    const row = within(screen.getByRole('region', { name: 'Activités et tâches' })).getByText(/Revoir Mme Martin/).closest('tr') as HTMLElement;
    expect(within(row).getByText('terminée')).toBeTruthy();
    expect(store.log.filter((l) => l.startsWith('POST'))).toHaveLength(1);
  });

  it('rolls back and explains when the server refuses the acknowledgement', async () => {
    const store = freshStore();
    store.rules.push((r) =>
      r.resourceType === 'Task' && r.status === 'completed'
        ? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', details: { text: 'La tâche a été modifiée entre-temps' }, expression: ['Task'] }] }
        : undefined,
    );
    const user = userEvent.setup();
    renderApp('Practitioner/gp');
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: /Accuser réception/ }));
    await screen.findByText(/La tâche a été modifiée entre-temps \(Task\)/, {}, { timeout: 15000 });
    expect(within(section).getByRole('button', { name: /Accuser réception/ })).toBeTruthy();
    expect(within(section).getByText('À traiter')).toBeTruthy();
    expect(store.get('Task/t3')?.meta?.versionId).toBe('1');
  });

  it('validates before sending: a follow-up that breaks the Parcours profile is not sent', async () => {
    // A Task without an owner (the profile requires one), e.g. written by another system.
    const store = freshStore((all) => all.map((r) => (r.resourceType === 'Task' && r.id === 't3' ? ({ ...r, owner: undefined } as Task) : r)));
    const user = userEvent.setup();
    renderApp('Practitioner/gp');
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: /Accuser réception/ }));
    const notice = await screen.findByText(/^Enregistrement non conforme/, {}, { timeout: 15000 });
    expect(notice.textContent).toContain('owner');
    expect(store.log.filter((l) => l.startsWith('POST'))).toHaveLength(0);
    expect(within(section).getByRole('button', { name: /Accuser réception/ })).toBeTruthy();
  });

  it('explains an expired session in words, with a relaunch link, and rolls back', async () => {
    const store = freshStore();
    // The token is no longer accepted and cannot be refreshed (this client has no refresh token).
    server.use(http.post(FHIR_BASE, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', details: { text: 'jeton expiré / token expired' } }] }, { status: 401 })));
    const user = userEvent.setup();
    renderApp('Practitioner/gp');
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: /Accuser réception/ }));
    const notice = await screen.findByText(/^Votre session a expiré : rien n’a été enregistré/, {}, { timeout: 15000 });
    expect(within(notice).getByRole('link', { name: 'Relancer l’application depuis le dossier patient' }).getAttribute('href')).toBe(`${FHIR_BASE}/launch`);
    expect(within(section).getByRole('button', { name: /Accuser réception/ })).toBeTruthy();
    expect(store.get('Task/t3')?.meta?.versionId).toBe('1');
  });

  it('sends the plan requests once, even when StrictMode runs the effects twice (development React)', async () => {
    const store = freshStore();
    const api = new FhirApi(smartClient(), FHIR_BASE);
    const session: Session = { api, patientId: 'p1', fhirUser: 'Practitioner/gp', needPatientBanner: true, relaunchUrl: `${FHIR_BASE}/launch` };
    // As main.tsx does: the requests are already under way (early.ts) when the App mounts.
    const initialPlan = loadPlan(api, 'p1', 'Practitioner/gp');
    render(<StrictMode><I18nProvider><main><App session={session} initialPlan={initialPlan} /></main></I18nProvider></StrictMode>);
    await inbox();
    await screen.findByText('Réduire à 2 verres par jour');
    expect(store.log).toHaveLength(3);
  });

  it('reads in English, and a read-only role sees the inbox without the button', async () => {
    freshStore();
    const user = userEvent.setup();
    renderApp('Practitioner/nobody');
    const section = await inbox();
    expect(within(section).queryByRole('button', { name: /Accuser réception/ })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Langue'), 'en');
    const en = screen.getByRole('region', { name: 'Hospital discharges to follow up' });
    await waitFor(() => expect(en.textContent).toContain('Discharge disposition: home'));
    expect(en.textContent).toContain('Please see her within 7 days');
    expect(en.textContent).toMatch(/To be seen within 7 days, by 15\/01\/2025 · Overdue by \d+ d/);
  });
});
