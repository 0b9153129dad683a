import { describe, expect, it } from 'vitest';
import { store, testApi } from '../test/server.ts';
import { loadPlan } from './load-plan.ts';


describe('loadPlan', () => {
  it('loads the whole plan of a GP in three requests', async () => {
    const api = testApi();
    const plan = await loadPlan(api, 'p1', 'Practitioner/gp');
    expect(api.requestCount).toBe(3);
    expect(plan.patient.name?.[0]?.family).toBe('Martin');
    expect(plan.carePlan?.id).toBe('cp1');
    expect(plan.goals.map((g) => g.id).sort()).toEqual(['g1', 'g2']);
    expect(plan.tasks).toHaveLength(2);
    expect(plan.encounters.map((e) => e.id)).toContain('e3');
    expect(plan.observations).toHaveLength(5);
    expect(plan.refs.get('Practitioner/psy')).toBeDefined();
    expect(plan.refs.get('Organization/o1')).toBeDefined();
    expect(plan.user.role).toBe('gp');
    expect(plan.user.organization?.reference).toBe('Organization/o1');
    expect(plan.hiddenCount).toBe(0);
  });

  it('withholds psychotherapy-labelled resources from a social worker', async () => {
    const plan = await loadPlan(testApi(), 'p1', 'Practitioner/sw');
    expect(plan.user.role).toBe('social-worker');
    expect(plan.encounters.map((e) => e.id)).not.toContain('e3');
    expect(plan.hiddenCount).toBe(1);
  });

  it('falls back to per-type searches and reads when the server ignores _revinclude and _include', async () => {
    const original = store.search.bind(store);
    store.search = (type, params) => {
      const stripped = new URLSearchParams([...params].filter(([k]) => !k.startsWith('_include') && k !== '_revinclude'));
      return original(type, stripped);
    };
    try {
      const api = testApi();
      const plan = await loadPlan(api, 'p1', 'Practitioner/gp');
      expect(plan.carePlan?.id).toBe('cp1');
      expect(plan.refs.get('Practitioner/sw')).toBeDefined();
      expect(api.requestCount).toBeGreaterThan(3);
    } finally {
      store.search = original;
    }
  });

  it('gives an unknown user the least-privileged role', async () => {
    const plan = await loadPlan(testApi(), 'p1', 'Practitioner/nobody');
    expect(plan.user.role).toBe('other');
    expect(plan.hiddenCount).toBe(1);
  });
});
