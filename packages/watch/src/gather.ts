// Reads what the rules need with standard R4 searches only (status, date, category, identifier, patient, _sort,
// _count, _elements): the active shared plans and teams, finished encounters and appointments of the look-back
// window, past appointments still booked, open tasks, and the watch's own Flags and Tasks. With `patients`, the
// same searches restricted to those people (the incremental pass).
import type { Appointment, CarePlan, CareTeam, Encounter, Flag, Resource, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl, EncounterTypeCode } from '@parcours/profiles';
import type { WatchClient } from './client.ts';
import type { WatchRules } from './config.ts';
import { lookbackDays } from './config.ts';
import { dateOf } from './dates.ts';
import type { PersonData } from './rules.ts';

export const FLAG_IDENTIFIER_SYSTEM = 'https://fhir.parcours.fr/identifier/watch-flag';
export const TASK_IDENTIFIER_SYSTEM = 'https://fhir.parcours.fr/identifier/watch-task';

export interface WatchedPerson extends PersonData {
  programme: string | undefined;
}

export interface Gathered {
  people: Map<string, WatchedPerson>;
  /** The watch's Flags and Tasks by identifier value (`<rule>|Patient/<id>`). */
  flags: Map<string, Flag>;
  tasks: Map<string, Task>;
}

/** `Patient/<id>` of a reference (relative or absolute), else undefined. */
export function patientOf(reference: string | undefined): string | undefined {
  const m = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(reference ?? '');
  return m ? `Patient/${m[1]}` : undefined;
}

const ACTIVE_OR_FAILED_TASK = 'draft,requested,received,accepted,ready,in-progress,on-hold,failed';
const CHUNK = 40;

async function searchFor<T extends Resource>(client: WatchClient, type: T['resourceType'], params: Record<string, string | string[]>, patients: string[] | undefined): Promise<T[]> {
  if (!patients) return client.searchAll<T>(type, params);
  const out: T[] = [];
  for (let i = 0; i < patients.length; i += CHUNK) out.push(...(await client.searchAll<T>(type, { ...params, patient: patients.slice(i, i + CHUNK).join(',') })));
  return out;
}

/**
 * A held contact with the person: any finished Encounter of theirs except their review in a synthesis meeting
 * (`revue-synthese`), which the team holds without them.
 */
const isContact = (e: Encounter): boolean => !(e.type ?? []).some((t) => t.coding?.some((c) => c.system === CodeSystemUrl.EncounterType && c.code === EncounterTypeCode.CaseReview));

const identifierValue = (r: Flag | Task, system: string): string | undefined => r.identifier?.find((i) => i.system === system)?.value;

/** Runs `work` over items, `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) await work(items[index++] as T);
  });
  await Promise.all(runners);
}

export async function gather(client: WatchClient, rules: WatchRules, today: number, patients?: string[]): Promise<Gathered> {
  const windowStart = dateOf(today - lookbackDays(rules));
  const tomorrow = dateOf(today + 1);
  const [plans, teams, encounters, appointments, oldBooked, tasks, flags, watchTasks] = await Promise.all([
    searchFor<CarePlan>(client, 'CarePlan', { status: 'active', category: `${CodeSystemUrl.CarePlanCategory}|plan-partage`, _elements: 'subject,period,activity,careTeam' }, patients),
    searchFor<CareTeam>(client, 'CareTeam', { status: 'active', _elements: 'subject,participant,managingOrganization' }, patients),
    searchFor<Encounter>(client, 'Encounter', { status: 'finished', date: `ge${windowStart}`, _elements: 'subject,period,type' }, patients),
    searchFor<Appointment>(client, 'Appointment', { date: [`ge${windowStart}`, `lt${tomorrow}`], _elements: 'status,start,end,participant' }, patients),
    searchFor<Appointment>(client, 'Appointment', { status: 'booked', date: `lt${windowStart}`, _elements: 'status,start,end,participant' }, patients),
    searchFor<Task>(client, 'Task', { status: ACTIVE_OR_FAILED_TASK }, patients),
    searchFor<Flag>(client, 'Flag', { identifier: `${FLAG_IDENTIFIER_SYSTEM}|` }, patients),
    searchFor<Task>(client, 'Task', { identifier: `${TASK_IDENTIFIER_SYSTEM}|` }, patients),
  ]);
  const people = new Map<string, WatchedPerson>();
  for (const plan of plans) {
    const patient = patientOf(plan.subject?.reference);
    if (!patient) continue;
    const person = people.get(patient) ?? { patient, programme: undefined, plans: [], teams: [], encounters: [], appointments: [], tasks: [] };
    person.plans.push(plan);
    people.set(patient, person);
  }
  const add = <K extends 'teams' | 'encounters' | 'appointments' | 'tasks'>(key: K, patient: string | undefined, resource: WatchedPerson[K][number]): void => {
    const person = patient ? people.get(patient) : undefined;
    if (person) (person[key] as unknown[]).push(resource);
  };
  for (const team of teams) add('teams', patientOf(team.subject?.reference), team);
  for (const encounter of encounters) if (isContact(encounter)) add('encounters', patientOf(encounter.subject?.reference), encounter);
  for (const appointment of [...appointments, ...oldBooked]) {
    add('appointments', patientOf(appointment.participant.find((p) => patientOf(p.actor?.reference))?.actor?.reference), appointment);
  }
  for (const task of tasks) if (!identifierValue(task, TASK_IDENTIFIER_SYSTEM)) add('tasks', patientOf(task.for?.reference), task);
  for (const person of people.values()) {
    const org = person.teams.flatMap((t) => t.managingOrganization ?? []).map((o) => o.reference ?? '').find((ref) => rules.organizations[ref]);
    person.programme = org ? rules.organizations[org] : undefined;
  }
  // People with no contact in the window: the day of their last one, for the day the no-contact rule was crossed.
  const quiet = [...people.values()].filter((p) => p.encounters.length === 0);
  await eachLimited(quiet, 8, async (person) => {
    const recent = await client.searchAll<Encounter>('Encounter', { patient: person.patient, status: 'finished', date: `lt${windowStart}`, _sort: '-date', _count: '10', _elements: 'period,type' }, 1);
    const last = recent.find(isContact);
    const day = last?.period?.start ?? last?.period?.end;
    if (day) person.lastContactBefore = Math.round(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 86_400_000);
  });
  const byKey = <T extends Flag | Task>(items: T[], system: string): Map<string, T> => new Map(items.flatMap((r) => { const v = identifierValue(r, system); return v ? [[v, r] as [string, T]] : []; }));
  return { people, flags: byKey(flags, FLAG_IDENTIFIER_SYSTEM), tasks: byKey(watchTasks, TASK_IDENTIFIER_SYSTEM) };
}
