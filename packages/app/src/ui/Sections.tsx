// The plan at a glance: read-only sections. Edit controls are passed in by the App (lazily loaded forms).
import DOMPurify from 'dompurify';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { activities, encounterRows, goalProgress, humanName, meetings, pathwayStage, team, timeline } from '../fhir/plan-model.ts';
import type { ActivityRow, TeamRow } from '../fhir/plan-model.ts';
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

export function GoalsView({ data, actions }: { data: PlanData; actions?: (goalId: string) => ReactNode }): ReactNode {
  const { t, date, lang } = useI18n();
  if (data.goals.length === 0) return <Section id="goals" title={t('goals')}><p>{t('noGoals')}</p></Section>;
  return (
    <Section id="goals" title={t('goals')}>
      <ul className="list">
        {data.goals.map((g) => {
          const p = goalProgress(g, data.observations, lang);
          return (
            <li key={g.id}>
              <strong>{p.label}</strong> <span className="muted">({statusLabel('goalLifecycle', g.lifecycleStatus, lang)}{g.achievementStatus ? `, ${conceptLabel(g.achievementStatus, lang)}` : ''})</span>
              {p.target && (
                <div>
                  {t('target', { target: `${p.target.comparator} ${p.target.value} ${p.target.unit}${p.target.due ? ` — ${date(p.target.due)}` : ''}` })}
                  {p.latest && (
                    <>
                      {' · '}
                      {t('latest', { value: `${p.latest.value} (${date(p.latest.date)})` })}{' '}
                      <span className={p.achieved ? 'ok' : 'warn'}>{p.achieved ? t('onTrack') : t('offTrack')}</span>
                      <progress max={Math.max(p.latest.value, p.target.value) || 1} value={Math.min(p.latest.value, p.target.value)} aria-label={p.label} />
                    </>
                  )}
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
                <td><span className={`status status-${r.status}`}>{statusLabel(r.source === 'task' ? 'task' : 'activity', r.status, lang)}</span></td>
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
      {more}
    </Section>
  );
}

export function MeetingsView({ data, actions }: { data: PlanData; actions?: ReactNode }): ReactNode {
  const { t, date, lang } = useI18n();
  const list = meetings(data, lang);
  return (
    <Section id="meetings" title={t('meetings')} actions={actions}>
      {list.length === 0 ? <p>{t('noMeetings')}</p> : (
        <ul className="list">
          {list.map((m) => (
            <li key={m.key}>
              <strong>{date(m.date)}</strong> — {t('attendees')} : {m.attendees.join(', ')}
              {m.decisions.length > 0 && <div>{t('decisions')} : {m.decisions.join(' ; ')}</div>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const KIND_KEY = { hospital: 'hospital', meeting: 'meetings', careBreak: 'careBreak', noShow: 'noShow', encounter: 'encounters', observation: 'chart', task: 'activities', goal: 'goals' } as const;

export function TimelineView({ data }: { data: PlanData }): ReactNode {
  const { t, date, lang } = useI18n();
  const { shown: events, more } = useShowAll(timeline(data, lang), 40);
  return (
    <Section id="timeline" title={t('timeline')}>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.key} className={`tl-${e.kind}`}>
            <time dateTime={e.date}>{date(e.date)}</time> <span className="badge">{t(KIND_KEY[e.kind])}</span> {e.label}
            {e.end ? ` → ${date(e.end)}` : ''}
          </li>
        ))}
      </ol>
      {more}
    </Section>
  );
}
