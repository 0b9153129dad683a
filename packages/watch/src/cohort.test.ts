// On the generated cohort, the set of active Flags (person, rule) equals the set this test computes on its own
// from the raw resources, with the rules' definitions written again here (no window, no paging, no shared code
// besides the thresholds); and the cohort itself writes no Flag.
import type { Appointment, CarePlan, CareTeam, Encounter, Flag, Resource, Task } from '@medplum/fhirtypes';
import { generateCohort, programmeOrganizations } from '@parcours/cohort';
import { CodeSystemUrl } from '@parcours/profiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRules, settingsFor } from './config.ts';
import type { RuleSettings } from './config.ts';
import { startWatchBackend } from './testing.ts';
import type { WatchBackend } from './testing.ts';

// A week after the cohort's last day, as on the sandbox when issue 14 was measured (past appointments still booked).
const NOW = new Date('2026-12-01T11:00:00Z');
const TODAY = Date.UTC(2026, 11, 1) / 86_400_000;
const day = (s: string | undefined): number => Date.parse(`${(s ?? '').slice(0, 10)}T00:00:00Z`) / 86_400_000;
const organizations = programmeOrganizations();
const rules = resolveRules({ organizations });

function expected(resources: Resource[]): Set<string> {
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const out = new Set<string>();
  const plans = of<CarePlan>('CarePlan').filter((p) => p.status === 'active' && p.category?.some((c) => c.coding?.some((x) => x.code === 'plan-partage')));
  for (const plan of plans) {
    const patient = plan.subject?.reference ?? '';
    const team = of<CareTeam>('CareTeam').find((t) => t.status === 'active' && t.subject?.reference === patient);
    const settings: RuleSettings = settingsFor(rules, organizations[team?.managingOrganization?.[0]?.reference ?? '']);
    const weekly = (plan.activity ?? []).some((a) => {
      const r = a.detail?.scheduledTiming?.repeat;
      if (!r || ['completed', 'cancelled', 'stopped', 'entered-in-error'].includes(a.detail?.status ?? '')) return false;
      return (r.periodUnit === 'd' && (r.period ?? 99) / (r.frequency ?? 1) <= 7) || (r.periodUnit === 'wk' && (r.period ?? 99) / (r.frequency ?? 1) <= 1);
    });
    // A held contact: not the person's review in a synthesis meeting (the team holds it without them).
    const review = (e: Encounter): boolean => (e.type ?? []).some((t) => t.coding?.some((c) => c.code === 'revue-synthese'));
    const held = of<Encounter>('Encounter').filter((e) => e.subject?.reference === patient && e.status === 'finished' && !review(e) && Date.parse(e.period?.start ?? '') <= NOW.getTime());
    const last = Math.max(day(plan.period?.start), ...held.map((e) => day(e.period?.start)));
    if (TODAY - last >= (weekly ? settings.intensiveNoContactDays : settings.noContactDays)) out.add(`sans-contact|${patient}`);
    const mine = of<Appointment>('Appointment').filter((a) => a.participant.some((p) => p.actor?.reference === patient));
    const lastHeld = Math.max(-Infinity, ...held.map((e) => Date.parse(e.period?.start ?? '')), ...mine.filter((a) => a.status === 'fulfilled' && Date.parse(a.start ?? '') <= NOW.getTime()).map((a) => Date.parse(a.start ?? '')));
    const noshows = mine.filter((a) => a.status === 'noshow' && Date.parse(a.start ?? '') > lastHeld && Date.parse(a.start ?? '') <= NOW.getTime() && day(a.start) >= TODAY - settings.missedLookbackDays);
    if (noshows.length >= settings.missedInARow) out.add(`rendez-vous-manques|${patient}`);
    if (mine.some((a) => a.status === 'booked' && Date.parse(a.end ?? '') < NOW.getTime() && day(a.start) + settings.bookedGraceDays <= TODAY)) out.add(`rendez-vous-a-cloturer|${patient}`);
    const tasks = of<Task>('Task').filter((t) => t.for?.reference === patient);
    const code = (t: Task): string | undefined => t.code?.coding?.find((c) => c.system === CodeSystemUrl.TaskCode)?.code;
    if (tasks.some((t) => code(t) === 'suivi-post-sortie' && !['completed', 'cancelled', 'entered-in-error', 'rejected'].includes(t.status) && day(t.restriction?.period?.end) < TODAY)) out.add(`suivi-sortie-non-fait|${patient}`);
    if (tasks.some((t) => code(t) !== 'suivi-post-sortie' && ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'].includes(t.status) && TODAY - day(t.restriction?.period?.end) > settings.overdueTaskDays)) out.add(`tache-en-retard|${patient}`);
  }
  return out;
}

let backend: WatchBackend;
let cohort: Resource[];

beforeAll(async () => {
  backend = await startWatchBackend();
  cohort = generateCohort({ people: 120 });
  await backend.put(cohort);
});
afterAll(async () => {
  await backend.close();
});

describe('the watch on the generated cohort', () => {
  it('the cohort writes no Flag: they come from the data alone', () => {
    expect(cohort.filter((r) => r.resourceType === 'Flag')).toEqual([]);
  });

  it('flags exactly the (person, rule) pairs computed independently from the data', async () => {
    const result = await backend.watch({ now: () => NOW, rules: { organizations } }).fullPass();
    const bundle = await backend.fhir.repository.search<Flag>({ resourceType: 'Flag', count: 1000 });
    const flagged = new Set((bundle.entry ?? []).flatMap((e) => (e.resource?.status === 'active' ? [`${e.resource.code?.coding?.[0]?.code}|${e.resource.subject?.reference}`] : [])));
    const want = expected(cohort);
    expect(want.size).toBeGreaterThan(20);
    expect([...flagged].sort()).toEqual([...want].sort());
    expect(result.active).toBe(want.size);
    const byRule: Record<string, number> = {};
    for (const key of want) byRule[key.split('|')[0] ?? ''] = (byRule[key.split('|')[0] ?? ''] ?? 0) + 1;
    console.log(`[watch] cohort of 120 on 2026-12-01: ${result.people} people watched, ${want.size} active flags ${JSON.stringify(byRule)}`);
    expect(Object.keys(byRule).sort()).toEqual(['rendez-vous-a-cloturer', 'rendez-vous-manques', 'sans-contact', 'suivi-sortie-non-fait', 'tache-en-retard']);
  });
});
