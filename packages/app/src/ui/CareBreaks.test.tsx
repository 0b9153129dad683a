// Care breaks in the plan and the status line, against the real FHIR server holding the profiles' examples: Martine
// Lefebvre has the watch's active Flag (two missed appointments, since 05/02/2024) and her worker's care-break
// message; here also an older Flag that cleared and a call-back due today (issue 17's example must not read as a
// green « atteint » goal and nothing else) — in French and in English.
import type { Flag, Task } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../fhir/load-plan.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { careBreakFlags } from '../fhir/care-breaks.ts';
import { planStatus } from '../fhir/status.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import { fhir, RDR, testApi } from '../test/server.ts';
import { CareBreaksView } from './CareBreaks.tsx';
import { StatusLine } from './StatusLine.tsx';

const NOW = '2024-06-03T09:00:00+02:00';

const cleared: Flag = {
  resourceType: 'Flag',
  id: 'FlagRdrAlcoolClearedTest',
  meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-flag-care-break'] },
  identifier: [{ system: 'https://fhir.parcours.fr/identifier/watch-flag', value: 'sans-contact|Patient/PatientRdrAlcoolExample' }],
  status: 'inactive',
  code: { coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-care-break-rule', code: 'sans-contact' }] },
  subject: { reference: `Patient/${RDR.patient}` },
  period: { start: '2024-01-01', end: '2024-01-20' },
  author: { reference: 'Device/DeviceWatchExample' },
};

const callBack: Task = {
  resourceType: 'Task',
  id: 'TaskRdrAlcoolCallBackTodayTest',
  meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-task'] },
  status: 'requested',
  intent: 'order',
  code: { coding: [{ system: 'https://fhir.parcours.fr/CodeSystem/parcours-task-code', code: 'relance-rupture' }] },
  description: 'Rappeler Martine',
  for: { reference: `Patient/${RDR.patient}` },
  owner: { reference: RDR.worker },
  restriction: { period: { end: '2024-06-03' } },
};

let plan: PlanData;
beforeAll(async () => {
  await fhir.reset({ add: [cleared, callBack] });
  plan = await loadPlan(testApi(RDR.patient), RDR.patient, RDR.gp);
});
beforeEach(() => localStorage.clear());

function view(node: ReactNode, lang: Lang): void {
  render(<I18nProvider initial={lang}>{node}</I18nProvider>);
}

describe('care breaks in the plan', () => {
  it('shows the watch’s Flags, active first, and the team’s messages, in French', () => {
    view(<CareBreaksView data={plan} />, 'fr');
    const flags = screen.getAllByTestId('care-break-flag').map((li) => li.textContent);
    expect(flags).toEqual(['Rendez-vous manqués à la suite — en cours depuis le 05/02/2024', 'Aucun contact pendant 376 jours — du 01/01/2024 au 20/01/2024']);
    const message = screen.getByTestId('care-break-message').textContent ?? '';
    expect(message).toContain('12/02/2024');
    expect(message).toContain('Martine n\'est pas venue aux deux derniers rendez-vous');
    expect(within(screen.getByRole('region', { name: 'Ruptures de soins' })).getByText('Messages de l’équipe')).toBeDefined();
  });

  it('a « sans contact » Flag says its number of days, never a literal N: from the last contact to today, or to its end', () => {
    const active: Flag = { ...cleared, id: 'FlagRdrAlcoolNoContactTest', status: 'active', period: { start: '2024-05-01' } };
    const data = { ...plan, flags: [...plan.flags, active] };
    // The last finished contact on or before 01/05/2024 is the phone call of 18/03/2024: 77 days to 03/06/2024.
    const words = (lang: Lang): string[] => careBreakFlags(data, lang, NOW).filter((f) => f.code === 'sans-contact').map((f) => f.rule);
    expect(words('fr')).toEqual(['Aucun contact depuis 77 jours', 'Aucun contact pendant 376 jours']);
    expect(words('en')).toEqual(['No contact for 77 days', 'No contact for 376 days']);
    view(<StatusLine data={data} now={NOW} />, 'fr');
    expect(screen.getByTestId('status-alerts').textContent).toContain('Rupture de soins en cours depuis le 01/05/2024 : Aucun contact depuis 77 jours');
    expect(screen.getByTestId('status-alerts').textContent).not.toMatch(/\bN jours/);
  });

  it('in English', () => {
    view(<CareBreaksView data={plan} />, 'en');
    expect(screen.getAllByTestId('care-break-flag')[0]?.textContent).toBe('Appointments missed in a row — in progress since 05/02/2024');
    expect(screen.getByRole('region', { name: 'Care breaks' }).textContent).toContain('Team messages');
  });

  it('the status line says the break, the missed appointments and the call-back due today, in both languages', () => {
    view(<StatusLine data={plan} now={NOW} />, 'fr');
    const fr = screen.getByTestId('status-alerts').textContent ?? '';
    expect(fr).toContain('Rupture de soins en cours depuis le 05/02/2024');
    expect(fr).toContain('1 tâche pour aujourd’hui : Rappeler Martine');
    expect(fr).not.toContain('depuis le 01/01/2024'); // the cleared Flag is history, not a break in progress
  });

  it('in English too', () => {
    view(<StatusLine data={plan} now={NOW} />, 'en');
    const en = screen.getByTestId('status-alerts').textContent ?? '';
    expect(en).toContain('Care break in progress since 05/02/2024: Appointments missed in a row');
    expect(en).toContain('1 task due today: Rappeler Martine');
  });

  it('once every Flag has cleared, no break is said to be going on (the watch has the last word)', () => {
    const status = planStatus({ ...plan, flags: plan.flags.map((f) => ({ ...f, status: 'inactive', period: { ...f.period, end: '2024-05-30' } })) }, 'fr', NOW);
    expect(status.careBreak).toBe(false);
    expect(status.careBreakFlags).toEqual([]);
    expect(status.weeksWithoutContact).toBeGreaterThan(8);
  });
});
