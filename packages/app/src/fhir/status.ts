// The status line (issue 17): what a GP must read in the first ten seconds, computed from the loaded plan. Pure
// functions, no React, no I/O; "now" and the user's previous visit are passed in (tests fix them).
import type { Resource } from '@medplum/fhirtypes';
import type { Lang } from '../i18n/dict.ts';
import { careBreakFlags } from './care-breaks.ts';
import type { CareBreakFlag } from './care-breaks.ts';
import { dischargeFollowUps } from './discharge.ts';
import type { PlanData } from './load-plan.ts';
import { activities, encounterRows, isSynthesisMeeting, obsDate, pathwayStage } from './plan-model.ts';
import type { Mode } from './plan-model.ts';

const DAY = 86_400_000;
/** Same threshold as the care breaks drawn on the chart and the timeline (plan-model.ts careBreaks). */
export const CARE_BREAK_DAYS = 60;
/** Below a care break, a quiet spell still worth a word. */
export const QUIET_DAYS = 28;

export interface Contact {
  date: string;
  who: string;
  mode: Mode;
  label: string;
}

export interface Overdue {
  description: string;
  due: string;
  days: number;
  owner: string;
}

export type ChangeKind = 'observations' | 'contacts' | 'tasks' | 'team' | 'discharges' | 'meetings';

export interface PlanStatus {
  lastContact?: Contact;
  nextAppointment?: Contact;
  /** Whole weeks since the last held contact (or since the plan started when there is none), when ≥ QUIET_DAYS. */
  weeksWithoutContact?: number;
  /**
   * A care break is going on: the watch's active Flags say so when the person has any Flag (the watch looks after
   * them); without the watch, more than CARE_BREAK_DAYS without a held contact.
   */
  careBreak: boolean;
  /** The watch's active Flags (rule in words, since when), oldest first. */
  careBreakFlags: CareBreakFlag[];
  /** Consecutive missed appointments, most recent first, when ≥ 1. */
  missedInARow: number;
  overdue: Overdue[];
  /** Open tasks due today: not late yet, but for today. */
  dueToday: Overdue[];
  openDischarges: { hospital: string; overdueDays?: number }[];
  stage?: string;
  /** What changed since the user's previous visit; undefined on a first visit on this device. */
  changes?: Partial<Record<ChangeKind, number>>;
}

const CLOSED = new Set(['completed', 'cancelled', 'failed', 'rejected', 'entered-in-error', 'stopped', 'on-hold']);
const time = (d: string): number => new Date(d).getTime();
const dayOf = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

/** When a resource last changed on the server, else its clinical date. */
function changedAt(r: Resource, clinical: string | undefined): number {
  const at = r.meta?.lastUpdated ?? clinical;
  return at ? time(at) : Number.NaN;
}

function changesSince(data: PlanData, since: number): Partial<Record<ChangeKind, number>> {
  const count = <T extends Resource>(list: T[], clinical: (r: T) => string | undefined): number => list.filter((r) => changedAt(r, clinical(r)) > since).length;
  const out: Partial<Record<ChangeKind, number>> = {
    observations: count(data.observations, obsDate),
    contacts: count(data.encounters.filter((e) => !isSynthesisMeeting(e)), (e) => e.period?.start) + count(data.appointments, (a) => a.start),
    tasks: count(data.tasks, (t) => t.authoredOn),
    team: count(data.careTeams, () => undefined),
    discharges: count(data.compositions, (c) => c.date),
    meetings: count(data.encounters.filter(isSynthesisMeeting), (e) => e.period?.start),
  };
  for (const k of Object.keys(out) as ChangeKind[]) if (!out[k]) delete out[k];
  return out;
}

/** The plan's status at `now`, and what changed since `previousVisit` (an ISO instant) when there was one. */
export function planStatus(data: PlanData, lang: Lang = 'fr', now: string = new Date().toISOString(), previousVisit?: string): PlanStatus {
  const nowMs = time(now);
  const rows = encounterRows(data, lang);
  const past = rows.filter((r) => r.date && time(r.date) <= nowMs);
  const held = past.filter((r) => r.attendance === 'held');
  const last = held[0];
  const next = rows.filter((r) => r.attendance === 'scheduled' && r.date && time(r.date) > nowMs).at(-1);
  let missedInARow = 0;
  for (const r of past) {
    if (r.mode === 'hospital' || r.attendance === 'cancelled') continue;
    if (r.attendance !== 'noShow') break;
    missedInARow++;
  }
  const from = last?.date ?? data.carePlan?.period?.start;
  const today = dayOf(now);
  const quietDays = from ? Math.round((dayOf(now) - dayOf(from)) / DAY) : undefined;
  const open = activities(data, lang)
    .filter((a) => !CLOSED.has(a.status) && /^\d{4}-\d{2}-\d{2}/.test(a.due) && dayOf(a.due) <= today)
    .map((a) => ({ description: a.description, due: a.due, days: Math.round((today - dayOf(a.due)) / DAY), owner: a.owner }))
    .sort((a, b) => b.days - a.days);
  const overdue = open.filter((a) => a.days > 0);
  const dueToday = open.filter((a) => a.days === 0);
  const flags = careBreakFlags(data, lang, now);
  const activeFlags = flags.filter((f) => f.active).sort((a, b) => a.since.localeCompare(b.since));
  const quietBreak = quietDays !== undefined && quietDays > CARE_BREAK_DAYS && data.carePlan?.status === 'active';
  const openDischarges = dischargeFollowUps(data, now)
    .filter((d) => !d.done)
    .map((d) => ({ hospital: d.hospital, ...(d.overdueDays ? { overdueDays: d.overdueDays } : {}) }));
  const stage = pathwayStage(data.carePlan, lang)?.label;
  const since = previousVisit ? time(previousVisit) : Number.NaN;
  return {
    ...(last ? { lastContact: { date: last.date, who: last.who, mode: last.mode, label: last.label } } : {}),
    ...(next ? { nextAppointment: { date: next.date, who: next.who, mode: next.mode, label: next.label } } : {}),
    ...(quietDays !== undefined && quietDays >= QUIET_DAYS ? { weeksWithoutContact: Math.floor(quietDays / 7) } : {}),
    careBreak: flags.length > 0 ? activeFlags.length > 0 : quietBreak,
    careBreakFlags: activeFlags,
    missedInARow,
    overdue,
    dueToday,
    openDischarges,
    ...(stage ? { stage } : {}),
    ...(Number.isNaN(since) ? {} : { changes: changesSince(data, since) }),
  };
}
