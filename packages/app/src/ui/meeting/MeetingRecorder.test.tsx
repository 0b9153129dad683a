// The meeting screen against the real FHIR server holding the profiles' examples: the microstructure GP records one
// meeting for three people (Martine, on the agenda because the watch flagged her; Karim and the social housing's
// person, picked by hand), with a decision for each; the three plans then show the meeting and its decision as a task. A
// refusal by the server leaves nothing stored and is said in words (French and English).
import type { Encounter, Goal, Provenance, Task } from '@medplum/fhirtypes';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../fhir/load-plan.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import type { Lang } from '../../i18n/dict.ts';
import { fhir, MICRO, RDR, server, testApi } from '../../test/server.ts';
import { MeetingsView } from '../Meetings.tsx';
import { MeetingRecorder } from './MeetingRecorder.tsx';

const RESIDENCE = 'PatientResidenceSocialeExample';
const PEOPLE = [
  { id: MICRO.patient, name: 'Karim Haddad' },
  { id: RDR.patient, name: 'Martine Lefebvre' },
  { id: RESIDENCE, name: 'Jean-Marc Schmitt' },
];
const TYPE = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type';

beforeEach(() => fhir.reset());

function show(lang: Lang): void {
  render(<I18nProvider initial={lang}><MeetingRecorder people={PEOPLE} session={{ api: testApi(MICRO.patient), fhirUser: MICRO.gp }} now="2024-06-03T09:00:00+02:00" /></I18nProvider>);
}

async function fillDecisions(user: ReturnType<typeof userEvent.setup>, lang: Lang): Promise<void> {
  const reviews = screen.getAllByTestId('review');
  for (const [i, review] of reviews.entries()) {
    const r = within(review);
    await user.type(r.getByLabelText(lang === 'fr' ? 'Décision' : 'Decision'), `Décision ${i + 1}`);
    const owner = r.getByLabelText(lang === 'fr' ? 'Qui s’en charge' : 'Who takes it on') as HTMLSelectElement;
    await user.selectOptions(owner, owner.options[1]?.value ?? '');
    await user.type(r.getByLabelText(lang === 'fr' ? 'Pour le' : 'Due'), '2024-06-17');
  }
}

describe('meeting screen', () => {
  it('records one meeting for three people; each plan shows it with its decision as a task (French)', async () => {
    const user = userEvent.setup();
    show('fr');
    const martine = await screen.findByRole('checkbox', { name: /Martine Lefebvre/ }, { timeout: 10_000 });
    expect((martine as HTMLInputElement).checked).toBe(true); // flagged by the watch
    expect(martine.closest('label')?.textContent).toContain('en rupture de soins');
    // The social housing's person is on the agenda too (his CMP orientation's follow-up is overdue); Karim is
    // picked by hand.
    expect((screen.getByRole('checkbox', { name: /Jean-Marc Schmitt/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: /Karim Haddad/ }) as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('checkbox', { name: /Karim Haddad/ }));
    expect(screen.getByRole('checkbox', { name: /Karim Haddad/ }).closest('label')?.textContent).toContain('ajouté·e à la main');
    // The recorder attends; a partner organisation is ticked too.
    expect((screen.getByRole('checkbox', { name: /Claire Rossi/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /CSAPA du Vieux-Port/ }));
    await user.type(screen.getAllByLabelText('Note')[0] as HTMLElement, 'Deux rendez-vous manqués, joignable le matin.');
    await fillDecisions(user, 'fr');
    // Karim's hepatitis C treatment is done: the meeting records the goal reached.
    const karim = screen.getAllByTestId('review').find((r) => r.textContent?.includes('Karim Haddad')) as HTMLElement;
    await user.selectOptions(within(karim).getByLabelText('Objectif « Aller au bout du traitement de l\'hépatite C » : avancement'), 'achieved');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la réunion' }));
    expect(await screen.findByText('Réunion enregistrée pour 3 personne(s).', {}, { timeout: 15_000 })).toBeDefined();
    const goal = await fhir.read<Goal>('Goal/GoalMicrostructureHepatitisCExample');
    expect(goal?.lifecycleStatus).toBe('completed');
    expect(goal?.achievementStatus?.coding?.[0]?.code).toBe('achieved');
    const untouched = await fhir.read<Goal>('Goal/GoalMicrostructureStabiliseExample');
    expect(untouched?.lifecycleStatus).toBe('active');
    const sources = await fhir.search<Provenance>('Provenance?target=Goal/GoalMicrostructureHepatitisCExample');
    expect(sources.some((p) => p.entity?.[0]?.what?.reference?.startsWith('Encounter/'))).toBe(true);

    const reviews = await fhir.search<Encounter>(`Encounter?type=${encodeURIComponent(`${TYPE}|revue-synthese`)}`);
    const fresh = reviews.filter((r) => r.period?.start === '2024-06-03');
    expect(fresh.map((r) => r.subject?.reference).sort()).toEqual([`Patient/${MICRO.patient}`, `Patient/${RDR.patient}`, `Patient/${RESIDENCE}`]);
    expect(new Set(fresh.map((r) => r.partOf?.reference)).size).toBe(1);
    const meeting = await fhir.read<Encounter>(fresh[0]?.partOf?.reference ?? '');
    expect(meeting?.subject).toBeUndefined();
    expect(JSON.stringify(meeting?.extension)).toContain('CSAPA du Vieux-Port');
    const decisions = await fhir.search<Task>(`Task?code=${encodeURIComponent('https://fhir.parcours.fr/CodeSystem/parcours-task-code|decision-synthese')}&authored-on=ge2024-06-01`);
    expect(decisions.filter((d) => d.description?.startsWith('Décision '))).toHaveLength(3);

    for (const person of PEOPLE) {
      const plan = await loadPlan(testApi(person.id), person.id, MICRO.gp);
      const { unmount } = render(<I18nProvider initial="fr"><MeetingsView data={plan} /></I18nProvider>);
      const row = screen.getAllByTestId('meeting')[0] as HTMLElement;
      expect(row.textContent).toContain('03/06/2024');
      expect(row.textContent).toContain('Claire Rossi');
      expect(row.textContent).toContain('CSAPA du Vieux-Port');
      expect(within(row).getByTestId('meeting-decision').textContent).toMatch(/Décision \d — .+, pour le 17\/06\/2024/);
      expect(plan.tasks.some((t) => t.description?.startsWith('Décision ') && t.reasonReference?.reference?.startsWith('Encounter/'))).toBe(true);
      unmount();
    }
  }, 60_000);

  it('a refused meeting leaves nothing stored and says why in words (English)', async () => {
    server.use(
      http.post(fhir.base, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Missing required property (Task.owner)', expression: ['Task.owner'] }] }, { status: 422 }),
      ),
    );
    const user = userEvent.setup();
    show('en');
    await screen.findByRole('checkbox', { name: /Martine Lefebvre/ }, { timeout: 10_000 });
    await fillDecisions(user, 'en');
    await user.click(screen.getByRole('button', { name: 'Save the meeting' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(alert.textContent).toBe('The server refused the meeting, nothing was saved: The owner: a required field is missing');
    const reviews = await fhir.search<Encounter>(`Encounter?type=${encodeURIComponent(`${TYPE}|revue-synthese`)}`);
    expect(reviews.filter((r) => r.period?.start === '2024-06-03')).toEqual([]);
  });

  it('asks for an owner and a due date before anything is sent (French words)', async () => {
    const user = userEvent.setup();
    show('fr');
    await screen.findByRole('checkbox', { name: /Martine Lefebvre/ }, { timeout: 10_000 });
    await user.type(screen.getAllByLabelText('Décision')[0] as HTMLElement, 'Rappeler Martine');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la réunion' }));
    expect((await screen.findByRole('alert', {}, { timeout: 5_000 })).textContent).toBe('Une décision a besoin d’un responsable et d’une échéance.');
    await waitFor(async () => expect((await fhir.log()).filter((l) => l.startsWith('POST'))).toEqual([]));
  });
});
