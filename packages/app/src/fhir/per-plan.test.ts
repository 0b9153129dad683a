// perPlan over a plan loaded from the real FHIR server (the profiles' discharge scenario): one computation per plan
// data and language, a new one for a changed plan (usePlan's mergeResources gives a new object).
import type { Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhir, SORTIE, testApi } from '../test/server.ts';
import { mergeResources } from '../ui/usePlan.ts';
import { loadPlan } from './load-plan.ts';
import { perPlan } from './per-plan.ts';
import { activities } from './plan-model.ts';

beforeAll(() => fhir.reset());

describe('perPlan', () => {
  it('computes once per plan data and language, again for a changed plan', async () => {
    const data = await loadPlan(testApi(SORTIE.patient), SORTIE.patient, SORTIE.gp);
    let calls = 0;
    const count = perPlan((d, lang) => {
      calls++;
      return `${lang}:${d.tasks.length}`;
    });
    expect(count(data)).toBe(`fr:${data.tasks.length}`);
    expect(count(data, 'fr')).toBe(`fr:${data.tasks.length}`);
    expect(calls).toBe(1);
    expect(count(data, 'en')).toBe(`en:${data.tasks.length}`);
    expect(calls).toBe(2);
    const task: Task = { resourceType: 'Task', id: 'per-plan-new', status: 'requested', intent: 'order', description: 'Rappeler la personne', for: { reference: `Patient/${SORTIE.patient}` } };
    const changed = mergeResources(data, [task]);
    expect(count(changed)).toBe(`fr:${data.tasks.length + 1}`);
    expect(calls).toBe(3);
  });

  it("gives the plan's activities of a changed plan, not those remembered for the previous one", async () => {
    const data = await loadPlan(testApi(SORTIE.patient), SORTIE.patient, SORTIE.gp);
    const before = activities(data);
    expect(activities(data)).toBe(before);
    const task: Task = { resourceType: 'Task', id: 'per-plan-call', status: 'requested', intent: 'order', description: 'Appeler le CSAPA', for: { reference: `Patient/${SORTIE.patient}` } };
    const after = activities(mergeResources(data, [task]));
    expect(after.map((r) => r.description)).toContain('Appeler le CSAPA');
    expect(before.map((r) => r.description)).not.toContain('Appeler le CSAPA');
  });
});
