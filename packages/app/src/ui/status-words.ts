// The status line's words (issue 17), without React: the StatusLine component and the first paint (first-paint.ts,
// drawn before React arrived on a slow link) say exactly the same thing.
import type { PlanData } from '../fhir/load-plan.ts';
import { planStatus } from '../fhir/status.ts';
import type { ChangeKind, Contact } from '../fhir/status.ts';
import { dictionaries, format, formatDate } from '../i18n/dict.ts';
import type { Lang, MessageKey } from '../i18n/dict.ts';

const CHANGE_KEYS: Record<ChangeKind, [MessageKey, MessageKey]> = {
  observations: ['changeObservationOne', 'changeObservationMany'],
  contacts: ['changeContactOne', 'changeContactMany'],
  tasks: ['changeTaskOne', 'changeTaskMany'],
  team: ['changeTeamOne', 'changeTeamMany'],
  discharges: ['changeDischargeOne', 'changeDischargeMany'],
  meetings: ['changeMeetingOne', 'changeMeetingMany'],
};

export interface StatusWords {
  /** Alerts first: care break, missed appointments, overdue tasks, open discharges. */
  alerts: string[];
  /** Last contact, next appointment, stage, and what changed since the previous visit. */
  facts: string[];
}

/** The status line of `data` in `lang`; `previous` is this user's previous visit (last-visit.ts), if any. */
export function statusWords(data: PlanData, lang: Lang, previous: string | undefined, now?: string): StatusWords {
  const t = (key: MessageKey, vars?: Record<string, string | number>): string => format(dictionaries[lang][key], vars);
  const date = (value: string | undefined): string => formatDate(value, lang);
  const status = planStatus(data, lang, now, previous);
  // French puts a space before a colon; English does not.
  const colon = lang === 'fr' ? ' : ' : ': ';
  const contact = (c: Contact): string => [date(c.date), c.who, t(c.mode)].filter(Boolean).join(', ');
  const plural = (count: number, [one, many]: [MessageKey, MessageKey], vars: Record<string, string | number> = {}): string => t(count === 1 ? one : many, { count, ...vars });

  const alerts: string[] = [];
  // The watch's Flags first (« rupture de soins en cours depuis … », one per rule crossed); without them, the
  // plan's own count of weeks without contact.
  for (const f of status.careBreakFlags) alerts.push(t('statusCareBreakSince', { date: date(f.since), rule: f.rule }));
  if (status.careBreak && status.careBreakFlags.length === 0) alerts.push(t('statusCareBreak', { weeks: status.weeksWithoutContact ?? 0 }));
  else if (status.weeksWithoutContact !== undefined) alerts.push(t('statusQuiet', { weeks: status.weeksWithoutContact }));
  if (status.missedInARow > 0) alerts.push(plural(status.missedInARow, ['statusMissedOne', 'statusMissedMany']));
  const [first] = status.overdue;
  if (first) alerts.push(`${plural(status.overdue.length, ['statusOverdueOne', 'statusOverdueMany'])}${colon}${first.description} (${first.days === 0 ? t('dueToday') : t('lateBy', { days: first.days })}${first.owner ? `, ${first.owner}` : ''})`);
  const [today] = status.dueToday;
  if (today) alerts.push(`${plural(status.dueToday.length, ['statusDueTodayOne', 'statusDueTodayMany'])}${colon}${today.description}${today.owner ? ` (${today.owner})` : ''}`);
  for (const d of status.openDischarges) alerts.push(`${t('statusDischarge', { hospital: d.hospital || t('dischargeUnknownHospital') })}${d.overdueDays ? ` (${t('lateBy', { days: d.overdueDays })})` : ''}`);

  const facts: string[] = [
    status.lastContact ? t('statusLastContact', { contact: contact(status.lastContact) }) : t('statusNoContact'),
    status.nextAppointment ? t('statusNext', { contact: contact(status.nextAppointment) }) : t('statusNoNext'),
    ...(status.stage ? [t('statusStage', { stage: status.stage })] : []),
  ];
  if (!previous) facts.push(t('statusFirstVisit'));
  else {
    const parts = (Object.entries(status.changes ?? {}) as [ChangeKind, number][]).map(([k, n]) => plural(n, CHANGE_KEYS[k]));
    facts.push(parts.length ? t('statusChanges', { date: date(previous), changes: parts.join(', ') }) : t('statusNoChanges', { date: date(previous) }));
  }
  return { alerts, facts };
}
