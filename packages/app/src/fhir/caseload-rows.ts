// The caseload's rows (issue 14): one per person of the user's care teams, computed from the searches across
// people of caseload.ts. Pure functions, no React, no I/O, no words: codes and dates only, put into words by the
// workspace UI in the chosen language. "now" is passed in (tests fix it).
import type { Appointment, CarePlan, CareTeam, Encounter, Flag, Organization, Patient, Reference, Resource, Task } from '@medplum/fhirtypes';
import { CareTeamRoleCode, DISCHARGE_FOLLOW_UP_CODE, PATHWAY_STAGE_URL } from './codes.ts';
import { humanName, refLabel } from './labels.ts';
import { refKey } from './load-plan.ts';
import { isSynthesisMeeting } from './plan-model.ts';

/** CarePlan extension of the follow-up's intensity (MODEL.md), valueCoding from CodeSystem parcours-follow-up-intensity. */
export const INTENSITY_URL = 'https://fhir.parcours.fr/StructureDefinition/parcours-follow-up-intensity';

/** How a contact was held or is planned: Encounter.class / Appointment.appointmentType (v3-ActCode, MODEL.md). */
export type ContactMode = 'AMB' | 'VR' | 'HH' | 'FLD' | 'hospital' | 'other';

export interface RowContact {
  date: string;
  who: string;
  mode: ContactMode;
}

export interface CaseloadRow {
  patientId: string;
  name: string;
  /** Family name first, for sorting the way French lists are. */
  sortKey: string;
  birthDate?: string;
  /** The person's follow-up structure (CareTeam.managingOrganization): the programme they are followed in. */
  programme?: { key: string; label: string };
  /** Pathway stage code (parcours-pathway-stage) and its system, put into words by the UI. */
  stage?: { system?: string; code: string; display?: string };
  /** Intensity code (parcours-follow-up-intensity) when the plan carries one. */
  intensity?: string;
  lastContact?: RowContact;
  /** No held contact in the searched window: there was none since this day (the window's first day). */
  noContactSince?: string;
  nextAppointment?: RowContact;
  missedInARow: number;
  /** The watch's active care-break Flags: rule code and the day it was crossed. */
  careBreaks: { rule: string; since: string }[];
  /** Open tasks and plan activities past their due date (discharge follow-ups are counted apart). */
  overdueTasks: number;
  openDischarges: number;
  referent?: string;
  /** The user is this person's referent or coordinator (« mes personnes »); else a member of their team. */
  mine: boolean;
  /** Needs attention (« à voir »): an active care break, an overdue task or an open discharge follow-up. */
  attention: boolean;
}

/** What the searches across people returned (caseload.ts), plus who the user is. */
export interface CaseloadSources {
  patients: Patient[];
  careTeams: CareTeam[];
  carePlans: CarePlan[];
  flags: Flag[];
  tasks: Task[];
  encounters: Encounter[];
  appointments: Appointment[];
  /** Practitioners, roles and organisations, by `Type/id`. */
  refs: Map<string, Resource>;
  /** References that stand for the user: fhirUser and their PractitionerRoles. */
  me: ReadonlySet<string>;
  /** First day of the encounter window (YYYY-MM-DD). */
  windowStart: string;
}

const OPEN_TASK = new Set(['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);
const DISCHARGE_DONE = new Set(['completed', 'cancelled', 'rejected', 'entered-in-error']);
const HOSPITAL = new Set(['IMP', 'ACUTE', 'NONAC', 'SS', 'EMER', 'PRENC']);

const personOf = (ref: Reference | undefined): string | undefined => {
  const k = refKey(ref);
  return k?.startsWith('Patient/') ? k.slice('Patient/'.length) : undefined;
};

function groupBy<T>(list: T[], key: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    if (!k) continue;
    const bucket = out.get(k);
    if (bucket) bucket.push(x);
    else out.set(k, [x]);
  }
  return out;
}

export function contactMode(code: string | undefined): ContactMode {
  if (code === 'AMB' || code === 'VR' || code === 'HH' || code === 'FLD') return code;
  if (code && HOSPITAL.has(code)) return 'hospital';
  return 'other';
}

const dueOf = (t: Task): string | undefined => t.restriction?.period?.end ?? t.executionPeriod?.end;
const isDischarge = (t: Task): boolean => (t.code?.coding ?? []).some((c) => c.code === DISCHARGE_FOLLOW_UP_CODE);
const covers = (p: { start?: string; end?: string } | undefined, today: string): boolean => !p || ((!p.start || p.start.slice(0, 10) <= today) && (!p.end || p.end.slice(0, 10) >= today));
const hasRole = (roles: { coding?: { code?: string }[] }[] | undefined, code: string): boolean => (roles ?? []).some((r) => (r.coding ?? []).some((c) => c.code === code));

/** The person's referent (health-pathway referent, else coordinator) in their active team, and whether it is the user. */
function referentOf(teams: CareTeam[], s: CaseloadSources, today: string): { name?: string; mine: boolean } {
  const active = teams.flatMap((t) => (t.participant ?? []).filter((p) => covers(p.period, today) && p.member?.reference));
  const pick = active.find((p) => hasRole(p.role, CareTeamRoleCode.HealthPathwayReferent)) ?? active.find((p) => hasRole(p.role, CareTeamRoleCode.Coordinator));
  const mine = active.some((p) => (hasRole(p.role, CareTeamRoleCode.HealthPathwayReferent) || hasRole(p.role, CareTeamRoleCode.Coordinator)) && s.me.has(refKey(p.member) ?? ''));
  return { ...(pick ? { name: refLabel(pick.member, s.refs) } : {}), mine };
}

function who(refs: (Reference | undefined)[], s: CaseloadSources): string {
  return refs.filter((r) => r?.reference && !r.reference.includes('Patient/')).map((r) => refLabel(r, s.refs)).join(', ');
}

/** The latest held contact (started by now, not a synthesis meeting); the first listed of those starting together. */
function lastContactOf(encounters: Encounter[] | undefined, s: CaseloadSources, now: string): RowContact | undefined {
  // Latest first (a stable sort keeps the listed order among equal starts), so that the synthesis-meeting test, the
  // costly one, runs on the few latest only, not on every encounter of the window.
  const started = (encounters ?? []).filter((e) => e.period?.start && e.period.start <= now);
  started.sort((a, b) => {
    const x = a.period?.start ?? '';
    const y = b.period?.start ?? '';
    return x === y ? 0 : x < y ? 1 : -1;
  });
  const best = started.find((e) => !isSynthesisMeeting(e));
  return best ? { date: best.period?.start ?? '', who: who((best.participant ?? []).map((p) => p.individual), s), mode: contactMode(best.class?.code) } : undefined;
}

/** The first instant a whole day after `since`'s date (UTC midnight): what searches from `since` on surely hold. */
const dayAfter = (since: string): number => Date.parse(`${since.slice(0, 10)}T00:00:00Z`) + 86_400_000;

/**
 * The people with a held contact (as lastContactOf counts them) starting a whole day or more after `since`: the
 * searches from `since` on hold their last contact, whatever the server's time zone for a date without time.
 */
export function peopleWithContactAfter(encounters: readonly Encounter[], since: string, now: string): Set<string> {
  const after = dayAfter(since);
  const out = new Set<string>();
  for (const e of encounters) {
    const start = e.period?.start;
    const id = personOf(e.subject);
    if (!id || out.has(id) || !start || start > now || !(Date.parse(start) >= after) || isSynthesisMeeting(e)) continue;
    out.add(id);
  }
  return out;
}

const appointmentPerson = (a: Appointment): string | undefined => (a.participant ?? []).map((p) => personOf(p.actor)).find(Boolean);

/**
 * The people whose no-show run (missedInARow) the appointments from `since` on already end: a held contact, or an
 * appointment neither missed nor cancelled, a whole day or more after `since` (the searches from `since` on hold all
 * that follows it, whatever the server's time zone).
 */
export function peopleWithRunEndedAfter(appointments: readonly Appointment[], encounters: readonly Encounter[], since: string, now: string): Set<string> {
  const after = dayAfter(since);
  const out = peopleWithContactAfter(encounters, since, now);
  for (const a of appointments) {
    const id = appointmentPerson(a);
    if (!id || out.has(id) || !a.start || a.start > now || !(Date.parse(a.start) >= after)) continue;
    if (a.status === 'noshow' || a.status === 'cancelled' || a.status === 'entered-in-error') continue;
    out.add(id);
  }
  return out;
}

function sortKeyOf(patient: Patient): string {
  const n = patient.name?.find((x) => x.use === 'official') ?? patient.name?.[0];
  return [n?.family, ...(n?.given ?? [])].filter(Boolean).join(' ') || (n?.text ?? '');
}

function appointmentMode(a: Appointment): ContactMode {
  return contactMode(a.appointmentType?.coding?.find((c) => c.code)?.code);
}

/** Consecutive no-shows, most recent first, since the last held contact; cancellations do not break the run. */
function missedInARow(appointments: Appointment[], lastContact: string | undefined, now: string): number {
  const past = appointments.filter((a) => a.start && a.start <= now).sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''));
  let n = 0;
  for (const a of past) {
    if (lastContact && (a.start ?? '') < lastContact) break;
    if (a.status === 'cancelled' || a.status === 'entered-in-error') continue;
    if (a.status !== 'noshow') break;
    n++;
  }
  return n;
}

const CLOSED_ACTIVITY = new Set(['completed', 'cancelled', 'stopped', 'on-hold', 'entered-in-error']);

/** The plan's activities still open past their scheduled date: overdue too, as the plan's status line counts them. */
function lateActivities(plan: CarePlan | undefined, today: string): number {
  return (plan?.activity ?? []).filter((a) => {
    const d = a.detail;
    const due = d?.scheduledPeriod?.end ?? d?.scheduledPeriod?.start ?? d?.scheduledString ?? '';
    return d && !CLOSED_ACTIVITY.has(d.status) && /^\d{4}-\d{2}-\d{2}/.test(due) && due.slice(0, 10) < today;
  }).length;
}

function stageOf(plan: CarePlan | undefined): CaseloadRow['stage'] {
  const ext = plan?.extension?.find((e) => e.url === PATHWAY_STAGE_URL);
  const coding = ext?.valueCodeableConcept?.coding?.[0] ?? ext?.valueCoding;
  if (!coding?.code) return undefined;
  return { code: coding.code, ...(coding.system ? { system: coding.system } : {}), ...(coding.display ? { display: coding.display } : {}) };
}

function intensityOf(plan: CarePlan | undefined): string | undefined {
  return plan?.extension?.find((e) => e.url === INTENSITY_URL)?.valueCoding?.code;
}

/** One row per person of the user's care teams (the people the server let the searches reach). */
export function caseloadRows(s: CaseloadSources, now: string = new Date().toISOString()): CaseloadRow[] {
  const today = now.slice(0, 10);
  const teams = groupBy(s.careTeams, (t) => personOf(t.subject));
  const plans = groupBy(s.carePlans, (p) => personOf(p.subject));
  const flags = groupBy(s.flags.filter((f) => f.status === 'active'), (f) => personOf(f.subject));
  const tasks = groupBy(s.tasks, (t) => personOf(t.for));
  const encounters = groupBy(s.encounters, (e) => personOf(e.subject));
  const appointments = groupBy(s.appointments, appointmentPerson);
  const rows: CaseloadRow[] = [];
  for (const patient of s.patients) {
    const id = patient.id;
    if (!id) continue;
    const personTeams = teams.get(id) ?? [];
    const plan = (plans.get(id) ?? []).find((p) => p.status === 'active') ?? plans.get(id)?.[0];
    const org = personTeams.flatMap((t) => t.managingOrganization ?? [])[0];
    const orgKey = refKey(org);
    const last = lastContactOf(encounters.get(id), s, now);
    const personAppointments = appointments.get(id) ?? [];
    const next = personAppointments.filter((a) => a.status === 'booked' && a.start && a.start > now).sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))[0];
    const personTasks = tasks.get(id) ?? [];
    const overdue = personTasks.filter((t) => OPEN_TASK.has(t.status) && !isDischarge(t) && (dueOf(t)?.slice(0, 10) ?? '9999') < today).length + lateActivities(plan, today);
    const discharges = personTasks.filter((t) => isDischarge(t) && !DISCHARGE_DONE.has(t.status)).length;
    const careBreaks = (flags.get(id) ?? []).map((f) => ({ rule: f.code?.coding?.find((c) => c.code)?.code ?? '', since: f.period?.start ?? '' })).sort((a, b) => a.since.localeCompare(b.since));
    const referent = referentOf(personTeams, s, today);
    const stage = stageOf(plan);
    const intensity = intensityOf(plan);
    rows.push({
      patientId: id,
      name: humanName(patient.name) || id,
      sortKey: sortKeyOf(patient) || id,
      ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
      ...(orgKey ? { programme: { key: orgKey, label: refLabel(org, s.refs) || (org as Organization | undefined)?.name || orgKey } } : {}),
      ...(stage ? { stage } : {}),
      ...(intensity ? { intensity } : {}),
      ...(last ? { lastContact: last } : { noContactSince: s.windowStart }),
      ...(next?.start ? { nextAppointment: { date: next.start, who: who((next.participant ?? []).map((p) => p.actor), s), mode: appointmentMode(next) } } : {}),
      missedInARow: missedInARow(personAppointments, last?.date, now),
      careBreaks,
      overdueTasks: overdue,
      openDischarges: discharges,
      ...(referent.name ? { referent: referent.name } : {}),
      mine: referent.mine,
      attention: careBreaks.length > 0 || overdue > 0 || discharges > 0,
    });
  }
  return rows;
}

/** One collator for every sort (localeCompare with a locale builds one per call: thousands for 500 rows). */
const FRENCH = new Intl.Collator('fr');

export type CaseloadFilter = { scope: 'mine' | 'team'; attention: boolean; programme?: string; text?: string };
export type CaseloadSort = 'attention' | 'name' | 'lastContact' | 'careBreak' | 'nextAppointment';

/** Rows matching the filter, in the chosen order (ties by name, French collation). */
export function filterRows(rows: readonly CaseloadRow[], filter: CaseloadFilter, sort: CaseloadSort): CaseloadRow[] {
  const text = filter.text?.trim().toLocaleLowerCase('fr');
  const kept = rows.filter((r) => (filter.scope === 'team' || r.mine) && (!filter.attention || r.attention) && (!filter.programme || r.programme?.key === filter.programme) && (!text || r.name.toLocaleLowerCase('fr').includes(text)));
  const byName = (a: CaseloadRow, b: CaseloadRow): number => FRENCH.compare(a.sortKey, b.sortKey);
  const contactDay = (r: CaseloadRow): string => r.lastContact?.date ?? r.noContactSince ?? '';
  const breakDay = (r: CaseloadRow): string => r.careBreaks[0]?.since ?? '9999';
  const compare: Record<CaseloadSort, (a: CaseloadRow, b: CaseloadRow) => number> = {
    // Those needing attention first, the longest in a care break first, then the longest without contact.
    attention: (a, b) => Number(b.attention) - Number(a.attention) || breakDay(a).localeCompare(breakDay(b)) || contactDay(a).localeCompare(contactDay(b)),
    name: () => 0,
    lastContact: (a, b) => contactDay(a).localeCompare(contactDay(b)),
    careBreak: (a, b) => breakDay(a).localeCompare(breakDay(b)),
    nextAppointment: (a, b) => (a.nextAppointment?.date ?? '9999').localeCompare(b.nextAppointment?.date ?? '9999'),
  };
  return kept.sort((a, b) => compare[sort](a, b) || byName(a, b));
}

/** The programmes (follow-up structures) present in the rows, by name. */
export function programmes(rows: readonly CaseloadRow[]): { key: string; label: string; count: number }[] {
  const out = new Map<string, { key: string; label: string; count: number }>();
  for (const r of rows) {
    if (!r.programme) continue;
    const p = out.get(r.programme.key) ?? { ...r.programme, count: 0 };
    p.count++;
    out.set(r.programme.key, p);
  }
  return [...out.values()].sort((a, b) => FRENCH.compare(a.label, b.label));
}
