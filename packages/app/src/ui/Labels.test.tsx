// Codes a person reads are shown as words in the chosen language: Parcours codes from the profiles' CodeSystems
// (French display, English designation), FHIR statuses from the app's table; unknown codes fall back to the
// coding's display, then the code.
import type { Resource } from '@medplum/fhirtypes';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CARE_TEAM_ROLE_SYSTEM, ENCOUNTER_TYPE_SYSTEM, PATHWAY_STAGE_SYSTEM, PATHWAY_STAGE_URL, TASK_CODE_SYSTEM } from '../fhir/codes.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/dict.ts';
import { conceptLabel, statusLabel, unitLabel } from '../i18n/terms.ts';
import { ActivitiesView, EncountersView, TeamView } from './Lists.tsx';
import { GoalsView, StageView } from './Sections.tsx';

const ACTIVITY_SYSTEM = 'https://fhir.parcours.fr/CodeSystem/parcours-activity';
const GOAL_SYSTEM = 'https://fhir.parcours.fr/CodeSystem/parcours-goal';
const code = (system: string, value: string): { coding: { system: string; code: string }[] } => ({ coding: [{ system, code: value }] });

function plan(withStage: boolean): PlanData {
  const gp: Resource = { resourceType: 'Practitioner', id: 'gp', name: [{ family: 'Martin', given: ['Claire'] }] };
  return {
    patient: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Dubois', given: ['Camille'] }] },
    carePlan: {
      resourceType: 'CarePlan',
      id: 'cp1',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p1' },
      ...(withStage ? { extension: [{ url: PATHWAY_STAGE_URL, valueCodeableConcept: code(PATHWAY_STAGE_SYSTEM, 'priorisation') }] } : {}),
      activity: [
        { detail: { status: 'in-progress', code: code(ACTIVITY_SYSTEM, 'entretien-rdr'), performer: [{ reference: 'Practitioner/gp' }] } },
        { detail: { status: 'scheduled', code: { coding: [{ system: 'urn:other', code: 'x-1', display: 'Atelier cuisine' }] } } },
        { detail: { status: 'not-started', code: { coding: [{ system: 'urn:other', code: 'code-seul' }] } } },
      ],
    },
    careTeams: [
      {
        resourceType: 'CareTeam',
        id: 'ct1',
        participant: [
          { member: { reference: 'Practitioner/gp' }, role: [code(CARE_TEAM_ROLE_SYSTEM, 'medecin-traitant')] },
          { member: { reference: 'Practitioner/gp' }, role: [code(CARE_TEAM_ROLE_SYSTEM, 'intervenant-rdr-alcool')] },
        ],
      },
    ],
    goals: [
      {
        resourceType: 'Goal',
        id: 'g1',
        lifecycleStatus: 'active',
        achievementStatus: code('http://terminology.hl7.org/CodeSystem/goal-achievement', 'improving'),
        description: code(GOAL_SYSTEM, 'reduire-consommation'),
        subject: { reference: 'Patient/p1' },
      },
    ],
    tasks: [{ resourceType: 'Task', id: 't1', status: 'completed', intent: 'order', code: code(TASK_CODE_SYSTEM, 'suivi-activite'), for: { reference: 'Patient/p1' } }],
    encounters: [
      { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, type: [code(ENCOUNTER_TYPE_SYSTEM, 'consultation-individuelle')], period: { start: '2025-03-01T10:00:00Z' } },
    ],
    appointments: [],
    observations: [],
    medicationStatements: [],
    compositions: [],
    communications: [],
    flags: [],
    questionnaireResponses: [],
    medicationRequests: [],
    serviceRequests: [],
    refs: new Map([['Practitioner/gp', gp]]),
    user: { reference: 'Practitioner/gp', role: 'gp', practitionerRole: undefined, organization: undefined },
    hiddenCount: 0,
    observationsNext: undefined,
  };
}

function show(lang: Lang, withStage = true): void {
  const data = plan(withStage);
  render(
    <I18nProvider initial={lang}>
      <StageView data={data} />
      <GoalsView data={data} />
      <ActivitiesView data={data} />
      <TeamView data={data} />
      <EncountersView data={data} />
    </I18nProvider>,
  );
}

const text = (id: string): string => document.getElementById(id)?.textContent ?? '';

describe('codes in words', () => {
  it('French: stage, activities, statuses, roles, goals and encounter types from the CodeSystems and the FHIR table', () => {
    show('fr');
    expect(screen.getByTestId('stage').textContent).toBe('Prioriser : sécuriser la situation et l\'usage');
    const activities = within(document.getElementById('activities') as HTMLElement);
    expect(activities.getByText('Entretien de réduction des risques').closest('tr')?.textContent).toContain('en cours');
    expect(activities.getByText('Suivre une activité du plan').closest('tr')?.textContent).toContain('terminée');
    expect(activities.getByText('Atelier cuisine').closest('tr')?.textContent).toContain('planifiée'); // display of an unknown system
    expect(activities.getByText('code-seul').closest('tr')?.textContent).toContain('pas commencée'); // then the code
    expect(text('team')).toContain('Médecin traitant');
    expect(text('team')).toContain('Intervenant en réduction des risques alcool');
    expect(text('goals')).toContain('Réduire sa consommation (actif, en amélioration)');
    expect(text('encounters')).toContain('Consultation individuelle');
    for (const raw of ['in-progress', 'completed', 'entretien-rdr', 'medecin-traitant', 'intervenant-rdr-alcool', 'priorisation', 'consultation-individuelle', 'improving']) {
      expect(document.body.textContent).not.toContain(raw);
    }
  });

  it('English: the same codes in English', () => {
    show('en');
    expect(screen.getByTestId('stage').textContent).toBe('Prioritise: secure the overall situation and the use');
    const activities = within(document.getElementById('activities') as HTMLElement);
    expect(activities.getByText('Harm-reduction follow-up').closest('tr')?.textContent).toContain('in progress');
    expect(activities.getByText('Follow up a plan activity').closest('tr')?.textContent).toContain('completed');
    expect(activities.getByText('code-seul').closest('tr')?.textContent).toContain('not started');
    expect(text('team')).toContain('General practitioner');
    expect(text('team')).toContain('Alcohol harm-reduction worker');
    expect(text('goals')).toContain('Reduce consumption (active, improving)');
    expect(text('encounters')).toContain('Individual consultation');
  });

  it('says in words why a person has no pathway stage', () => {
    show('fr', false);
    expect(screen.getByTestId('stage').textContent).toMatch(/^Sans étape : la feuille de route par étapes concerne la réduction des risques alcool/);
  });

  it('falls back to the text a person wrote, the display, then the code; an unknown status stays as it is', () => {
    expect(conceptLabel({ text: 'Moins de 3 verres', coding: [{ system: GOAL_SYSTEM, code: 'reduire-consommation' }] }, 'en')).toBe('Moins de 3 verres');
    expect(conceptLabel({ coding: [{ system: 'urn:x', code: 'a', display: 'Affiché' }] }, 'en')).toBe('Affiché');
    expect(conceptLabel({ coding: [{ system: 'urn:x', code: 'a' }] }, 'fr')).toBe('a');
    expect(statusLabel('task', 'on-hold', 'fr')).toBe('en pause');
    expect(statusLabel('appointment', 'noshow', 'en')).toBe('no-show');
    expect(statusLabel('task', 'made-up', 'fr')).toBe('made-up');
  });

  it('says the drinks unit in the chosen language whatever language the data was written in', () => {
    const drinks = { value: 3, unit: 'verres standard par jour', system: 'http://unitsofmeasure.org', code: '{drinks}/d' };
    expect(unitLabel(drinks, 'en')).toBe('standard drinks per day');
    expect(unitLabel(drinks, 'fr')).toBe('verres standard par jour');
    expect(unitLabel({ value: 8, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' }, 'en')).toBe('mg');
    expect(unitLabel({ value: 2, code: 'x' }, 'en')).toBe('x');
  });
});
