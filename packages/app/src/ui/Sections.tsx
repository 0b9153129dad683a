// The plan at a glance: read-only sections. Edit controls are passed in by the App (lazily loaded forms).
import type { ReactNode } from 'react';
import type { PlanData } from '../fhir/load-plan.ts';
import { humanName, pathwayStage } from '../fhir/plan-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ageWords, goalWords } from './goal-words.ts';
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
// Asked for when this module (the React plan view) is evaluated, as the sections below the goals (App.tsx).
// Configured once: a configuration passed with each call is parsed again at each call (a visible part of the plan's
// first render, a few narratives).
const purifier = later(() =>
  import('dompurify').then((m) => {
    m.default.setConfig({ FORBID_TAGS: ['style', 'img', 'form', 'input'], FORBID_ATTR: ['style'] });
    return m.default;
  }),
);
purifier.load().catch(() => undefined);

/** Narrative XHTML from the server, sanitised before display (no scripts, no event handlers). */
export function Narrative({ html }: { html: string | undefined }): ReactNode {
  const DOMPurify = useLater(purifier, !!html);
  if (!html || !DOMPurify) return null;
  const clean = DOMPurify.sanitize(html);
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
  const { lang } = useI18n();
  return (date, now) => ageWords(date, lang, now);
}

export function GoalsView({ data, actions }: { data: PlanData; actions?: (goalId: string) => ReactNode }): ReactNode {
  const { t, lang } = useI18n();
  if (data.goals.length === 0) return <Section id="goals" title={t('goals')}><p>{t('noGoals')}</p></Section>;
  return (
    <Section id="goals" title={t('goals')}>
      <ul className="list">
        {data.goals.map((g) => {
          const w = goalWords(g, data, lang);
          return (
            <li key={g.id} data-testid="goal">
              <strong>{w.label}</strong> <span className="muted">{w.status}</span>
              {w.target && (
                <div>
                  {w.target}
                  {w.latest && w.state && (
                    <>
                      {' · '}
                      {w.latest}{' '}
                      <span className={w.state.className} data-testid="goal-state">{w.state.text}</span>
                      <progress max={1} value={w.ratio ?? 0} aria-label={`${w.label} : ${Math.round((w.ratio ?? 0) * 100)} %`} />
                    </>
                  )}
                  {w.noMeasure && <> · <span className="muted">{t('noMeasure')}</span></>}
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
