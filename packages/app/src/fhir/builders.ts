// Resources the edit forms write, built to the Parcours profiles. Pure functions (tested in builders.test.ts).
import type { CarePlan, CareTeam, Coding, Goal, Observation, Task } from '@medplum/fhirtypes';
import { CARE_TEAM_ROLE_SYSTEM, TASK_CODE_SYSTEM, LOINC, LoincCode, PATHWAY_STAGE_SYSTEM, PATHWAY_STAGE_URL, SECURITY_SYSTEM, SNOMED, SUD_LABEL, UCUM, profile } from './codes.ts';
import type { PathwayStage } from './codes.ts';

/** A literal reference (Medplum's Ref<T> narrows targets by type; the forms pick from the team). */
export interface Ref {
  reference: string;
  display?: string;
}

const SUD = { system: SECURITY_SYSTEM, code: SUD_LABEL, display: 'substance use disorder information sensitivity' };
const surveyCategory = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history', display: 'Social History' }] };

export type Measure = 'drinksPerDay' | 'cigarettesPerDay';

/**
 * The smoking status a count of cigarettes per day says (SNOMED CT, ParcoursValueSetTobaccoUseStatus): one or more
 * a day is a daily smoker, less an occasional one; none, in a person followed for tobacco, an ex-smoker.
 */
function smokingStatus(perDay: number): Coding {
  if (perDay >= 1) return { system: SNOMED, code: '449868002', display: 'Fume du tabac tous les jours' };
  if (perDay > 0) return { system: SNOMED, code: '428041000124106', display: 'Fumeur occasionnel' };
  return { system: SNOMED, code: '8517006', display: 'Ancien fumeur' };
}

/**
 * Drinks per day (ParcoursObservationAlcoholUse: LOINC 74013-4, UCUM `{drinks}/d`), or cigarettes per day. The
 * tobacco profile (ParcoursObservationTobaccoUse) fixes the code to 72166-2 and its value to the smoking status (a
 * CodeableConcept): the count goes in a component (LOINC 64218-1, UCUM `{cigarettes}/d`), the status it implies in
 * the value. The plan reads the count from either shape (products.ts `cigarettesPerDay`).
 */
export function consumptionObservation(patientId: string, measure: Measure, value: number, date: string, performer?: Ref): Observation {
  const common = {
    resourceType: 'Observation' as const,
    status: 'final' as const,
    category: [surveyCategory],
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    ...(performer ? { performer: [performer] } : {}),
  };
  if (measure === 'drinksPerDay') {
    return {
      ...common,
      meta: { profile: [profile('parcours-observation-alcohol-use')], security: [SUD] },
      code: { coding: [{ system: LOINC, code: LoincCode.drinksPerDay, display: 'Alcoholic drinks per day' }], text: 'Verres par jour' },
      valueQuantity: { value, unit: 'verres/jour', system: UCUM, code: '{drinks}/d' },
    };
  }
  return {
    ...common,
    meta: { profile: [profile('parcours-observation-tobacco-use')], security: [SUD] },
    code: { coding: [{ system: LOINC, code: LoincCode.tobaccoUse, display: 'Tobacco smoking status' }], text: 'Tabac' },
    valueCodeableConcept: { coding: [smokingStatus(value)] },
    component: [{
      code: { coding: [{ system: LOINC, code: LoincCode.cigarettesPerDay, display: 'How many cigarettes do you smoke per day now' }], text: 'Cigarettes par jour' },
      valueQuantity: { value, unit: 'cigarettes/jour', system: UCUM, code: '{cigarettes}/d' },
    }],
  };
}

/** AUDIT-C: three items scored 0-4 and the total 0-12 (LOINC 72109-2 panel, 75626-2 total). */
export function auditC(patientId: string, answers: [number, number, number], date: string, performer?: Ref): Observation {
  const items: [string, string][] = [
    [LoincCode.auditCQ1, 'How often do you have a drink containing alcohol?'],
    [LoincCode.auditCQ2, 'How many standard drinks containing alcohol do you have on a typical day?'],
    [LoincCode.auditCQ3, 'How often do you have six or more drinks on one occasion?'],
  ];
  return {
    resourceType: 'Observation',
    meta: { profile: [profile('parcours-observation-auditc')], security: [SUD] },
    status: 'final',
    category: [surveyCategory, { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: LOINC, code: LoincCode.auditCTotal, display: 'Total score [AUDIT-C]' }], text: 'AUDIT-C' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    ...(performer ? { performer: [performer] } : {}),
    valueInteger: answers[0] + answers[1] + answers[2],
    component: items.map(([code, display], i) => ({ code: { coding: [{ system: LOINC, code, display }] }, valueInteger: answers[i] as number })),
  };
}

export function newTask(patientId: string, carePlanId: string | undefined, description: string, owner: Ref | undefined, due: string | undefined, requester?: Ref): Task {
  return {
    resourceType: 'Task',
    meta: { profile: [profile('parcours-task')] },
    status: 'requested',
    intent: 'plan',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: 'suivi-activite', display: 'Suivre une activité du plan' }] },
    description,
    for: { reference: `Patient/${patientId}` },
    ...(carePlanId ? { basedOn: [{ reference: `CarePlan/${carePlanId}` }] } : {}),
    authoredOn: new Date().toISOString(),
    ...(requester ? { requester } : {}),
    // The profile requires an owner: without a choice, whoever creates the task owns it.
    ...(owner ?? requester ? { owner: owner ?? requester } : {}),
    ...(due ? { restriction: { period: { end: due } } } : {}),
  };
}

export function completeTask(task: Task): Task {
  return { ...task, status: 'completed', executionPeriod: { ...task.executionPeriod, end: new Date().toISOString() } };
}

export function rescheduleTask(task: Task, due: string): Task {
  return { ...task, restriction: { ...task.restriction, period: { ...task.restriction?.period, end: due } } };
}

export function assignTask(task: Task, owner: Ref): Task {
  return { ...task, owner };
}

// Synthesis meetings are recorded by the meeting screen (ui/meeting/build.ts): one transaction for several people.

/** The goal-achievement codes the forms and the meeting screen offer. */
export const GOAL_ACHIEVEMENTS = ['in-progress', 'improving', 'worsening', 'no-change', 'achieved', 'sustaining', 'not-achieved'] as const;
export type GoalAchievement = (typeof GOAL_ACHIEVEMENTS)[number];

export function updateGoal(goal: Goal, lifecycleStatus: Goal['lifecycleStatus'], achievement: string | undefined): Goal {
  const next: Goal = { ...goal, lifecycleStatus };
  if (achievement) {
    next.achievementStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: achievement }] };
  }
  return next;
}

export function addParticipant(team: CareTeam, member: Ref, role: { code: string; display: string; system?: string }, start: string, onBehalfOf?: Ref): CareTeam {
  return {
    ...team,
    participant: [
      ...(team.participant ?? []),
      { role: [{ coding: [{ system: role.system ?? CARE_TEAM_ROLE_SYSTEM, code: role.code, display: role.display }] }], member, ...(onBehalfOf ? { onBehalfOf } : {}), period: { start } },
    ],
  };
}

export function endParticipation(team: CareTeam, index: number, end: string): CareTeam {
  return {
    ...team,
    participant: (team.participant ?? []).map((p, i) => (i === index ? { ...p, period: { ...p.period, end } } : p)),
  };
}

export function moveStage(plan: CarePlan, stage: PathwayStage, display: string): CarePlan {
  const others = (plan.extension ?? []).filter((e) => e.url !== PATHWAY_STAGE_URL);
  return { ...plan, extension: [...others, { url: PATHWAY_STAGE_URL, valueCodeableConcept: { coding: [{ system: PATHWAY_STAGE_SYSTEM, code: stage, display }] } }] };
}

export function setActivityStatus(plan: CarePlan, index: number, status: NonNullable<NonNullable<CarePlan['activity']>[number]['detail']>['status']): CarePlan {
  return {
    ...plan,
    activity: (plan.activity ?? []).map((a, i) => (i === index && a.detail ? { ...a, detail: { ...a.detail, status } } : a)),
  };
}
