// The plan at a glance: read-only sections. Edit controls are passed in by the App (lazily loaded forms).
import type { ReactNode } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { goalProgress, humanName, pathwayStage } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { conceptLabel, statusLabel } from '../i18n/terms.ts';
import { later, useLater } from './later.ts';

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

// The sanitiser (~10 KB gzip) is not needed for the status line: a narrative is shown once it arrived, never before.
const purifier = later(() => import('dompurify').then((m) => m.default));

/** Narrative XHTML from the server, sanitised before display (no scripts, no event handlers). */
export function Narrative({ html }: { html: string | undefined }): ReactNode {
  const DOMPurify = useLater(purifier, !!html);
  if (!html || !DOMPurify) return null;
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
