// From findings to writes. One Flag and one re-contact Task per person and rule, with ids derived from the person
// and the rule: PUT on that id is idempotent, so two passes (concurrent, or after a restart) that see the same data
// write the same resource and can never make a second active Flag. A conditional create (If-None-Exist) would
// give the same only where the server serialises its check and its write; an id is a lock every R4 server that
// allows update-as-create honours. Only what changed is written.
import { createHash } from 'node:crypto';
import type { Bundle, CareTeam, Flag, Reference, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, ProfileUrl } from '@parcours/profiles';
import type { RuleCode } from './config.ts';
import { dateOf } from './dates.ts';
import { FLAG_IDENTIFIER_SYSTEM, TASK_IDENTIFIER_SYSTEM } from './gather.ts';
import type { Gathered, WatchedPerson } from './gather.ts';
import type { Finding } from './rules.ts';

export const FLAG_PROFILE = ProfileUrl.FlagCareBreak;
export const CARE_BREAK_RULE_SYSTEM = CodeSystemUrl.CareBreakRule;

const DISPLAY: Record<RuleCode, string> = {
  'sans-contact': 'Aucun contact depuis N jours',
  'rendez-vous-manques': 'Rendez-vous manqués à la suite',
  'suivi-sortie-non-fait': 'Suivi après sortie non fait',
  'tache-en-retard': 'Tâche en retard',
  'rendez-vous-a-cloturer': 'Rendez-vous passé à clôturer',
};

/** Identifier value of a person and rule: `<rule>|Patient/<id>`. */
export const keyOf = (rule: RuleCode, patient: string): string => `${rule}|${patient}`;

function idOf(prefix: string, rule: RuleCode, patient: string): string {
  return `${prefix}-${rule}-${createHash('sha256').update(patient).digest('hex').slice(0, 20)}`;
}

export const flagId = (rule: RuleCode, patient: string): string => idOf('veille', rule, patient);
export const taskId = (rule: RuleCode, patient: string): string => idOf('veille-tache', rule, patient);

const CLOSED_TASK = new Set(['completed', 'cancelled', 'failed', 'entered-in-error', 'rejected']);

/** The person's referent (referent-parcours-sante), else coordinator, among current participants; else the team. */
export function recontactOwner(teams: CareTeam[], today: string): Reference | undefined {
  const current = teams.flatMap((t) => t.participant ?? []).filter((p) => p.member?.reference && !p.member.reference.startsWith('Patient/') && (!p.period?.end || p.period.end >= today));
  const withRole = (code: string): Reference | undefined => current.find((p) => p.role?.some((r) => r.coding?.some((c) => c.system === CodeSystemUrl.CareTeamRole && c.code === code)))?.member;
  const member = withRole('referent-parcours-sante') ?? withRole('coordinateur');
  if (member?.reference) return { reference: member.reference };
  const team = teams.find((t) => t.id);
  return team ? { reference: `CareTeam/${team.id}` } : undefined;
}

function flagOf(rule: RuleCode, patient: string, device: string, period: Flag['period'], text: string, status: Flag['status'], existing?: Flag): Flag {
  return {
    resourceType: 'Flag',
    // A Flag that already carries this person and rule's identifier is updated in place, whatever its id.
    id: existing?.id ?? flagId(rule, patient),
    meta: { profile: [FLAG_PROFILE] },
    identifier: [{ system: FLAG_IDENTIFIER_SYSTEM, value: keyOf(rule, patient) }],
    status,
    code: { coding: [{ system: CARE_BREAK_RULE_SYSTEM, code: rule, display: DISPLAY[rule] }], text },
    subject: { reference: patient },
    period,
    author: { reference: device },
  };
}

function recontactTask(person: WatchedPerson, finding: Finding, device: string, today: number, owner: Reference, flagRef: string): Task {
  // The owner's type comes from the team (a practitioner, role, organisation or the team itself).
  const taskOwner = owner as NonNullable<Task['owner']>;
  const plan = person.plans.find((p) => p.id);
  return {
    resourceType: 'Task',
    id: taskId(finding.rule, person.patient),
    meta: { profile: [ProfileUrl.Task] },
    identifier: [{ system: TASK_IDENTIFIER_SYSTEM, value: keyOf(finding.rule, person.patient) }],
    status: 'requested',
    intent: 'plan',
    code: { coding: [{ system: CodeSystemUrl.TaskCode, code: 'relance-rupture' }] },
    description: `Veille des ruptures de soins : ${finding.text.split(' / ')[0]}. Reprendre contact avec la personne. / Care-break watch: ${finding.text.split(' / ')[1] ?? ''}. Re-contact the person.`,
    for: { reference: person.patient },
    focus: { reference: `Flag/${flagRef}` },
    ...(plan ? { basedOn: [{ reference: `CarePlan/${plan.id}` }] } : {}),
    authoredOn: dateOf(today),
    requester: { reference: device },
    owner: taskOwner,
    restriction: { period: { end: dateOf(today + 7) } },
  };
}

export interface Reconciled {
  writes: (Flag | Task)[];
  raised: number;
  cleared: number;
  active: number;
}

/**
 * What to write so that the watch's Flags and Tasks match the findings, for the people in `people` and the keys of
 * `scope` (all watched people and every existing Flag on a full pass; the changed people on an incremental one).
 */
export function reconcile(data: Gathered, findings: Map<string, Finding[]>, scope: Set<string>, device: string, today: number): Reconciled {
  const out: Reconciled = { writes: [], raised: 0, cleared: 0, active: 0 };
  const day = dateOf(today);
  const wanted = new Map<string, { person: WatchedPerson; finding: Finding }>();
  for (const [patient, list] of findings) {
    const person = data.people.get(patient);
    if (person) for (const finding of list) wanted.set(keyOf(finding.rule, patient), { person, finding });
  }
  for (const [key, { person, finding }] of wanted) {
    out.active++;
    const existing = data.flags.get(key);
    const start = dateOf(finding.start);
    const task = data.tasks.get(key);
    if (existing?.status === 'active') {
      if (existing.period?.start !== start || existing.code?.text !== finding.text) {
        out.writes.push(flagOf(finding.rule, person.patient, device, { start }, finding.text, 'active', existing));
      }
      if (task) continue;
    } else {
      out.raised++;
      out.writes.push(flagOf(finding.rule, person.patient, device, { start }, finding.text, 'active', existing));
    }
    const owner = recontactOwner(person.teams, day);
    if (owner) out.writes.push(recontactTask(person, finding, device, today, owner, existing?.id ?? flagId(finding.rule, person.patient)));
  }
  for (const [key, flag] of data.flags) {
    const patient = flag.subject?.reference ?? '';
    if (wanted.has(key) || !scope.has(patient) || flag.status !== 'active') continue;
    const rule = flag.code?.coding?.find((c) => c.system === CARE_BREAK_RULE_SYSTEM)?.code as RuleCode | undefined;
    if (!rule) continue;
    out.cleared++;
    const start = flag.period?.start ?? day;
    out.writes.push(flagOf(rule, patient, device, { start, end: start > day ? start : day }, flag.code?.text ?? DISPLAY[rule], 'inactive', flag));
    const task = data.tasks.get(key);
    if (task && !CLOSED_TASK.has(task.status)) {
      out.writes.push({ ...task, status: 'completed', executionPeriod: { ...task.executionPeriod, end: day } });
    }
  }
  return out;
}

/** Transaction entries (PUT on the deterministic ids). */
export function entries(writes: (Flag | Task)[]): NonNullable<Bundle['entry']> {
  return writes.map((resource) => ({ resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } }));
}
