// What the meeting screen needs about the people it may put on the agenda, in a few searches over all of them
// (chunks of 40 people per request): their active plans and teams (who may attend, own a decision), the watch's
// Flags, open tasks and recent hospital stays (why they are on the agenda), the partner organisations, and the
// user's own role (their notes' label). Standard FHIR searches only.
import type { CarePlan, CareTeam, Encounter, Flag, Goal, Organization, PractitionerRole, Reference, Resource, Task } from '@medplum/fhirtypes';
import type { FhirApi } from '../../fhir/api.ts';
import { refLabel } from '../../fhir/labels.ts';
import { refKey } from '../../fhir/load-plan.ts';
import { roleFromPractitionerRoles } from '../../roles.ts';

export interface MeetingPerson {
  id: string;
  name: string;
}

export type AgendaReason = 'flagged' | 'overdue' | 'discharged';

export interface AgendaPerson extends MeetingPerson {
  reasons: AgendaReason[];
  carePlan?: CarePlan;
  careTeamId?: string;
  /** The plan's goals still being worked on: the meeting may record their progress. */
  goals: Goal[];
}

export interface AgendaData {
  people: AgendaPerson[];
  /** Professionals of the people's teams (PractitionerRole or Practitioner), named. */
  team: { reference: string; label: string }[];
  partners: { reference: string; display: string }[];
  recorder: string;
  recorderIsPsychologist: boolean;
  organization?: string;
}

const CHUNK = 40;
const OPEN_TASK = 'requested,received,accepted,ready,in-progress';
const OPEN_GOAL = 'proposed,planned,accepted,active,on-hold';
/** A hospital stay that ended this recently makes a person "newly discharged". */
const DISCHARGE_DAYS = 30;

async function byPeople(api: FhirApi, type: string, ids: string[], params: [string, string][]): Promise<Resource[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
  const pages = await Promise.all(chunks.map((c) => api.search(type, [['patient', c.map((id) => `Patient/${id}`).join(',')], ...params, ['_count', '500']])));
  return pages.flat();
}

const patientOf = (r: { subject?: Reference; for?: Reference }): string | undefined => refKey(r.subject ?? r.for)?.replace(/^Patient\//, '');

async function userRoles(api: FhirApi, fhirUser: string | undefined): Promise<Resource[]> {
  if (!fhirUser) return [];
  const [type, id] = fhirUser.split('/').slice(-2);
  if (!id) return [];
  const params: [string, string][] = type === 'PractitionerRole' ? [['_id', id]] : [['practitioner', `Practitioner/${id}`]];
  // With their Practitioner: the user's name among the attendees.
  return api.search('PractitionerRole', [...params, ['_include', 'PractitionerRole:practitioner']]).catch(() => []);
}

export async function loadAgenda(api: FhirApi, people: MeetingPerson[], fhirUser: string | undefined, now: string): Promise<AgendaData> {
  const ids = people.map((p) => p.id);
  const since = new Date(new Date(now).getTime() - DISCHARGE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [plans, teams, flags, tasks, stays, partners, mine, goals] = await Promise.all([
    byPeople(api, 'CarePlan', ids, [['status', 'active']]),
    byPeople(api, 'CareTeam', ids, [['status', 'active'], ['_include', 'CareTeam:participant'], ['_include:iterate', 'PractitionerRole:practitioner']]),
    byPeople(api, 'Flag', ids, []),
    byPeople(api, 'Task', ids, [['status', OPEN_TASK]]),
    byPeople(api, 'Encounter', ids, [['class', 'IMP'], ['date', `ge${since}`]]),
    api.search<Organization>('Organization', [['type', 'csapa,caarud,cmp'], ['_count', '100']]).catch(() => []),
    userRoles(api, fhirUser),
    byPeople(api, 'Goal', ids, [['lifecycle-status', OPEN_GOAL]]),
  ]);
  const refs = new Map<string, Resource>();
  for (const r of [...teams, ...mine]) if (r.id) refs.set(`${r.resourceType}/${r.id}`, r);
  const roles = mine.filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole');
  const today = now.slice(0, 10);
  const agenda = people.map((p): AgendaPerson => {
    const mine = <T extends Resource>(list: Resource[], type: string): T[] => list.filter((r): r is T => r.resourceType === type && patientOf(r as { subject?: Reference }) === p.id);
    const plan = mine<CarePlan>(plans, 'CarePlan')[0];
    const team = mine<CareTeam>(teams, 'CareTeam')[0];
    const reasons: AgendaReason[] = [];
    if (mine<Flag>(flags, 'Flag').some((f) => f.status === 'active' && !f.period?.end)) reasons.push('flagged');
    if (mine<Task>(tasks, 'Task').some((t) => (t.restriction?.period?.end ?? '9999').slice(0, 10) < today)) reasons.push('overdue');
    if (mine<Encounter>(stays, 'Encounter').some((e) => (e.period?.end ?? '').slice(0, 10) >= since)) reasons.push('discharged');
    // Only the goals the plan pursues (a Goal of another plan, or of none, is not this plan's to review).
    const planGoals = new Set((plan?.goal ?? []).map((g) => refKey(g)));
    const open = mine<Goal>(goals, 'Goal').filter((g) => planGoals.has(`Goal/${g.id}`));
    return { ...p, reasons, goals: open, ...(plan ? { carePlan: plan } : {}), ...(team?.id ? { careTeamId: team.id } : {}) };
  });
  const members = new Map<string, string>();
  for (const t of teams.filter((r): r is CareTeam => r.resourceType === 'CareTeam')) {
    for (const m of t.participant ?? []) {
      const k = refKey(m.member);
      if (k && /^(Practitioner|PractitionerRole)\//.test(k) && !m.period?.end) members.set(k, refLabel(m.member, refs));
    }
  }
  const role = roles[0];
  const recorder = role?.id ? `PractitionerRole/${role.id}` : fhirUser ?? '';
  if (recorder && !members.has(recorder)) members.set(recorder, refLabel({ reference: recorder }, refs));
  return {
    people: agenda,
    team: [...members].map(([reference, label]) => ({ reference, label })).sort((a, b) => a.label.localeCompare(b.label)),
    partners: partners.map((o) => ({ reference: `Organization/${o.id}`, display: o.name ?? '' })),
    recorder,
    recorderIsPsychologist: roleFromPractitionerRoles(roles) === 'psychologist',
    ...(role?.organization?.reference ? { organization: role.organization.reference } : {}),
  };
}
