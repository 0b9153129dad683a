// The status line above everything (issue 17): alerts first (care break, missed appointments, overdue tasks, open
// discharge), then last contact, next appointment, stage, and what changed since this user's previous visit.
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { planStatus } from '../fhir/status.ts';
import type { ChangeKind, Contact } from '../fhir/status.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { takeVisit } from './last-visit.ts';

const CHANGE_KEYS: Record<ChangeKind, [MessageKey, MessageKey]> = {
  observations: ['changeObservationOne', 'changeObservationMany'],
  contacts: ['changeContactOne', 'changeContactMany'],
  tasks: ['changeTaskOne', 'changeTaskMany'],
  team: ['changeTeamOne', 'changeTeamMany'],
  discharges: ['changeDischargeOne', 'changeDischargeMany'],
  meetings: ['changeMeetingOne', 'changeMeetingMany'],
};

export function StatusLine({ data, now }: { data: PlanData; now?: string }): ReactNode {
  const { t, date, lang } = useI18n();
  // Read once per mount: the previous visit, before this one is recorded.
  const [previous] = useState(() => takeVisit(data.user.reference, data.patient.id ?? ''));
  const status = useMemo(() => planStatus(data, lang, now, previous), [data, lang, now, previous]);
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
  let changes: string;
  if (!previous) changes = t('statusFirstVisit');
  else {
    const parts = (Object.entries(status.changes ?? {}) as [ChangeKind, number][]).map(([k, n]) => plural(n, CHANGE_KEYS[k]));
    changes = parts.length ? t('statusChanges', { date: date(previous), changes: parts.join(', ') }) : t('statusNoChanges', { date: date(previous) });
  }

  return (
    <section className="status-line" aria-labelledby="status-h" id="status" tabIndex={-1} data-testid="status">
      <h2 id="status-h" className="sr-only">{t('statusTitle')}</h2>
      {alerts.length > 0 && (
        <p className="status-alerts" data-testid="status-alerts">
          {alerts.map((a, i) => (
            <span key={i} className="alert-item">{a}</span>
          ))}
        </p>
      )}
      <p className="status-facts" data-testid="status-facts">
        {[...facts, changes].map((f, i) => (
          <span key={i} className="fact">{f}</span>
        ))}
      </p>
    </section>
  );
}
