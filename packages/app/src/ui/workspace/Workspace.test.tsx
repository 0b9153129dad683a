// The caseload (issue 14) against the real FHIR server holding the profiles' examples, plus recent contacts and
// appointments dated from today: one row per person with its facts, filters, French and English, opening a plan.
import type { Appointment, CarePlan, Encounter, Resource } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatDate } from '../../i18n/dict.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import type { UserSession } from '../../smart/session.ts';
import { fhir, MICRO, RDR, testApi } from '../../test/server.ts';
import { INTENSITY_URL } from '../../fhir/caseload-rows.ts';
import { Workspace } from './Workspace.tsx';

const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.now() + days * DAY).toISOString();
const GP_ROLE = { reference: 'PractitionerRole/PractitionerRoleMicrostructureGpExample' };
const VR = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' };

function recentData(): Resource[] {
  const plan = structuredClone((examples as Resource[]).find((r) => r.id === 'CarePlanMicrostructureExample')) as CarePlan;
  plan.extension = [...(plan.extension ?? []), { url: INTENSITY_URL, valueCoding: { system: 'https://fhir.parcours.fr/CodeSystem/parcours-follow-up-intensity', code: 'intensif' } }];
  const call: Encounter = { resourceType: 'Encounter', id: 'EncounterCaseloadCallTest', status: 'finished', class: VR, subject: { reference: `Patient/${MICRO.patient}` }, participant: [{ individual: GP_ROLE }], period: { start: at(-10), end: at(-10) } };
  const booked: Appointment = { resourceType: 'Appointment', id: 'AppointmentCaseloadNextTest', status: 'booked', appointmentType: { coding: [{ ...VR }] }, start: at(7), end: at(7), participant: [{ actor: { reference: `Patient/${MICRO.patient}` }, status: 'accepted' }, { actor: GP_ROLE, status: 'accepted' }] };
  const missed = (n: number, days: number): Appointment => ({ resourceType: 'Appointment', id: `AppointmentCaseloadMissed${n}Test`, status: 'noshow', start: at(days), end: at(days), participant: [{ actor: { reference: 'Patient/PatientReferentExample' }, status: 'accepted' }] });
  return [plan, call, booked, missed(1, -20), missed(2, -5)];
}

beforeEach(() => fhir.reset({ unvalidated: recentData() }));

function session(fhirUser: string): UserSession {
  return { api: testApi(''), fhirUser, needPatientBanner: false, relaunchUrl: `${fhir.base}/launch` };
}

function renderWorkspace(s: UserSession, lang: 'fr' | 'en' = 'fr'): ReturnType<typeof render> {
  return render(<I18nProvider initial={lang}><main><Workspace session={s} /></main></I18nProvider>);
}

const rowOf = (name: RegExp): HTMLElement => screen.getAllByTestId('caseload-row').find((r) => name.test(r.textContent ?? '')) as HTMLElement;
const cells = (row: HTMLElement): string[] => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '');

describe('the caseload', () => {
  it('shows one row per person with programme, intensity, last contact, next appointment, missed, care breaks, tasks, discharges, referent (French)', async () => {
    renderWorkspace(session(MICRO.gp));
    await screen.findByTestId('caseload-table', {}, { timeout: 10_000 });
    expect(screen.getAllByTestId('caseload-row')).toHaveLength(5);
    const karim = cells(rowOf(/Haddad/));
    expect(karim[1]).toBe('Cabinet médical de la Belle de Mai');
    expect(karim[3]).toBe('accompagnement renforcé');
    expect(karim[4]).toBe(`${formatDate(at(-10))} · Dr Claire Rossi · téléphone ou visio`);
    expect(karim[5]).toBe(`${formatDate(at(7))} · Dr Claire Rossi · téléphone ou visio`);
    expect(karim[10]).toBe('Dr Claire Rossi'); // the coordinator, there is no health-pathway referent
    const martine = cells(rowOf(/Lefebvre/));
    expect(martine[0]).toContain('à voir');
    expect(martine[7]).toBe('rendez-vous manqués depuis le 05/02/2024'); // the watch's Flag
    expect(martine[8]).toBe('2'); // the re-contact call due 19/02/2024 and an activity of her plan, as her status line counts them
    expect(martine[2]).toMatch(/Prioriser/);
    const nadia = cells(rowOf(/Bouzid/));
    expect(nadia[6]).toBe('2'); // two no-shows in a row, no contact since
    expect(cells(rowOf(/Marchand/))[9]).toBe('1'); // the hospital's follow-up request, still open
    // No held contact in the searched window: the exact last one, looked up for those rows only.
    await waitFor(() => expect(cells(rowOf(/Lefebvre/))[4]).toMatch(/^18\/03\/2024/));
    await waitFor(() => expect(cells(rowOf(/Bouzid/))[4]).not.toMatch(/depuis/));
    expect(screen.getByTestId('caseload-count').textContent).toMatch(/^5 personnes affichées sur 5/);
  });

  it('filters « à voir », mine, by programme and by name, and sorts', async () => {
    const user = userEvent.setup();
    renderWorkspace(session(MICRO.gp));
    await screen.findByTestId('caseload-table', {}, { timeout: 10_000 });
    await user.click(screen.getByTestId('filter-attention'));
    const flagged = screen.getAllByTestId('caseload-row').map((r) => r.querySelector('th')?.textContent ?? '');
    // The care break first, then the longest without a contact (Jean-Marc: his CMP orientation's follow-up is overdue;
    // Karim: an activity of his plan is overdue).
    expect(flagged.map((n) => n.replace(/ né·e.*/, ''))).toEqual(['Martine Odile Lefebvre', 'Nadia Bouzid', 'Philippe Marchand', 'Jean-Marc Schmitt', 'Karim Haddad']);
    await user.click(screen.getByTestId('filter-attention'));
    await user.click(screen.getByLabelText('Les miennes (référent·e ou coordination)'));
    expect(screen.getAllByTestId('caseload-row').map((r) => r.querySelector('button')?.textContent)).toEqual(['Karim Haddad']);
    await user.click(screen.getByLabelText('Celles de mes équipes'));
    await user.selectOptions(screen.getByLabelText(/^Programme/), 'Organization/OrganizationMicrostructureOfficeExample');
    expect(screen.getAllByTestId('caseload-row')).toHaveLength(1);
    await user.selectOptions(screen.getByLabelText(/^Programme/), '');
    await user.type(screen.getByLabelText('Nom'), 'schm');
    expect(screen.getAllByTestId('caseload-row').map((r) => r.querySelector('button')?.textContent)).toEqual(['Jean-Marc Schmitt']);
    await user.clear(screen.getByLabelText('Nom'));
    await user.selectOptions(screen.getByLabelText('Trier par'), 'name');
    // By family name, as French lists are: Bouzid, Haddad, Lefebvre, Marchand, Schmitt.
    expect(screen.getAllByTestId('caseload-row').map((r) => r.querySelector('button')?.textContent?.split(' ').at(-1))).toEqual(['Bouzid', 'Haddad', 'Lefebvre', 'Marchand', 'Schmitt']);
  });

  it('reads in English, with the same facts', async () => {
    renderWorkspace(session(MICRO.gp), 'en');
    await screen.findByTestId('caseload-table', {}, { timeout: 10_000 });
    expect(screen.getByRole('columnheader', { name: 'Missed in a row' })).toBeTruthy();
    const karim = cells(rowOf(/Haddad/));
    expect(karim[3]).toBe('intensive accompaniment');
    expect(karim[4]).toBe(`${formatDate(at(-10), 'en')} · Dr Claire Rossi · phone or video`);
    expect(cells(rowOf(/Lefebvre/))[7]).toBe('missed appointments since 05/02/2024');
    expect(cells(rowOf(/Lefebvre/))[0]).toContain('needs attention');
    expect(screen.getByTestId('caseload-count').textContent).toMatch(/^5 people shown of 5/);
    expect(screen.getByRole('tab', { name: 'Caseload' }).getAttribute('aria-selected')).toBe('true');
  });

  it('loads with a handful of searches across people, whatever the number of people, then opens a plan and comes back', async () => {
    const user = userEvent.setup();
    renderWorkspace(session(RDR.gp));
    await screen.findByTestId('caseload-table', {}, { timeout: 10_000 });
    // The rows without a contact in the window get theirs looked up: Martine's (18/03/2024) is the last to arrive here.
    await waitFor(() => expect(cells(rowOf(/Lefebvre/))[4]).toMatch(/^18\/03\/2024/));
    const log = await fhir.log();
    const searches = log.filter((l) => !/[?&]subject=Patient%2F/.test(l));
    expect(searches.length).toBeLessThanOrEqual(10);
    // The per-person look-ups are for the rows without a contact in the window only, each one small search.
    expect(log.filter((l) => /[?&]subject=Patient%2F/.test(l)).every((l) => l.includes('_count=5'))).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Ouvrir le plan de Martine Odile Lefebvre' }));
    const plan = await screen.findByTestId('workspace-plan');
    await within(plan).findByTestId('stage');
    expect(within(plan).getByLabelText('Personne suivie').textContent).toContain('Lefebvre'); // no EHR frame names her here
    await user.click(within(plan).getByRole('button', { name: '← Retour à la file active' }));
    await waitFor(() => expect(screen.queryByTestId('workspace-plan')).toBeNull());
    expect(screen.getByTestId('caseload-table')).toBeTruthy();
  });
});
