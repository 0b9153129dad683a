// The plan's lists below the fold (activities, team, encounters, timeline): read-only, in the chunk loaded once
// the plan's data is here (PlanRest.tsx), not with the first paint.
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { activities, encounterRows, team, timeline } from '../fhir/plan-model.ts';
import type { ActivityRow, PlanEvent, TeamRow } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { statusLabel } from '../i18n/terms.ts';
import { Section } from './Sections.tsx';

function recurringWords(r: NonNullable<ActivityRow['recurring']>, t: ReturnType<typeof useI18n>['t']): string {
  const [one, many]: [MessageKey, MessageKey] = r.unit === 'd' ? ['unitDay', 'unitDays'] : r.unit === 'mo' ? ['unitMonth', 'unitMonths'] : ['unitWeek', 'unitWeeks'];
  return r.period === 1 ? t('recurringPer', { n: r.frequency, unit: t(one) }) : t('recurring', { n: r.frequency, period: r.period, unit: t(many) });
}

export function ActivitiesView({ data, actions, rowActions }: { data: PlanData; actions?: ReactNode; rowActions?: (row: ActivityRow) => ReactNode }): ReactNode {
  const { t, date, lang } = useI18n();
  const rows = activities(data, lang);
  return (
    <Section id="activities" title={t('activities')} actions={actions}>
      {rows.length === 0 ? (
        <p>{t('noActivities')}</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">{t('description')}</th><th scope="col">{t('status')}</th><th scope="col">{t('owner')}</th><th scope="col">{t('due')}</th>{rowActions && <th scope="col"><span className="sr-only">{t('edit')}</span></th>}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="activity">
                <td>{r.description}{r.discharge && <> <span className="badge">{t('dischargeBadge')}</span></>}</td>
                <td>
                  <span className={`status status-${r.status}`}>{statusLabel(r.source === 'task' ? 'task' : 'activity', r.status, lang)}</span>
                  {r.recurring && <span className="muted"> · {recurringWords(r.recurring, t)}</span>}
                </td>
                <td>{r.owner}</td>
                <td>{/^\d{4}-/.test(r.due) ? date(r.due) : r.due}</td>
                {rowActions && <td>{rowActions(r)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function TeamView({ data, actions, rowActions }: { data: PlanData; actions?: ReactNode; rowActions?: (row: TeamRow) => ReactNode }): ReactNode {
  const { t, date, lang } = useI18n();
  return (
    <Section id="team" title={t('team')} actions={actions}>
      {data.careTeams.every((x) => (x.participant ?? []).length === 0) ? <p>{t('noTeam')}</p> : (
      <table>
        <thead>
          <tr><th scope="col">{t('team')}</th><th scope="col">{t('role')}</th><th scope="col">{t('contact')}</th><th scope="col">{t('period')}</th>{rowActions && <th scope="col"><span className="sr-only">{t('edit')}</span></th>}</tr>
        </thead>
        <tbody>
          {team(data, undefined, lang).map((m) => (
            <tr key={m.key} className={m.active ? '' : 'ended'}>
              <td>{m.name}</td>
              <td>{m.role}</td>
              <td>{m.contact}</td>
              <td>{[m.start && t('since', { date: date(m.start) }), m.end && t('until', { date: date(m.end) })].filter(Boolean).join(' ')}</td>
              {rowActions && <td>{m.active ? rowActions(m) : null}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      )}
    </Section>
  );
}

/** Long lists show their first rows and a button for the rest (a heavy record has hundreds of encounters). */
function useShowAll<T>(list: T[], first: number): { shown: T[]; more: ReactNode } {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  if (all || list.length <= first) return { shown: list, more: null };
  return {
    shown: list.slice(0, first),
    more: (
      <button type="button" onClick={() => setAll(true)}>
        {t('showAll', { count: list.length })}
      </button>
    ),
  };
}

export function EncountersView({ data }: { data: PlanData }): ReactNode {
  const { t, date, lang } = useI18n();
  const rows = encounterRows(data, lang);
  const { shown, more } = useShowAll(rows, 25);
  const count = (k: string): number => rows.filter((r) => r.attendance === k || r.mode === k).length;
  return (
    <Section id="encounters" title={t('encounters')}>
      <p className="counts">
        {(['scheduled', 'held', 'noShow', 'phone', 'inPerson'] as MessageKey[]).map((k) => (
          <span key={k} className={k === 'noShow' && count(k) > 0 ? 'badge warn' : 'badge'}>{t(k)} : {count(k)}</span>
        ))}
      </p>
      {rows.length === 0 ? <p>{t('noEncounters')}</p> : (
      <table>
        <thead><tr><th scope="col">{t('date')}</th><th scope="col">{t('event')}</th><th scope="col">{t('status')}</th><th scope="col">{t('team')}</th></tr></thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} data-testid="encounter">
              <td>{date(r.date)}</td>
              <td>{r.label} <span className="muted">({t(r.mode)})</span></td>
              <td><span className={r.attendance === 'noShow' ? 'badge warn' : 'badge'}>{t(r.attendance)}</span></td>
              <td>{r.who}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      {more}
    </Section>
  );
}


const KIND_KEY = { hospital: 'hospital', meeting: 'meetings', careBreak: 'careBreak', noShow: 'noShow', encounter: 'encounters', observation: 'chart', task: 'activities', goal: 'goals' } as const;

/** Events a GP looks for first; routine measures are in the chart and shown here on request. */
const SIGNIFICANT = new Set<PlanEvent['kind']>(['hospital', 'careBreak', 'meeting', 'noShow', 'encounter', 'task', 'goal']);
const PAGE = 40;

export function TimelineView({ data }: { data: PlanData }): ReactNode {
  const { t, date, lang } = useI18n();
  const [withMeasures, setWithMeasures] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const all = useMemo(() => timeline(data, lang), [data, lang]);
  const events = withMeasures ? all : all.filter((e) => SIGNIFICANT.has(e.kind));
  const measures = all.length - all.filter((e) => SIGNIFICANT.has(e.kind)).length;
  return (
    <Section id="timeline" title={t('timeline')}>
      {measures > 0 && (
        <label className="check">
          <input type="checkbox" checked={withMeasures} onChange={(e) => { setWithMeasures(e.target.checked); setShown(PAGE); }} /> {t('withMeasures', { count: measures })}
        </label>
      )}
      {events.length === 0 ? <p>{t('noEvents')}</p> : (
        <ol className="timeline" data-testid="timeline">
          {events.slice(0, shown).map((e) => (
            <li key={e.key} className={`tl-${e.kind}`}>
              <time dateTime={e.date}>{date(e.date)}</time> <span className="badge">{t(KIND_KEY[e.kind])}</span> {e.label}
              {e.end ? ` → ${date(e.end)}` : ''}
            </li>
          ))}
        </ol>
      )}
      {events.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          {t('showMore', { count: Math.min(PAGE, events.length - shown), total: events.length - shown })}
        </button>
      )}
    </Section>
  );
}
