// The records of issue 15 against the real FHIR server holding the profiles' examples (Karim Haddad, microstructure,
// his GP through her PractitionerRole): each form in French and English, a medical entry whose AUDIT-C, drinks per
// day and hepatitis C are extracted in one transaction, a required answer missing (nothing sent), and the end-of-care
// record that closes the plan after a confirmation.
import type { CarePlan, Condition, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../fhir/load-plan.ts';
import { RECORD_FORMS } from '../../fhir/records.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import type { Lang } from '../../i18n/dict.ts';
import type { Session } from '../../smart/session.ts';
import { fhir, MICRO, testApi } from '../../test/server.ts';
import { App } from '../App.tsx';
import RecordForm from './RecordForm.tsx';

beforeEach(() => fhir.reset());

function renderApp(lang: Lang = 'fr'): void {
  const session: Session = { api: testApi(MICRO.patient), patientId: MICRO.patient, fhirUser: MICRO.gp, needPatientBanner: true, relaunchUrl: `${fhir.base}/launch` };
  render(<I18nProvider initial={lang}><main><App session={session} /></main></I18nProvider>);
}

const FIRST_QUESTION: Record<string, [string, string]> = {
  medical: ['À quelle fréquence consommez-vous de l\'alcool ?', 'How often do you have a drink containing alcohol?'],
  social: ['Logement', 'Housing'],
  psychological: ['Demande de la personne', 'What the person asks for'],
  followUp: ['Verres standard par jour en moyenne', 'Standard drinks per day on average'],
  endOfCare: ['Motif de fin', 'Reason for ending'],
};

describe('each record form, in both languages', () => {
  for (const form of RECORD_FORMS) {
    for (const [i, lang] of (['fr', 'en'] as const).entries()) {
      it(`${form.kind} (${lang})`, async () => {
        const data = await loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.gp);
        render(<I18nProvider initial={lang}><RecordForm form={form} data={data} write={() => Promise.resolve({ ok: true })} onDone={() => undefined} /></I18nProvider>);
        const box = await screen.findByTestId(`record-form-${form.kind}`, {}, { timeout: 15000 });
        await within(box).findAllByText(FIRST_QUESTION[form.kind]?.[i] ?? '', { exact: false }, { timeout: 15000 });
        expect(within(box).getByRole('button', { name: lang === 'fr' ? 'Enregistrer la fiche' : 'Save the record' })).toBeTruthy();
        if (lang === 'en') expect(box.textContent).not.toMatch(/Fréquence|Logement|Motif de fin/);
      }, 60000);
    }
  }
});

async function stored<T>(type: string): Promise<T[]> {
  return testApi(MICRO.patient).search(type, [['subject', `Patient/${MICRO.patient}`]]) as Promise<T[]>;
}

describe('the GP fills in records', () => {
  it('a medical entry: stored as a QuestionnaireResponse, AUDIT-C, drinks per day and hepatitis C extracted', async () => {
    const user = userEvent.setup();
    renderApp('fr');
    const section = await screen.findByRole('region', { name: 'Fiches d’entrée, de suivi et de fin' }, { timeout: 15000 });
    expect(within(section).getByTestId('records').textContent).toContain('Fiche d’entrée médicale');
    await user.click(within(section).getByRole('button', { name: 'Remplir : Fiche d’entrée médicale' }));
    const box = await within(section).findByTestId('record-form-medical', {}, { timeout: 15000 });
    await within(box).findAllByText('Jamais', { exact: false }, { timeout: 15000 });
    const radios = (name: string): HTMLElement => within(box).getAllByLabelText(name)[0] as HTMLElement;
    await user.click(radios('2 à 3 fois par semaine'));
    await user.click(radios('5 ou 6'));
    await user.click(radios('Une fois par mois'));
    fireEvent.change(within(box).getByLabelText('Verres standard par jour en moyenne', { exact: false }), { target: { value: '4' } });
    await user.click(radios('Infection active'));
    const before = (await stored<Observation>('Observation')).length;
    await user.click(within(box).getByRole('button', { name: 'Enregistrer la fiche' }));
    await within(section).findByText(/Fiche enregistrée ; 3 mesure/, {}, { timeout: 15000 });
    const responses = await stored<QuestionnaireResponse>('QuestionnaireResponse');
    expect(responses).toHaveLength(2);
    const observations = await stored<Observation>('Observation');
    expect(observations.length).toBe(before + 2);
    expect(observations.find((o) => o.code?.coding?.[0]?.code === '75626-2' && o.valueInteger === 7)).toBeTruthy();
    expect(observations.find((o) => o.code?.coding?.[0]?.code === '74013-4' && o.valueQuantity?.value === 4)).toBeTruthy();
    expect((await stored<Condition>('Condition')).some((c) => c.code?.coding?.[0]?.code === '50711007')).toBe(true);
    expect(within(section).getAllByRole('button', { name: /^Lire/ })).toHaveLength(2);
  }, 90000);

  it('a required answer missing is said in words and nothing is sent', async () => {
    const user = userEvent.setup();
    renderApp('fr');
    const section = await screen.findByRole('region', { name: 'Fiches d’entrée, de suivi et de fin' }, { timeout: 15000 });
    await user.click(within(section).getByRole('button', { name: 'Remplir : Fiche de fin d’accompagnement' }));
    const box = await within(section).findByTestId('record-form-endOfCare', {}, { timeout: 15000 });
    await within(box).findByText('Motif de fin', { exact: false }, { timeout: 15000 });
    await user.click(within(box).getByRole('button', { name: 'Enregistrer la fiche' }));
    expect((await within(box).findByRole('alert')).textContent).toMatch(/Réponse obligatoire manquante : Date de fin de l’accompagnement|Réponse obligatoire manquante : Date de fin de l'accompagnement/);
    expect(await stored<QuestionnaireResponse>('QuestionnaireResponse')).toHaveLength(1);
  }, 60000);

  it('the end-of-care record closes the plan with its reason, after a confirmation', async () => {
    const user = userEvent.setup();
    renderApp('en');
    const section = await screen.findByRole('region', { name: 'Entry, follow-up and end-of-care records' }, { timeout: 15000 });
    await user.click(within(section).getByRole('button', { name: 'Fill in: End-of-care record' }));
    const box = await within(section).findByTestId('record-form-endOfCare', {}, { timeout: 15000 });
    await within(box).findByText('Reason for ending', { exact: false }, { timeout: 15000 });
    fireEvent.change(box.querySelector('input[type="date"]') as HTMLInputElement, { target: { value: '2024-06-30' } });
    await user.click(within(box).getAllByLabelText('Goals reached')[0] as HTMLElement);
    await user.click(within(box).getByRole('button', { name: 'Save the record' }));
    await user.click(await within(box).findByRole('button', { name: 'Confirm the end of care' }));
    await within(section).findByText(/Plan closed: Goals reached/, {}, { timeout: 15000 });
    const plans = await stored<CarePlan>('CarePlan');
    const plan = plans.find((p) => p.extension?.some((e) => e.url.endsWith('parcours-end-of-care-reason')));
    expect(plan?.status).toBe('completed');
    expect(plan?.period?.end).toBe('2024-06-30');
    expect(plan?.extension?.find((e) => e.url.endsWith('parcours-end-of-care-reason'))?.valueCoding?.code).toBe('objectifs-atteints');
    await waitFor(() => expect(within(section).queryByRole('button', { name: 'Fill in: End-of-care record' })).toBeNull());
    // Closed: the records stay readable, none is filled in any more (the medical entry and follow-up included).
    expect(within(section).queryAllByRole('button', { name: /^Fill in:/ })).toEqual([]);
    expect(within(section).getByTestId('records-read-only').textContent).toBe('The plan is closed: records can still be read but no longer filled in.');
    expect(within(section).queryByTestId('record-form-endOfCare')).toBeNull();
  }, 60000);
});

describe('a closed plan', () => {
  async function closedPlan(status: CarePlan['status']): Promise<void> {
    const plan = (await stored<CarePlan>('CarePlan'))[0] as CarePlan;
    await fhir.reset({ add: [{ ...plan, status, period: { ...plan.period, end: '2024-05-31' } }] });
  }

  it('a revoked plan: its records read, no form offered, the reason in French', async () => {
    await closedPlan('revoked');
    const user = userEvent.setup();
    renderApp('fr');
    const section = await screen.findByRole('region', { name: 'Fiches d’entrée, de suivi et de fin' }, { timeout: 15000 });
    expect(within(section).getByTestId('records-read-only').textContent).toBe('Le plan est clos : les fiches restent lisibles mais ne peuvent plus être remplies.');
    expect(within(section).queryAllByRole('button', { name: /^Remplir/ })).toEqual([]);
    await user.click(within(section).getAllByRole('button', { name: /^Lire/ })[0] as HTMLElement);
    expect(within(section).getByRole('region', { name: 'Fiche d’entrée médicale' }).textContent).toContain('Fume du tabac tous les jours');
  }, 60000);

  for (const [lang, words, save] of [['fr', 'Le plan est clos', 'Enregistrer la fiche'], ['en', 'The plan is closed', 'Save the record']] as const) {
    it(`a form left open on a completed plan saves nothing and says why (${lang})`, async () => {
      await closedPlan('completed');
      const user = userEvent.setup();
      const data = await loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.gp);
      let writes = 0;
      const followUp = RECORD_FORMS.find((f) => f.kind === 'followUp') as (typeof RECORD_FORMS)[number];
      render(<I18nProvider initial={lang}><RecordForm form={followUp} data={data} write={() => { writes++; return Promise.resolve({ ok: true }); }} onDone={() => undefined} /></I18nProvider>);
      const box = await screen.findByTestId('record-form-followUp', {}, { timeout: 15000 });
      await user.click(await within(box).findByRole('button', { name: save }, { timeout: 15000 }));
      expect((await within(box).findByRole('alert')).textContent).toContain(words);
      expect(writes).toBe(0);
    }, 60000);
  }
});
