// A person's synthesis meetings in their plan, against the real FHIR server holding the profiles' examples: Karim
// Haddad was reviewed at the microstructure's January 2024 meeting (his GP's note, his psychologist's PSY note, a
// decision for the psychologist). His GP reads everything; his social worker never sees the psychologist's words.
import { render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../fhir/load-plan.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import { fhir, MICRO, practitionerRole, testApi } from '../test/server.ts';
import { MeetingsView } from './Meetings.tsx';

let gp: PlanData;
let socialWorker: PlanData;
beforeAll(async () => {
  await fhir.reset({ add: [practitionerRole(MICRO.socialWorker, 'travailleur-social')] });
  [gp, socialWorker] = await Promise.all([loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.gp), loadPlan(testApi(MICRO.patient), MICRO.patient, MICRO.socialWorker)]);
});

function meeting(data: PlanData, lang: Lang): HTMLElement {
  render(<I18nProvider initial={lang}><MeetingsView data={data} /></I18nProvider>);
  return screen.getByTestId('meeting');
}

describe('synthesis meetings in the plan', () => {
  it('shows the meeting’s date, attendees, partners, notes and decision with owner and due date, in French', () => {
    const row = meeting(gp, 'fr');
    expect(row.textContent).toContain('08/01/2024 — Participants : Dr Claire Rossi, Thomas Garcia, Leïla Mansouri');
    expect(row.textContent).toContain('Partenaires : CSAPA du Vieux-Port');
    const notes = within(row).getAllByTestId('meeting-note').map((n) => n.textContent);
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n?.includes('note de psychothérapie'))).toContain('Anxiété en soirée');
    expect(within(row).getByTestId('meeting-decision').textContent).toBe('Proposer un entretien psychologue tous les quinze jours. — Thomas Garcia, pour le 22/01/2024 (terminée)');
  });

  it('in English, for the social worker: the psychologist’s note is not there', () => {
    const row = meeting(socialWorker, 'en');
    expect(row.textContent).toContain('Attendees: Dr Claire Rossi');
    const notes = within(row).getAllByTestId('meeting-note').map((n) => n.textContent ?? '');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('Charge virale VHC positive');
    expect(row.textContent).not.toContain('Anxiété');
    expect(within(row).getByTestId('meeting-decision').textContent).toContain('due 22/01/2024');
  });
});
