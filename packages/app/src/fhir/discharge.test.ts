// The discharge inbox model over a plan loaded from the real FHIR server holding the profiles' discharge scenario
// (scenario-sortie-hospitaliere.fsh: the resources the exchange writes when a hospital sends a discharge).
import type { Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhir, RDR, SORTIE, testApi } from '../test/server.ts';
import { dischargeFollowUps, isDischargeTask } from './discharge.ts';
import { loadPlan } from './load-plan.ts';
import type { PlanData } from './load-plan.ts';
import { activities } from './plan-model.ts';

beforeAll(() => fhir.reset());

async function plan(): Promise<PlanData> {
  return loadPlan(testApi(SORTIE.patient), SORTIE.patient, SORTIE.gp);
}

describe('discharge follow-ups', () => {
  it('gathers the stay, the hospital, the summary, the medications and the message around the GP task, in three requests', async () => {
    const api = testApi(SORTIE.patient);
    const data = await loadPlan(api, SORTIE.patient, SORTIE.gp);
    expect(api.requestCount).toBe(3);
    const [item, ...rest] = dischargeFollowUps(data, '2024-04-10T09:00:00+02:00');
    expect(rest).toHaveLength(0);
    expect(item?.task.id).toBe(SORTIE.task);
    expect(item?.hospital).toBe('Centre hospitalier de Roubaix – service d\'addictologie');
    expect(item?.stayStart).toBe('2024-04-02T10:00:00+02:00');
    expect(item?.stayEnd).toBe('2024-04-07T11:00:00+02:00');
    expect(item?.dispositionCode).toBe('home');
    expect(item?.requester).toBe('Dr Sophie Leroy');
    expect(item?.owner).toBe('Dr Pierre Dubois');
    expect(item?.summary?.title).toBe('Compte rendu de sortie – sevrage alcool');
    expect(item?.summary?.sections.map((s) => s.title)).toEqual(['Séjour', 'Suites à donner', 'Traitements de sortie']);
    expect(item?.medications).toEqual(['Thiamine 250 mg, 1 comprimé matin et soir pendant 1 mois']);
    expect(item?.messages[0]?.[0]).toContain('Merci de le revoir sous 7 jours');
    expect(item?.withinDays).toBe(7);
    expect(item?.due).toBe('2024-04-14');
    expect(item?.overdueDays).toBeUndefined();
    expect(item?.done).toBe(false);
  });

  it('counts the days past due while the follow-up is open, not once acknowledged', async () => {
    const data = await plan();
    expect(dischargeFollowUps(data, '2024-04-20T09:00:00+02:00')[0]?.overdueDays).toBe(6);
    expect(dischargeFollowUps(data, '2024-04-14T22:00:00+02:00')[0]?.overdueDays).toBeUndefined();
    const task = data.tasks.find((t) => t.id === SORTIE.task) as Task;
    const done: PlanData = { ...data, tasks: data.tasks.map((t) => (t === task ? { ...task, status: 'completed', executionPeriod: { end: '2024-04-21T09:00:00Z' } } : t)) };
    const [item] = dischargeFollowUps(done, '2024-05-20T08:00:00Z');
    expect(item?.done).toBe(true);
    expect(item?.overdueDays).toBeUndefined();
    expect(item?.acknowledgedAt).toBe('2024-04-21T09:00:00Z');
  });

  it('lists open follow-ups first, soonest due first, and recognises a discharge task by its stay without the code', async () => {
    const data = await plan();
    const task = data.tasks.find((t) => t.id === SORTIE.task) as Task;
    const uncoded: Task = { ...task, id: 't9', code: undefined, restriction: { period: { end: '2024-04-10' } } };
    const closed: Task = { ...task, id: 't8', status: 'completed', restriction: { period: { end: '2024-04-01' } } };
    const more: PlanData = { ...data, tasks: [...data.tasks, uncoded, closed] };
    expect(isDischargeTask(uncoded, more)).toBe(true);
    expect(dischargeFollowUps(more, '2024-04-08').map((i) => i.task.id)).toEqual(['t9', SORTIE.task, 't8']);
    expect(activities(more).filter((r) => r.discharge).map((r) => r.id).sort()).toEqual(['TaskSortieGpFollowUpExample', 't8', 't9']);
  });

  it('does not take a plan task for a discharge, and has nothing to show for a person without one', async () => {
    const other = await loadPlan(testApi(RDR.patient), RDR.patient, RDR.gp);
    expect(other.tasks.map((t) => t.id)).toEqual(['TaskRdrAlcoolRecontactExample']);
    expect(isDischargeTask(other.tasks[0] as Task, other)).toBe(false);
    expect(dischargeFollowUps(other, '2024-04-10')).toEqual([]);
    const data = await plan();
    expect(dischargeFollowUps({ ...data, tasks: data.tasks.filter((t) => t.id !== SORTIE.task) })).toEqual([]);
  });
});
