// The rules as pure functions of one person's data and today's date (day numbers). Each crossed rule gives a
// Finding with the day it was crossed (the Flag's period.start) and a bilingual sentence (the Flag's code.text).
import type { Appointment, CarePlan, CareTeam, Encounter, Task } from '@medplum/fhirtypes';
import { CodeSystemUrl } from '@parcours/profiles';
import type { RuleCode, RuleSettings } from './config.ts';
import { dateOf, dayOf } from './dates.ts';

/** What the watch knows of one person with an active shared plan. */
export interface PersonData {
  /** `Patient/<id>`. */
  patient: string;
  plans: CarePlan[];
  teams: CareTeam[];
  /** Finished encounters within the look-back window. */
  encounters: Encounter[];
  /** Day of the last finished encounter before the window (undefined: none, or not looked up). */
  lastContactBefore?: number;
  /** Appointments within the look-back window, plus any past appointment still booked. */
  appointments: Appointment[];
  /** Open or failed tasks, the watch's own excluded. */
  tasks: Task[];
}

export interface Finding {
  rule: RuleCode;
  /** Day number the rule was crossed. */
  start: number;
  text: string;
}

const DISCHARGE_CODE = 'suivi-post-sortie';
const OPEN_TASK = new Set(['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);
const DONE_TASK = new Set(['completed', 'cancelled', 'entered-in-error', 'rejected']);
const HELD_APPOINTMENT = new Set(['fulfilled', 'arrived', 'checked-in']);

const fr = (day: number): string => dateOf(day).split('-').reverse().join('/');

/** True when a plan activity still to do repeats at least weekly (an intensive follow-up). */
export function isIntensive(plans: CarePlan[]): boolean {
  return plans.some((plan) =>
    (plan.activity ?? []).some((activity) => {
      const detail = activity.detail;
      if (!detail || ['completed', 'cancelled', 'stopped', 'entered-in-error'].includes(detail.status)) return false;
      const repeat = detail.scheduledTiming?.repeat;
      if (!repeat?.period || !repeat.periodUnit) return false;
      const days = { s: 1 / 86400, min: 1 / 1440, h: 1 / 24, d: 1, wk: 7, mo: 30, a: 365 }[repeat.periodUnit] * repeat.period;
      return days / (repeat.frequency ?? 1) <= 7;
    }),
  );
}

/** Day of the last held contact on or before today, else the plan's start (the earliest active plan). */
function contactReference(person: PersonData, today: number): number | undefined {
  let last = person.lastContactBefore;
  for (const encounter of person.encounters) {
    const day = dayOf(encounter.period?.start ?? encounter.period?.end);
    if (day !== undefined && day <= today && (last === undefined || day > last)) last = day;
  }
  const planStart = Math.min(...person.plans.map((p) => dayOf(p.period?.start) ?? Infinity));
  const candidates = [last, Number.isFinite(planStart) ? planStart : undefined].filter((d): d is number => d !== undefined);
  return candidates.length ? Math.max(...candidates) : undefined;
}

function noContact(person: PersonData, settings: RuleSettings, today: number): Finding | undefined {
  const days = isIntensive(person.plans) ? settings.intensiveNoContactDays : settings.noContactDays;
  const since = contactReference(person, today);
  if (since === undefined || today - since < days) return undefined;
  return { rule: 'sans-contact', start: since + days, text: `Aucun contact tenu depuis le ${fr(since)} (seuil ${days} jours) / No contact held since ${dateOf(since)} (threshold ${days} days)` };
}

/** Noshows since the last held contact (fulfilled appointment or finished encounter), in time order. */
function missed(person: PersonData, settings: RuleSettings, today: number, now: number): Finding | undefined {
  const events: { at: number; day: number; missed: boolean }[] = [];
  for (const a of person.appointments) {
    const at = Date.parse(a.start ?? '');
    const day = dayOf(a.start);
    if (!Number.isFinite(at) || day === undefined || at > now || day < today - settings.missedLookbackDays) continue;
    if (a.status === 'noshow') events.push({ at, day, missed: true });
    else if (HELD_APPOINTMENT.has(a.status)) events.push({ at, day, missed: false });
  }
  for (const e of person.encounters) {
    const at = Date.parse(e.period?.start ?? '');
    const day = dayOf(e.period?.start);
    if (Number.isFinite(at) && day !== undefined && at <= now) events.push({ at, day, missed: false });
  }
  // A held contact at the same instant as a noshow wins (sorted after it).
  events.sort((x, y) => x.at - y.at || Number(y.missed) - Number(x.missed));
  let streak: number[] = [];
  for (const event of events) streak = event.missed ? [...streak, event.day] : [];
  const k = settings.missedInARow;
  const crossed = streak[k - 1];
  if (crossed === undefined) return undefined;
  const lastDay = streak[streak.length - 1] ?? crossed;
  return { rule: 'rendez-vous-manques', start: crossed, text: `${streak.length} rendez-vous manqués à la suite, le dernier le ${fr(lastDay)} / ${streak.length} appointments missed in a row, the last on ${dateOf(lastDay)}` };
}

const taskCode = (task: Task): string | undefined => task.code?.coding?.find((c) => c.system === CodeSystemUrl.TaskCode)?.code;
const dueDay = (task: Task): number | undefined => dayOf(task.restriction?.period?.end);

function earliest<T>(items: T[], crossing: (item: T) => number | undefined, today: number): { item: T; day: number } | undefined {
  let best: { item: T; day: number } | undefined;
  for (const item of items) {
    const day = crossing(item);
    if (day !== undefined && day <= today && (!best || day < best.day)) best = { item, day };
  }
  return best;
}

function discharge(person: PersonData, today: number): Finding | undefined {
  const open = person.tasks.filter((t) => taskCode(t) === DISCHARGE_CODE && !DONE_TASK.has(t.status));
  const hit = earliest(open, (t) => { const due = dueDay(t); return due === undefined ? undefined : due + 1; }, today);
  if (!hit) return undefined;
  const due = hit.day - 1;
  return { rule: 'suivi-sortie-non-fait', start: hit.day, text: `Suivi après sortie non fait à l'échéance du ${fr(due)} / Discharge follow-up not done by ${dateOf(due)}` };
}

function overdue(person: PersonData, settings: RuleSettings, today: number): Finding | undefined {
  const open = person.tasks.filter((t) => taskCode(t) !== DISCHARGE_CODE && OPEN_TASK.has(t.status));
  const hit = earliest(open, (t) => { const due = dueDay(t); return due === undefined ? undefined : due + settings.overdueTaskDays + 1; }, today);
  if (!hit) return undefined;
  const due = hit.day - settings.overdueTaskDays - 1;
  const what = hit.item.description ? ` « ${hit.item.description.slice(0, 80)} »` : '';
  return { rule: 'tache-en-retard', start: hit.day, text: `Tâche${what} en retard de plus de ${settings.overdueTaskDays} jours (échéance ${fr(due)}) / Task overdue by more than ${settings.overdueTaskDays} days (due ${dateOf(due)})` };
}

function stillBooked(person: PersonData, settings: RuleSettings, today: number, now: number): Finding | undefined {
  const past = person.appointments.filter((a) => a.status === 'booked' && Date.parse(a.end ?? a.start ?? '') < now);
  const hit = earliest(past, (a) => { const day = dayOf(a.start); return day === undefined ? undefined : day + settings.bookedGraceDays; }, today);
  if (!hit) return undefined;
  const day = hit.day - settings.bookedGraceDays;
  const count = past.filter((a) => { const d = dayOf(a.start); return d !== undefined && d + settings.bookedGraceDays <= today; }).length;
  return { rule: 'rendez-vous-a-cloturer', start: hit.day, text: `${count} rendez-vous passé(s) encore « réservé(s) », le premier le ${fr(day)} : à clôturer / ${count} past appointment(s) still booked, the first on ${dateOf(day)}: to close` };
}

/** The rules a person crosses today (`now` in ms: appointments and encounters after it have not happened). */
export function evaluate(person: PersonData, settings: RuleSettings, today: number, now: number): Finding[] {
  if (person.plans.length === 0) return [];
  const findings = [
    noContact(person, settings, today),
    missed(person, settings, today, now),
    discharge(person, today),
    overdue(person, settings, today),
    stillBooked(person, settings, today, now),
  ];
  return findings.filter((f): f is Finding => f !== undefined && !settings.disabled.includes(f.rule));
}
