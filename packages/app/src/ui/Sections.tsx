// The plan at a glance: read-only sections. Edit controls are passed in by the App (lazily loaded forms).
import DOMPurify from 'dompurify';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { activities, encounterRows, goalProgress, humanName, pathwayStage, team, timeline } from '../fhir/plan-model.ts';
import type { ActivityRow, PlanEvent, TeamRow } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { conceptLabel, statusLabel } from '../i18n/terms.ts';

export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }): ReactNode {
  return (
    <section aria-labelledby={`${id}-h`} className="card" id={id}>
      <div className="card-head">
        <h2 id={`${id}-h`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function PatientBanner({ data }: { data: PlanData }): ReactNode {
  const { t, date } = useI18n();
  const p = data.patient;
  const ins = p.identifier?.find((i) => i.system === 'urn:oid:1.2.250.1.213.1.4.8')?.value;
  return (
    <header className="banner" aria-label={t('patientBanner')}>
      <strong>{humanName(p.name)}</strong>
      {p.birthDate && <span> · {t('born', { date: date(p.birthDate) })}</span>}
      {ins && <span> · INS {ins}</span>}
    </header>
  );
}

/** Narrative XHTML from the server, sanitised before display (no scripts, no event handlers). */
export function Narrative({ html }: { html: string | undefined }): ReactNode {
  if (!html) return null;
  const clean = DOMPurify.sanitize(html, { FORBID_TAGS: ['style', 'img', 'form', 'input'], FORBID_ATTR: ['style'] });
  return <div className="narrative" dangerouslySetInnerHTML={{ __html: clean }} />;
}

export function StageView({ data, actions }: { data: PlanData; actions?: ReactNode }): ReactNode {
  const { t, lang } = useI18n();
  const stage = pathwayStage(data.carePlan, lang);
  return (
    <Section id="stage" title={t('stage')} actions={actions}>
      <p className="stage" data-testid="stage">{stage ? stage.label : t('noStage')}</p>
      <Narrative html={data.carePlan?.text?.div} />
    </Section>
  );
}

/** How old a date is, in words (« il y a 3 semaines »). */
export function useAge(): (date: string, now?: number) => { words: string; days: number } {
  const { t } = useI18n();
  return (date, now = Date.now()) => {
    const days = Math.max(0, Math.floor((now - new Date(date).getTime()) / 86_400_000));
    const words = days < 14 ? t('agoDays', { n: days }) : days < 61 ? t('agoWeeks', { n: Math.floor(days / 7) }) : t('agoMonths', { n: Math.floor(days / 30.4) });
    return { words, days };
  };
}

/** A latest value older than this is said to be old: the goal's status may no longer hold. */
const STALE_DAYS = 30;
const COMPARATOR_KEY: Record<string, MessageKey> = { '<=': 'atMost', '<': 'lessThan', '>=': 'atLeast', '>': 'moreThan' };

export function GoalsView({ data, actions }: { data: PlanData; actions?: (goalId: string) => ReactNode }): ReactNode {
  const { t, date, lang } = useI18n();
  const age = useAge();
  if (data.goals.length === 0) return <Section id="goals" title={t('goals')}><p>{t('noGoals')}</p></Section>;
  return (
    <Section id="goals" title={t('goals')}>
      <ul className="list">
        {data.goals.map((g) => {
          const p = goalProgress(g, data.observations, lang);
          const old = p.latest ? age(p.latest.date) : undefined;
          const stale = old !== undefined && old.days > STALE_DAYS;
          const comparator = p.target ? COMPARATOR_KEY[p.target.comparator] : undefined;
          return (
            <li key={g.id} data-testid="goal">
              <strong>{p.label}</strong> <span className="muted">({statusLabel('goalLifecycle', g.lifecycleStatus, lang)}{g.achievementStatus ? `, ${conceptLabel(g.achievementStatus, lang)}` : ''})</span>
              {p.target && (
                <div>
                  {t('target', { target: `${comparator ? t(comparator, { value: p.target.value }) : p.target.value} ${p.target.unit}${p.target.due ? ` — ${t('by', { date: date(p.target.due) })}` : ''}` })}
                  {p.latest && old && (
                    <>
                      {' · '}
                      {t('latest', { value: `${p.latest.value} (${date(p.latest.date)}, ${old.words})` })}{' '}
                      <span className={stale ? 'stale' : p.achieved ? 'ok' : 'warn'} data-testid="goal-state">
                        {p.achieved ? t('onTrack') : t('offTrack')}
                        {stale ? ` — ${t('staleValue')}` : ''}
                      </span>
                      <progress max={1} value={p.ratio ?? 0} aria-label={`${p.label} : ${Math.round((p.ratio ?? 0) * 100)} %`} />
                    </>
                  )}
                  {!p.latest && <> · <span className="muted">{t('noMeasure')}</span></>}
                </div>
              )}
              {g.id && actions?.(g.id)}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

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

// The meetings section lives in Meetings.tsx (issue 14); re-exported for the App's imports.
export { MeetingsView } from './Meetings.tsx';

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
