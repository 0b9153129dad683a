// The GP's discharge inbox in the plan view, against the real FHIR server holding the profiles' discharge scenario
// (scenario-sortie-hospitaliere.fsh): what a hospital sent, and "Acknowledge" accepting the Task and "Follow-up done" completing it (validated, with
// its Provenance, optimistic, rolled back on refusal).
import type { Composition, Provenance, Resource, Task } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FhirApi } from '../fhir/api.ts';
import { loadPlan } from '../fhir/load-plan.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Session } from '../smart/session.ts';
import type { InstanceData } from '../test/fhir-host.ts';
import { fhir, practitionerRole, server, smartClient, SORTIE } from '../test/server.ts';
import { App, LanguageSwitch } from './App.tsx';

// The app's clock, fixed: six days after the follow-up was due (14 April 2024), whatever the day the tests run.
const NOW = new Date('2024-04-20T09:00:00+02:00');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const HOSPITAL = 'Centre hospitalier de Roubaix – service d\'addictologie';
const TASK = `Task/${SORTIE.task}`;

function example<T extends Resource>(id: string): T {
  return structuredClone((examples as Resource[]).find((r) => r.id === id)) as T;
}

/** The summary with hostile markup in its first section, as a hospital's system could send it. */
function hostileSummary(): Composition {
  const summary = example<Composition>('CompositionSortieExample');
  const section = summary.section?.[0];
  if (section) section.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Sevrage <em>sans complication</em>.</p><script>alert(1)</script><a href="javascript:alert(2)">lien</a></div>' };
  return summary;
}

/** The scenario, with a role for its GP (the examples give none: the app reads the user's role from it). */
async function fresh(data: InstanceData = {}): Promise<void> {
  // The hostile summary as another system stored it: the server now refuses active content on write (issue 13).
  await fhir.reset({ ...data, add: [practitionerRole(SORTIE.gp, 'medecin-traitant'), ...(data.add ?? [])], unvalidated: [hostileSummary(), ...(data.unvalidated ?? [])] });
}

function renderApp(fhirUser: string): { api: FhirApi } {
  const api = new FhirApi(smartClient(SORTIE.patient), fhir.base);
  const session: Session = { api, patientId: SORTIE.patient, fhirUser, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch` };
  render(<I18nProvider><LanguageSwitch /><main><App session={session} /></main></I18nProvider>);
  return { api };
}

// The first plan of a file waits for a cold server (about 1 s on the shared machine): more than findBy's default.
const inbox = async (): Promise<HTMLElement> => screen.findByRole('region', { name: 'Sorties d’hospitalisation à suivre' }, { timeout: 10_000 });
const posts = async (): Promise<string[]> => (await fhir.log()).filter((l) => l.startsWith('POST'));

describe('discharge inbox', () => {
  it('shows the hospital, the stay, the disposition, the sanitised summary, the medications and the overdue due date, in 3 requests', async () => {
    await fresh();
    const { api } = renderApp(SORTIE.gp);
    const section = await inbox();
    const item = within(section).getByTestId('discharge');
    expect(within(item).getByRole('heading', { level: 3 }).textContent).toBe(`Sortie de ${HOSPITAL} — 07/04/2024`);
    expect(item.textContent).toContain('Séjour du 02/04/2024 au 07/04/2024');
    expect(item.textContent).toContain('Mode de sortie : retour à domicile');
    expect(item.textContent).toContain('Demandé par Dr Sophie Leroy');
    expect(item.textContent).toContain('Merci de le revoir sous 7 jours');
    const due = within(item).getByTestId('discharge-due');
    expect(due.textContent).toBe('À voir sous 7 jours, avant le 14/04/2024 · En retard de 6 j');
    expect(due.className).toContain('warn');
    expect(within(item).getByTestId('discharge-medications').textContent).toContain('Thiamine 250 mg, 1 comprimé matin et soir pendant 1 mois');
    // The narrative's sanitiser arrives once the data is here (later.ts): nothing is shown before it.
    await waitFor(() => expect(item.querySelector('.narrative em')?.textContent).toBe('sans complication'));
    expect(item.querySelector('script')).toBeNull();
    expect(item.querySelector('a[href^="javascript"]')).toBeNull();
    expect(item.textContent).toContain('Consultation chez le médecin traitant sous 7 jours.');
    // The follow-up is one of the plan's activities, marked as coming from a discharge.
    const row = within(await screen.findByRole('region', { name: 'Activités et tâches' })).getByText(/Revoir M. Marchand/).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('sortie d’hospitalisation');
    expect(api.requestCount).toBe(3);
    expect(await fhir.log()).toHaveLength(3);
  });

  it('acknowledging accepts the Task; the follow-up done is a second act that completes it, each with its Provenance', async () => {
    await fresh();
    const user = userEvent.setup();
    renderApp(SORTIE.gp);
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: `Accuser réception : ${HOSPITAL}` }));
    const done = await within(section).findByRole('button', { name: `Suivi fait : ${HOSPITAL}` }, { timeout: 15000 });
    await screen.findByText('Enregistré.', {}, { timeout: 15000 });
    const accepted = (await fhir.read<Task>(TASK)) as Task;
    expect(accepted.status).toBe('accepted');
    expect(accepted.executionPeriod?.end).toBeUndefined();
    // Still to follow up, still overdue: acknowledging is not seeing the person.
    expect(within(section).getByText(/En retard/)).toBeTruthy();
    expect(within(section).queryByText(/Sorties déjà suivies/)).toBeNull();
    await user.click(done);
    await within(section).findByText(/^Suivi fait le \d{2}\/\d{2}\/\d{4}$/, {}, { timeout: 15000 });
    const task = (await fhir.read<Task>(TASK)) as Task;
    expect(task.status).toBe('completed');
    expect(task.meta?.versionId).toBe('3');
    expect(task.executionPeriod?.end).toBe(NOW.toISOString());
    const provenance = await fhir.search<Provenance>(`Provenance?target=${TASK}`);
    expect(provenance).toHaveLength(2);
    expect(JSON.stringify(provenance[0])).toContain(SORTIE.gp);
    expect(within(section).queryByRole('button', { name: /Accuser réception/ })).toBeNull();
    expect(within(section).getByText('Aucune sortie d’hospitalisation à suivre.')).toBeTruthy();
    expect(within(section).getByText('Sorties déjà suivies (1)')).toBeTruthy();
    const row = within(await screen.findByRole('region', { name: 'Activités et tâches' })).getByText(/Revoir M. Marchand/).closest('tr') as HTMLElement;
    expect(within(row).getByText('terminée')).toBeTruthy();
    expect(await posts()).toHaveLength(2);
  });

  it('a failed follow-up stays in view, not folded with the done ones', async () => {
    await fresh({ add: [{ ...example<Task>(SORTIE.task), status: 'failed' }] });
    renderApp(SORTIE.gp);
    const section = await inbox();
    expect(within(section).getByText('Suivi non réalisé')).toBeTruthy();
    expect(within(section).queryByText(/Sorties déjà suivies/)).toBeNull();
  });

  it('rolls back and explains when the server refuses the acknowledgement', async () => {
    await fresh();
    server.use(
      http.post(fhir.base, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', details: { text: 'La tâche a été modifiée entre-temps' }, expression: ['Task'] }] }, { status: 409 }),
      ),
    );
    const user = userEvent.setup();
    renderApp(SORTIE.gp);
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: /Accuser réception/ }));
    await screen.findByText(/La tâche a été modifiée entre-temps \(Task\)/, {}, { timeout: 15000 });
    expect(within(section).getByRole('button', { name: /Accuser réception/ })).toBeTruthy();
    expect(within(section).getByText('À traiter')).toBeTruthy();
    expect((await fhir.read(TASK))?.meta?.versionId).toBe('1');
  });

  it('validates before sending: a follow-up that breaks the Parcours profile is not sent', async () => {
    // A Task without an owner (the profile requires one), written by another system past the server's validation.
    const task = example<Task>(SORTIE.task);
    delete task.owner;
    await fresh({ unvalidated: [task] });
    const user = userEvent.setup();
    renderApp(SORTIE.gp);
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: /Accuser réception/ }));
    const notice = await screen.findByText(/^Enregistrement non conforme/, {}, { timeout: 15000 });
    expect(notice.textContent).toContain('Le responsable : champ obligatoire manquant');
    expect(await posts()).toHaveLength(0);
    expect(within(section).getByRole('button', { name: /Accuser réception/ })).toBeTruthy();
  });

  it('explains an expired session in words, with a relaunch link, and rolls back', async () => {
    await fresh();
    // The token is no longer accepted and cannot be refreshed (this client has no refresh token).
    server.use(http.post(fhir.base, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', details: { text: 'jeton expiré / token expired' } }] }, { status: 401 })));
    const user = userEvent.setup();
    renderApp(SORTIE.gp);
    const section = await inbox();
    await user.click(within(section).getByRole('button', { name: /Accuser réception/ }));
    const notice = await screen.findByText(/^Votre session a expiré : rien n’a été enregistré/, {}, { timeout: 15000 });
    expect(within(notice).getByRole('link', { name: 'Relancer l’application depuis le dossier patient' }).getAttribute('href')).toBe(`${fhir.base}/launch`);
    expect(within(section).getByRole('button', { name: /Accuser réception/ })).toBeTruthy();
    expect((await fhir.read(TASK))?.meta?.versionId).toBe('1');
  });

  it('sends the plan requests once, even when StrictMode runs the effects twice (development React)', async () => {
    await fresh();
    const api = new FhirApi(smartClient(SORTIE.patient), fhir.base);
    const session: Session = { api, patientId: SORTIE.patient, fhirUser: SORTIE.gp, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch` };
    // As main.tsx does: the requests are already under way (early.ts) when the App mounts.
    const initialPlan = loadPlan(api, SORTIE.patient, SORTIE.gp);
    render(<StrictMode><I18nProvider><main><App session={session} initialPlan={initialPlan} /></main></I18nProvider></StrictMode>);
    await inbox();
    await screen.findAllByText(/Revoir M. Marchand/);
    expect(await fhir.log()).toHaveLength(3);
  });

  it('reads in English, and a read-only role sees the inbox without the button', async () => {
    await fresh();
    const user = userEvent.setup();
    renderApp('Practitioner/nobody');
    const section = await inbox();
    expect(within(section).queryByRole('button', { name: /Accuser réception/ })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Langue'), 'en');
    const en = screen.getByRole('region', { name: 'Hospital discharges to follow up' });
    await waitFor(() => expect(en.textContent).toContain('Discharge disposition: home'));
    expect(en.textContent).toContain(`Discharged from ${HOSPITAL}`);
    expect(en.textContent).toContain('Stay from 02/04/2024 to 07/04/2024');
    expect(en.textContent).toContain('To be seen within 7 days, by 14/04/2024 · Overdue by 6 d');
  });
});
