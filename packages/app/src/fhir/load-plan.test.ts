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
    expect(plan.tasks).toHaveLength(3);
    // Hospital discharge: summary, notification, and the medications the summary lists, in the same requests.
    expect(plan.compositions.map((c) => c.id)).toEqual(['comp1']);
    expect(plan.communications.map((c) => c.id)).toEqual(['com1']);
    expect(plan.medicationRequests.map((m) => m.id)).toEqual(['mr1']);
    expect(plan.refs.get('Organization/hosp')).toBeDefined();
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
      expect(plan.compositions.map((c) => c.id)).toEqual(['comp1']);
      expect(plan.medicationRequests.map((m) => m.id)).toEqual(['mr1']);
      expect(plan.refs.get('Organization/hosp')).toBeDefined();
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

describe('observation history', () => {
  it('shows the latest page first and fetches older pages after', async () => {
    const { FhirStore, FHIR_BASE } = await import('../test/fhir-store.ts');
    const { server } = await import('../test/msw.ts');
    const { fixtures } = await import('../test/fixtures.ts');
    const { FhirApi } = await import('./api.ts');
    const { smartClient } = await import('../test/server.ts');
    const { loadMoreObservations } = await import('./load-plan.ts');
    const many = Array.from({ length: 1203 }, (_, i) => ({
      resourceType: 'Observation' as const,
      id: `h${i}`,
      status: 'final' as const,
      code: { coding: [{ system: 'http://loinc.org', code: '74013-4' }] },
      subject: { reference: 'Patient/p1' },
      effectiveDateTime: new Date(Date.UTC(2022, 0, 1) + i * 86400000).toISOString(),
      valueQuantity: { value: i % 7 },
    }));
    const heavy = new FhirStore([...fixtures().filter((r) => r.resourceType !== 'Observation'), ...many]);
    server.use(...heavy.handlers());
    try {
      const api = new FhirApi(smartClient(), FHIR_BASE);
      const plan = await loadPlan(api, 'p1', 'Practitioner/gp');
      expect(api.requestCount).toBe(3);
      expect(plan.observations).toHaveLength(500);
      expect(plan.observations[0]?.id).toBe('h1202');
      const older = await loadMoreObservations(api, plan);
      expect(older).toHaveLength(703);
    } finally {
      server.resetHandlers();
    }
  });
});
