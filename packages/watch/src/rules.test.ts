// The rules as pure functions: thresholds per programme, intensive follow-ups, overrides and their errors.
import type { CarePlan } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { resolveRules, settingsFor } from './config.ts';
import { dayOf } from './dates.ts';
import { evaluate, isIntensive } from './rules.ts';
import type { PersonData } from './rules.ts';
import { appointment, encounter, person } from './fixtures.test-helper.ts';

const NOW = Date.parse('2026-06-15T10:00:00Z');
const TODAY = dayOf('2026-06-15') as number;

function data(lastContact: string, plan: Partial<CarePlan> = {}): PersonData {
  const [, team, base] = person('p');
  return { patient: 'Patient/p', plans: [{ ...(base as CarePlan), ...plan }], teams: [team as never], encounters: [encounter('p', 'e', lastContact)], appointments: [], tasks: [] };
}

describe('rules', () => {
  it('uses the programme of the team and its shorter threshold for intensive follow-ups', () => {
    const rules = resolveRules({ organizations: { 'Organization/watch-org': 'residence-sociale' } });
    const settings = settingsFor(rules, 'residence-sociale');
    expect(settings.noContactDays).toBe(56);
    expect(evaluate(data('2026-04-25T10:00:00+02:00'), settings, TODAY, NOW)).toEqual([]);
    const weekly: Partial<CarePlan> = { activity: [{ detail: { status: 'in-progress', scheduledTiming: { repeat: { frequency: 1, period: 1, periodUnit: 'wk' } } } }] };
    expect(isIntensive([data('2026-01-01', weekly).plans[0] as CarePlan])).toBe(true);
    expect(evaluate(data('2026-04-25T10:00:00+02:00', weekly), settings, TODAY, NOW).map((f) => [f.rule, f.start])).toEqual([['sans-contact', dayOf('2026-05-23')]]);
  });

  it('counts missed appointments only after the last contact held, and not those still to come', () => {
    const settings = settingsFor(resolveRules(), undefined);
    const p = data('2026-06-01T10:00:00+02:00');
    p.appointments = [appointment('p', 'a1', '2026-05-20T10:00:00+02:00', 'noshow'), appointment('p', 'a2', '2026-06-05T10:00:00+02:00', 'noshow'), appointment('p', 'a3', '2026-06-16T10:00:00+02:00', 'noshow')];
    expect(evaluate(p, settings, TODAY, NOW)).toEqual([]);
    p.appointments.push(appointment('p', 'a4', '2026-06-12T10:00:00+02:00', 'noshow'));
    expect(evaluate(p, settings, TODAY, NOW).map((f) => [f.rule, f.start])).toEqual([['rendez-vous-manques', dayOf('2026-06-12')]]);
    expect(evaluate(p, { ...settings, disabled: ['rendez-vous-manques'] }, TODAY, NOW)).toEqual([]);
  });

  it('refuses a bad override with a sentence naming the setting', () => {
    expect(() => resolveRules({ programmes: { referent: { noContactDays: 0 } } })).toThrow(/noContactDays must be a whole number of days/);
    expect(() => resolveRules({ defaults: { disabled: ['nope' as never] } })).toThrow(/unknown rule nope/);
    expect(resolveRules({ programmes: { referent: { missedInARow: 3 } } }).programmes.referent).toMatchObject({ missedInARow: 3, noContactDays: 42, overdueTaskDays: 10 });
  });
});
