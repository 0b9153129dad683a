// The resources the forms write must pass the Parcours profiles (the real validator, as the app runs it).
import type { CarePlan, CareTeam, Goal, OperationOutcome, Resource, Task } from '@medplum/fhirtypes';
import { examples, PathwayStageCode } from '@parcours/profiles';
import { validate } from '@parcours/validator';
import { describe, expect, it } from 'vitest';
import * as build from './builders.ts';
import { obsValue } from './plan-model.ts';
import { cigarettesPerDay, observationWords } from './products.ts';
import { buildTransaction } from './writes.ts';

const errors = (o: OperationOutcome): string[] =>
  (o.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);

function example<T extends Resource>(type: T['resourceType']): T {
  const found = (examples as Resource[]).find((r) => r.resourceType === type && r.meta?.profile?.length);
  if (!found) throw new Error(`no ${type} example`);
  return structuredClone(found) as T;
}

const me = { reference: 'Practitioner/gp' };

describe('builders write valid Parcours resources', () => {
  it('consumption observations and AUDIT-C', () => {
    expect(errors(validate(build.consumptionObservation('p1', 'drinksPerDay', 3, '2025-01-02', me)))).toEqual([]);
    expect(errors(validate(build.auditC('p1', [2, 1, 0], '2025-01-02', me)))).toEqual([]);
  });

  it('cigarettes per day: the tobacco-use status its profile accepts, the count in a component the plan reads', () => {
    const tobacco = 'https://fhir.parcours.fr/StructureDefinition/parcours-observation-tobacco-use';
    const status = (perDay: number): string | undefined => build.consumptionObservation('p1', 'cigarettesPerDay', perDay, '2025-01-02', me).valueCodeableConcept?.coding?.[0]?.code;
    for (const perDay of [12, 0.5, 0]) {
      const o = build.consumptionObservation('p1', 'cigarettesPerDay', perDay, '2025-01-02', me);
      expect(o.meta?.profile).toEqual([tobacco]);
      expect(errors(validate(o, { profile: tobacco }))).toEqual([]);
      expect(errors(validate(o))).toEqual([]);
      expect(cigarettesPerDay(o)).toBe(perDay);
    }
    expect([status(12), status(0.5), status(0)]).toEqual(['449868002', '428041000124106', '8517006']);
    const twelve = build.consumptionObservation('p1', 'cigarettesPerDay', 12, '2025-01-02', me);
    expect(twelve.component?.[0]?.valueQuantity).toEqual({ value: 12, unit: 'cigarettes/jour', system: 'http://unitsofmeasure.org', code: '{cigarettes}/d' });
    expect(obsValue(twelve)).toBe(12);
    expect(observationWords(twelve, 'fr')).toBe('Tabac : fume tous les jours, 12 cigarettes par jour');
  });

  it('an AUDIT-C item out of range is rejected before sending', () => {
    expect(errors(validate(build.auditC('p1', [9, 4, 4], '2025-01-02', me))).length).toBeGreaterThan(0);
  });

  it('tasks: new, completed, rescheduled, reassigned', () => {
    const task = build.newTask('p1', 'cp1', 'Accompagner au CSAPA', { reference: 'Practitioner/sw' }, '2025-03-01', me);
    expect(errors(validate(task))).toEqual([]);
    expect(errors(validate(build.completeTask({ ...task, id: 't' } as Task)))).toEqual([]);
    expect(errors(validate(build.rescheduleTask(task, '2025-04-01')))).toEqual([]);
  });

  it('updates of the profiles’ own examples: goal, care team, stage', () => {
    const goal = example<Goal>('Goal');
    expect(errors(validate(build.updateGoal(goal, 'active', 'improving')))).toEqual([]);
    const team = example<CareTeam>('CareTeam');
    expect(errors(validate(build.endParticipation(team, 0, '2025-01-31')))).toEqual([]);
    expect(errors(validate(build.addParticipant(team, { reference: 'Practitioner/x' }, { code: 'psychologue', display: 'Psychologue' }, '2025-02-01')))).toEqual([]);
    const plan = example<CarePlan>('CarePlan');
    expect(errors(validate(build.moveStage(plan, PathwayStageCode.Coordinate, 'Coordination')))).toEqual([]);
  });

  it('the Provenance of a transaction', () => {
    const bundle = buildTransaction([{ resource: build.consumptionObservation('p1', 'drinksPerDay', 2, '2025-01-02') }], { fhirUser: 'Practitioner/gp', organization: { reference: 'Organization/o1' } });
    const provenance = bundle.entry?.at(-1)?.resource as Resource;
    expect(provenance.resourceType).toBe('Provenance');
    expect(errors(validate(provenance))).toEqual([]);
    expect(bundle.entry?.[0]?.fullUrl).toMatch(/^urn:uuid:/);
  });
});
