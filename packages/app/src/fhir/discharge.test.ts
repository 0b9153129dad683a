// The discharge inbox model over a plan loaded from the in-memory FHIR store (the exchange's shapes).
import type { Resource, Task } from '@medplum/fhirtypes';
import { examples } from '@parcours/profiles';
import { describe, expect, it } from 'vitest';
import { FHIR_BASE, FhirStore } from '../test/fhir-store.ts';
import { server } from '../test/msw.ts';
import { smartClient, testApi } from '../test/server.ts';
import { FhirApi } from './api.ts';
import { dischargeFollowUps, isDischargeTask } from './discharge.ts';
import { loadPlan } from './load-plan.ts';
import type { PlanData } from './load-plan.ts';
import { activities } from './plan-model.ts';

async function plan(): Promise<PlanData> {
  return loadPlan(testApi(), 'p1', 'Practitioner/gp');
}

describe('discharge follow-ups', () => {
  it('gathers the stay, the hospital, the summary, the medications and the message around the GP task', async () => {
    const data = await plan();
    const [item, ...rest] = dischargeFollowUps(data, '2025-01-10T08:00:00Z');
    expect(rest).toHaveLength(0);
    expect(item?.task.id).toBe('t3');
    expect(item?.hospital).toBe('Hôpital Nord – addictologie (fictif)');
    expect(item?.stayStart).toBe('2025-01-03T10:00:00+01:00');
    expect(item?.stayEnd).toBe('2025-01-08T11:00:00+01:00');
    expect(item?.dispositionCode).toBe('home');
    expect(item?.requester).toBe('Dr Anne Roux');
    expect(item?.owner).toBe('Dr Claire Durand');
    expect(item?.summary?.title).toBe('Compte rendu de sortie – sevrage alcool');
    expect(item?.summary?.sections.map((s) => s.title)).toEqual(['Séjour', 'Suites à donner', 'Traitements de sortie']);
    expect(item?.medications).toEqual(['Thiamine 250 mg — 1 comprimé matin et soir pendant 1 mois']);
    expect(item?.messages[0]?.[0]).toContain('Merci de la revoir sous 7 jours');
    expect(item?.withinDays).toBe(7);
    expect(item?.due).toBe('2025-01-15');
    expect(item?.overdueDays).toBeUndefined();
    expect(item?.done).toBe(false);
  });

  it('counts the days past due while the follow-up is open, not once acknowledged', async () => {
    const data = await plan();
    expect(dischargeFollowUps(data, '2025-01-20T08:00:00Z')[0]?.overdueDays).toBe(5);
    expect(dischargeFollowUps(data, '2025-01-15T22:00:00Z')[0]?.overdueDays).toBeUndefined();
    const t3 = data.tasks.find((t) => t.id === 't3') as Task;
    const done: PlanData = { ...data, tasks: data.tasks.map((t) => (t === t3 ? { ...t3, status: 'completed', executionPeriod: { end: '2025-01-21T09:00:00Z' } } : t)) };
    const [item] = dischargeFollowUps(done, '2025-02-20T08:00:00Z');
    expect(item?.done).toBe(true);
    expect(item?.overdueDays).toBeUndefined();
    expect(item?.acknowledgedAt).toBe('2025-01-21T09:00:00Z');
  });

  it('lists open follow-ups first, soonest due first, and recognises a discharge task by its stay without the code', async () => {
    const data = await plan();
    const t3 = data.tasks.find((t) => t.id === 't3') as Task;
    const uncoded: Task = { ...t3, id: 't9', code: undefined, restriction: { period: { end: '2025-01-12' } } };
    const closed: Task = { ...t3, id: 't8', status: 'completed', restriction: { period: { end: '2025-01-01' } } };
    const more: PlanData = { ...data, tasks: [...data.tasks, uncoded, closed] };
    expect(isDischargeTask(uncoded, more)).toBe(true);
    expect(isDischargeTask(data.tasks.find((t) => t.id === 't1') as Task, more)).toBe(false);
    expect(dischargeFollowUps(more, '2025-01-10').map((i) => i.task.id)).toEqual(['t9', 't3', 't8']);
    expect(activities(more).filter((r) => r.discharge).map((r) => r.id).sort()).toEqual(['t3', 't8', 't9']);
  });

  it('has nothing to show for a person without a discharge', async () => {
    const data = await plan();
    expect(dischargeFollowUps({ ...data, tasks: data.tasks.filter((t) => t.id !== 't3') })).toEqual([]);
  });
});

describe('the profiles\' discharge scenario (scenario-sortie-hospitaliere.fsh)', () => {
  it('is read as one follow-up, from the FSH examples themselves', async () => {
    const store = new FhirStore((examples as Resource[]).filter((r) => r.resourceType !== 'Bundle').map((r) => structuredClone(r)));
    server.use(...store.handlers());
    try {
      const api = new FhirApi(smartClient(), FHIR_BASE);
      const data = await loadPlan(api, 'PatientSortieExample', 'Practitioner/PractitionerSortieGpExample');
      expect(api.requestCount).toBe(3);
      const items = dischargeFollowUps(data, '2024-04-10T09:00:00+02:00');
      expect(items.map((i) => i.task.id)).toEqual(['TaskSortieGpFollowUpExample']);
      const [item] = items;
      expect(item?.hospital).toBe('Centre hospitalier de Roubaix – service d\'addictologie');
      expect(item?.dispositionCode).toBe('home');
      expect(item?.owner).toBe('Dr Pierre Dubois');
      expect(item?.requester).toBe('Dr Sophie Leroy');
      expect(item?.medications).toEqual(['Thiamine 250 mg, 1 comprimé matin et soir pendant 1 mois']);
      expect(item?.summary?.sections.map((s) => s.title)).toEqual(['Séjour', 'Suites à donner', 'Traitements de sortie']);
      expect(item?.messages[0]?.[0]).toContain('Merci de le revoir sous 7 jours');
      expect(item?.withinDays).toBe(7);
      expect(dischargeFollowUps(data, '2024-04-20T09:00:00+02:00')[0]?.overdueDays).toBe(6);
    } finally {
      server.resetHandlers();
    }
  });
});
