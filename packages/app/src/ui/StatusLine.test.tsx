// The status line against the real FHIR server holding the profiles' examples: Martine Lefebvre (alcohol harm
// reduction) with three missed appointments in a row after her last call and her call-back task overdue — the
// issue's example, which must not read as a green « atteint » goal only — in French and in English.
import type { Appointment, Observation } from '@medplum/fhirtypes';
import { render, screen } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../fhir/load-plan.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { planStatus } from '../fhir/status.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import { fhir, RDR, testApi } from '../test/server.ts';
import { visitKey } from './last-visit.ts';
import { StatusLine } from './StatusLine.tsx';

const NOW = '2024-06-03T09:00:00+02:00';

function missed(day: string): Appointment {
  return {
    resourceType: 'Appointment',
    id: `AppointmentRdrAlcoolMissed${day.replaceAll('-', '')}`,
    meta: { profile: ['https://fhir.parcours.fr/StructureDefinition/parcours-appointment'] },
    serviceType: [{ coding: [{ code: 'consultation-medecin', system: 'https://fhir.parcours.fr/CodeSystem/parcours-activity' }] }],
    participant: [
      { actor: { reference: `Patient/${RDR.patient}` }, status: 'accepted' },
      { actor: { reference: RDR.gp }, status: 'accepted' },
    ],
    status: 'noshow',
    start: `${day}T09:00:00+02:00`,
    end: `${day}T09:30:00+02:00`,
  };
}

let rdr: PlanData;
let residence: PlanData;
const RESIDENCE = 'PatientResidenceSocialeExample';

beforeAll(async () => {
  await fhir.reset({ add: [missed('2024-04-08'), missed('2024-04-22'), missed('2024-05-06')] });
  [rdr, residence] = await Promise.all([loadPlan(testApi(RDR.patient), RDR.patient, RDR.gp), loadPlan(testApi(RESIDENCE), RESIDENCE, undefined)]);
});
beforeEach(() => localStorage.clear());

function show(data: PlanData, lang: Lang, now = NOW): HTMLElement {
  render(<I18nProvider initial={lang}><StatusLine data={data} now={now} /></I18nProvider>);
  return screen.getByTestId('status');
}

describe('status line', () => {
  it('puts the care break, the missed appointments and the overdue call-back first, in French', () => {
    const status = show(rdr, 'fr');
    const alerts = status.querySelector('[data-testid="status-alerts"]')?.textContent ?? '';
    // The watch's Flag says since when; the weeks without contact follow.
    expect(alerts).toContain('Rupture de soins en cours depuis le 05/02/2024 : Rendez-vous manqués à la suite');
    expect(alerts).toContain('Aucun contact depuis 11 semaines');
    expect(alerts).toContain('3 rendez-vous manqués d’affilée');
    expect(alerts).toContain('2 tâches en retard : Pas de nouvelles depuis trois semaines');
    expect(alerts).toContain('en retard de 105 j');
    const facts = status.querySelector('[data-testid="status-facts"]')?.textContent ?? '';
    expect(facts).toContain('Dernier contact : 18/03/2024');
    expect(facts).toContain('téléphone');
    expect(facts).toContain('Aucun rendez-vous prévu');
    expect(facts).toContain('Étape : Prioriser');
    expect(facts).toContain('Première ouverture de ce plan sur ce poste');
  });

  it('says the same in English', () => {
    const status = show(rdr, 'en');
    expect(status.textContent).toContain('Care break in progress since 05/02/2024: Appointments missed in a row');
    expect(status.textContent).toContain('No contact for 11 weeks');
    expect(status.textContent).toContain('3 missed appointments in a row');
    expect(status.textContent).toContain('2 overdue tasks: Pas de nouvelles');
    expect(status.textContent).toContain('Last contact: 18/03/2024');
  });

  it('a person seen recently, with a booked appointment, has no alert', () => {
    const status = planStatus(residence, 'fr', '2024-02-28T10:00:00+01:00');
    expect(status.careBreak).toBe(false);
    expect(status.weeksWithoutContact).toBeUndefined();
    expect(status.missedInARow).toBe(0); // the no-show of 19/02 was followed by the call of 20/02
    expect(status.lastContact?.date.slice(0, 10)).toBe('2024-02-27');
    expect(status.nextAppointment?.date.slice(0, 10)).toBe('2024-03-04');
  });

  it('tells what changed since this user’s previous visit, keyed without ids in clear', () => {
    const key = visitKey(RDR.gp, RDR.patient);
    expect(key).not.toContain(RDR.patient);
    const previous = '2024-05-01T00:00:00Z';
    localStorage.setItem(key, JSON.stringify({ seen: previous }));
    const newer: Observation = { ...(rdr.observations[0] as Observation), id: 'new', meta: { lastUpdated: '2024-05-20T10:00:00Z' } };
    const status = show({ ...rdr, observations: [...rdr.observations.map((o) => ({ ...o, meta: { ...o.meta, lastUpdated: '2024-03-18T10:00:00Z' } })), newer], appointments: rdr.appointments.map((a) => ({ ...a, meta: { ...a.meta, lastUpdated: a.start } })), careTeams: [], tasks: [], compositions: [], encounters: [] }, 'fr');
    expect(status.textContent).toContain('Depuis votre dernière visite (01/05/2024) : 1 nouvelle mesure, 1 contact');
    expect(JSON.parse(localStorage.getItem(key) ?? '{}')).toMatchObject({ previous });
  });
});
