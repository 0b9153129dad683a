// Each rule raises and clears its Flag (and re-contact Task) on constructed histories, against a real FHIR server
// with real SMART Backend Services tokens; restarts and concurrent passes leave exactly one Flag per person and rule.
import type { Flag, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_IDENTIFIER_SYSTEM, TASK_IDENTIFIER_SYSTEM } from './gather.ts';
import { flagId, taskId } from './output.ts';
import { startWatchBackend } from './testing.ts';
import type { WatchBackend } from './testing.ts';
import { COORDINATOR, appointment, encounter, person, task } from './fixtures.test-helper.ts';

const NOW = new Date('2026-06-15T10:00:00Z');
let backend: WatchBackend;

beforeAll(async () => {
  backend = await startWatchBackend();
});
afterAll(async () => {
  await backend.close();
});

async function read<T extends Flag | Task>(type: T['resourceType'], id: string): Promise<T> {
  return (await backend.fhir.repository.readResource(type, id)) as T;
}

async function flagsOf(patient: string): Promise<Flag[]> {
  const bundle = await backend.fhir.repository.search<Flag>({ resourceType: 'Flag', count: 100, filters: [{ code: 'patient', operator: 'eq' as never, value: `Patient/${patient}` }] });
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

const RECENT = '2026-06-08T10:00:00+02:00';

const SCENARIOS = [
  {
    rule: 'sans-contact', patient: 'w-contact', start: '2026-05-13',
    history: () => [encounter('w-contact', 'w-contact-e1', '2026-04-01T10:00:00+02:00')],
    clear: () => [encounter('w-contact', 'w-contact-e2', '2026-06-14T10:00:00+02:00')],
  },
  {
    rule: 'rendez-vous-manques', patient: 'w-missed', start: '2026-06-10',
    history: () => [encounter('w-missed', 'w-missed-e1', '2026-06-01T10:00:00+02:00'), appointment('w-missed', 'w-missed-a1', '2026-06-05T10:00:00+02:00', 'noshow'), appointment('w-missed', 'w-missed-a2', '2026-06-10T10:00:00+02:00', 'noshow')],
    clear: () => [appointment('w-missed', 'w-missed-a3', '2026-06-12T10:00:00+02:00', 'fulfilled')],
  },
  {
    rule: 'suivi-sortie-non-fait', patient: 'w-discharge', start: '2026-06-11',
    history: () => [encounter('w-discharge', 'w-discharge-e1', RECENT), task('w-discharge', 'w-discharge-t1', 'suivi-post-sortie', '2026-06-10', 'requested')],
    clear: () => [task('w-discharge', 'w-discharge-t1', 'suivi-post-sortie', '2026-06-10', 'completed')],
  },
  {
    rule: 'tache-en-retard', patient: 'w-overdue', start: '2026-06-04',
    history: () => [encounter('w-overdue', 'w-overdue-e1', RECENT), task('w-overdue', 'w-overdue-t1', 'orientation', '2026-05-20', 'in-progress')],
    clear: () => [task('w-overdue', 'w-overdue-t1', 'orientation', '2026-05-20', 'completed')],
  },
  {
    rule: 'rendez-vous-a-cloturer', patient: 'w-booked', start: '2026-06-13',
    history: () => [encounter('w-booked', 'w-booked-e1', RECENT), appointment('w-booked', 'w-booked-a1', '2026-06-12T10:00:00+02:00', 'booked')],
    clear: () => [appointment('w-booked', 'w-booked-a1', '2026-06-12T10:00:00+02:00', 'cancelled')],
  },
] as const;

describe('rules on constructed histories', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.rule}: raises one Flag from the day the rule was crossed, then clears it with its Task`, async () => {
      await backend.put([...person(scenario.patient), ...scenario.history()]);
      const watch = backend.watch({ now: () => NOW });
      await watch.fullPass();
      const flags = await flagsOf(scenario.patient);
      expect(flags.map((f) => [f.code?.coding?.[0]?.code, f.status, f.period?.start])).toEqual([[scenario.rule, 'active', scenario.start]]);
      const flag = flags[0] as Flag;
      expect(flag.author?.reference).toBe('Device/parcours-watch');
      expect(flag.identifier).toEqual([{ system: FLAG_IDENTIFIER_SYSTEM, value: `${scenario.rule}|Patient/${scenario.patient}` }]);
      const recontact = await read<Task>('Task', taskId(scenario.rule, `Patient/${scenario.patient}`));
      expect(recontact).toMatchObject({ status: 'requested', owner: { reference: COORDINATOR }, focus: { reference: `Flag/${flag.id}` }, for: { reference: `Patient/${scenario.patient}` } });
      expect(recontact.identifier?.[0]?.system).toBe(TASK_IDENTIFIER_SYSTEM);

      await backend.put([...scenario.clear()]);
      const result = await watch.incrementalPass();
      expect(result.kind).toBe('incremental');
      expect(result.cleared).toBe(1);
      const cleared = await read<Flag>('Flag', flagId(scenario.rule, `Patient/${scenario.patient}`));
      expect([cleared.status, cleared.period]).toEqual(['inactive', { start: scenario.start, end: '2026-06-15' }]);
      const done = await read<Task>('Task', taskId(scenario.rule, `Patient/${scenario.patient}`));
      expect([done.status, done.executionPeriod?.end]).toEqual(['completed', '2026-06-15']);
      expect((await flagsOf(scenario.patient)).length).toBe(1);
    });
  }
});

describe('idempotence', () => {
  it('a restarted watch writes nothing when nothing changed', async () => {
    await backend.put([...person('w-restart'), encounter('w-restart', 'w-restart-e1', '2026-03-01T10:00:00+01:00')]);
    const first = await backend.watch({ now: () => NOW }).fullPass();
    expect(first.raised).toBeGreaterThanOrEqual(1);
    const again = await backend.watch({ now: () => NOW }).fullPass();
    expect([again.writes, again.raised, again.cleared]).toEqual([0, 0, 0]);
    expect((await flagsOf('w-restart')).map((f) => f.status)).toEqual(['active']);
  });

  it('two concurrent passes of two watches leave one active Flag per person and rule', async () => {
    await backend.put([...person('w-twice'), appointment('w-twice', 'w-twice-a1', '2026-06-01T10:00:00+02:00', 'noshow'), appointment('w-twice', 'w-twice-a2', '2026-06-03T10:00:00+02:00', 'noshow')]);
    const [a, b] = [backend.watch({ now: () => NOW }), backend.watch({ now: () => NOW })];
    await Promise.all([a.fullPass(), b.fullPass(), a.fullPass(), b.fullPass()]);
    const flags = await flagsOf('w-twice');
    const codes = flags.map((f) => `${f.code?.coding?.[0]?.code}:${f.status}`).sort();
    expect(codes).toEqual(['rendez-vous-manques:active', 'sans-contact:active']);
  });

  it('a Flag cleared then crossed again is the same resource, active again from the new day', async () => {
    await backend.put([...person('w-again'), encounter('w-again', 'w-again-e1', '2026-06-10T10:00:00+02:00'), appointment('w-again', 'w-again-a1', '2026-06-11T10:00:00+02:00', 'booked')]);
    const watch = backend.watch({ now: () => NOW });
    await watch.fullPass();
    await backend.put([appointment('w-again', 'w-again-a1', '2026-06-11T10:00:00+02:00', 'fulfilled')]);
    await watch.fullPass();
    await backend.put([appointment('w-again', 'w-again-a2', '2026-06-13T10:00:00+02:00', 'booked')]);
    await watch.fullPass();
    const flags = await flagsOf('w-again');
    expect(flags.map((f) => [f.status, f.period])).toEqual([['active', { start: '2026-06-14' }]]);
    expect((await read<Task>('Task', taskId('rendez-vous-a-cloturer', 'Patient/w-again'))).status).toBe('requested');
  });

  it('a closed plan clears its person\'s Flags', async () => {
    const [patient, team, plan] = person('w-closed');
    await backend.put([patient!, team!, plan!]);
    const watch = backend.watch({ now: () => NOW });
    await watch.fullPass();
    expect((await flagsOf('w-closed')).map((f) => f.status)).toEqual(['active']);
    await backend.put([{ ...plan!, status: 'completed' } as typeof plan & object]);
    await watch.incrementalPass();
    expect((await flagsOf('w-closed')).map((f) => f.status)).toEqual(['inactive']);
  });
});
