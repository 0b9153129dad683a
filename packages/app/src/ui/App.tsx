// The care-plan app once launched. No OAuth here: it receives a Session (fhirclient's Client wrapped in FhirApi).
import type { CareTeam, Task } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { notInCareTeam } from '../fhir/api.ts';
import { completeTask, endParticipation, setActivityStatus } from '../fhir/builders.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import type { ActivityRow, TeamRow } from '../fhir/plan-model.ts';
import type { Change } from '../fhir/writes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { outcomeWords } from '../i18n/outcome-words.ts';
import type { Lang } from '../i18n/dict.ts';
import { canEdit, ROLE_POLICIES } from '../roles.ts';
import type { EditAction } from '../roles.ts';
import type { Session } from '../smart/session.ts';
import { classifyError } from '../smart/session.ts';
import type { EhrRecords } from '../fhir/ehr.ts';
import { EhrPanel, inLanguage, SharedResultsView } from './EhrPanel.tsx';
import { DischargeInbox } from './Discharges.tsx';
import type { OpenForm } from './Forms.tsx';
import { today } from '../fhir/dates.ts';
import { GoalsView, PatientBanner, Section, StageView } from './Sections.tsx';
import { CareBreaksView } from './CareBreaks.tsx';
import { later, useLater } from './later.ts';
import { ProductsView } from './Products.tsx';
import { StatusLine } from './StatusLine.tsx';
import { usePlan } from './usePlan.ts';

// What the first paint does not need: the sections below the goals and the chart (uPlot), fetched together and
// drawn in one pass (the chart's drawing marks the whole plan on screen for the benchmark). Asked for as soon as this
// module is evaluated: on a fast machine the FHIR requests are then still in flight, so the plan is drawn whole in
// one render when its data arrives; on a slow link React itself comes after the data (the first paint, first-paint.ts,
// is on screen by then), so nothing competes with the data. Not React.lazy: a suspended boundary is revealed with
// React's ~300 ms fallback throttle.
const rest = later(() =>
  Promise.all([import('./PlanRest.tsx'), import('./ConsumptionChart.tsx')]).then(([r, c]) => {
    performance.mark('parcours:rest-loaded');
    return { PlanRest: r.default, Chart: c.default };
  }),
);
rest.load().catch(() => undefined); // a failed fetch leaves the placeholder (useLater)
const FormHost = lazy(() => import('./Forms.tsx'));

export function LanguageSwitch(): ReactNode {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      {t('language')}{' '}
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

export function SessionProblem({ error, relaunchUrl, onRetry }: { error: unknown; relaunchUrl: string; onRetry?: () => void }): ReactNode {
  const { t, lang } = useI18n();
  const problem = classifyError(error);
  const refusal = notInCareTeam(error);
  if (problem.kind === 'exchange') {
    // The plan server refused the EHR's tokens: its sentence says why (no INS, unknown RPPS...). Relaunching won't help.
    return <div role="alert" className="card problem"><p data-testid="exchange-refused">{t('exchangeRefused', { reason: inLanguage(problem.message, lang) })}</p></div>;
  }
  return (
    <div role="alert" className="card problem">
      {refusal ? <p data-testid="not-in-team">{refusal.name ? t('notInTeamAsk', { coordinator: refusal.name }) : t('notInTeam')}</p>
        : problem.kind === 'expired' ? <p>{t('sessionExpired')}</p> : <p>{t('loadFailed', { reason: problem.message })}</p>}
      <p><a href={relaunchUrl}>{t('relaunch')}</a></p>
      {onRetry && problem.kind !== 'expired' && <button type="button" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}

/** Where a part still on its way will be: says so only when it takes long enough to be seen (styles.css). */
function Later(): ReactNode {
  const { t } = useI18n();
  return <p role="status" className="later muted">{t('loading')}</p>;
}

type PlanParts = NonNullable<ReturnType<typeof rest.get>>;

/**
 * A part of the plan below the first sections (`draw` with the module once it arrived, a placeholder until then).
 * It waits in a state of its own: when the module comes after the data, its arrival draws this part alone, not the
 * whole plan again (the sections above were already drawn).
 */
function Part({ draw }: { draw: (parts: PlanParts) => ReactNode }): ReactNode {
  const parts = useLater(rest);
  return parts ? draw(parts) : <Later />;
}

export function App({ session, initialPlan, initialData, ehrRecords }: { session: Session; initialPlan?: Promise<PlanData>; initialData?: PlanData; ehrRecords?: Promise<EhrRecords> }): ReactNode {
  const { t, lang } = useI18n();
  const { state, reload, write } = usePlan(session, initialPlan, initialData);
  const opener = useRef<HTMLElement | null>(null);
  const [confirmEnd, setConfirmEnd] = useState<string>();
  const [undo, setUndo] = useState<{ name: string; before: CareTeam }>();
  useEffect(() => {
    if (state.status === 'ready') performance.mark('parcours:plan-committed');
  }, [state.status]);
  const [form, setForm] = useState<OpenForm>();
  const [notice, setNotice] = useState<string>();
  const [expired, setExpired] = useState(false);

  if (state.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.status === 'error') return <SessionProblem error={state.error} relaunchUrl={session.relaunchUrl} onRetry={reload} />;
  const data = state.data;
  const role = data.user.role;
  const may = (action: EditAction): boolean => canEdit(role, action);
  const open = (f: OpenForm): void => {
    setNotice(undefined);
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setForm(f);
  };
  // Focus goes back to the button that opened the form (Escape, Cancel or saved).
  const close = (): void => {
    setForm(undefined);
    const back = opener.current;
    requestAnimationFrame(() => back?.isConnected && back.focus());
  };
  const direct = async (changes: Change[]): Promise<boolean> => {
    const result = await write(changes);
    setExpired(result.error?.kind === 'expired');
    setNotice(result.ok ? t('saved') : result.error?.kind === 'expired' ? t('sessionExpiredWrite') : t(result.error?.kind === 'invalid' ? 'invalid' : 'rejected', { reason: outcomeWords(result.error?.message ?? '', lang) }));
    return result.ok;
  };
  const button = (action: EditAction, label: string, f: OpenForm): ReactNode =>
    may(action) ? <button type="button" onClick={() => open(f)}>{label}</button> : null;
  const formHere = (kinds: OpenForm['kind'][]): ReactNode =>
    form && kinds.includes(form.kind) ? (
      <Suspense fallback={<p role="status">…</p>}>
        <FormHost form={form} data={data} write={write} onClose={close} />
      </Suspense>
    ) : null;

  const activityActions = (row: ActivityRow): ReactNode => {
    // A recurring activity is ongoing by nature: it is stopped by changing the plan, not « completed » in one click.
    if (!may('activity') || row.status === 'completed' || row.status === 'cancelled' || row.recurring) return null;
    const task = row.source === 'task' ? data.tasks.find((x) => x.id === row.id) : undefined;
    return (
      <span className="row-actions">
        <button type="button" aria-label={`${t('complete')} : ${row.description}`} onClick={() => void direct(task ? [{ resource: completeTask(task as Task) }] : data.carePlan && row.index !== undefined ? [{ resource: setActivityStatus(data.carePlan, row.index, 'completed') }] : [])}>{t('complete')}</button>
        {task && <button type="button" aria-label={`${t('reschedule')} : ${row.description}`} onClick={() => open({ kind: 'task', row, mode: 'reschedule' })}>{t('reschedule')}</button>}
        {task && <button type="button" aria-label={`${t('assign')} : ${row.description}`} onClick={() => open({ kind: 'task', row, mode: 'assign' })}>{t('assign')}</button>}
      </span>
    );
  };
  const teamActions = (row: TeamRow): ReactNode => {
    const teamRes = data.careTeams.find((x) => x.id === row.teamId);
    // The person stays a member of their own team (an invariant of the profile): no button for them.
    if (!may('team') || !teamRes || teamRes.participant?.[row.index]?.member?.reference?.startsWith('Patient/')) return null;
    if (confirmEnd !== row.key) return <button type="button" aria-label={`${t('endParticipation')} : ${row.name}`} onClick={() => setConfirmEnd(row.key)}>{t('endParticipation')}</button>;
    // Ending someone's participation is asked twice, and can be undone right after.
    return (
      <span className="row-actions" role="group" aria-label={t('confirmEnd', { name: row.name })}>
        <span>{t('confirmEnd', { name: row.name })}</span>
        <button
          type="button"
          autoFocus
          onClick={() => {
            setConfirmEnd(undefined);
            void direct([{ resource: endParticipation(teamRes, row.index, today()) }]).then((ok) => ok && setUndo({ name: row.name, before: teamRes }));
          }}
        >
          {t('confirm')}
        </button>
        <button type="button" onClick={() => setConfirmEnd(undefined)}>{t('cancel')}</button>
      </span>
    );
  };
  const undoEnd = (): void => {
    if (!undo) return;
    const current = data.careTeams.find((x) => x.id === undo.before.id);
    // The team as it was, on top of its current version (the server checks nothing else changed meanwhile).
    const restored: CareTeam = { ...undo.before, ...(current?.meta ? { meta: current.meta } : {}) };
    setUndo(undefined);
    void direct([{ resource: restored }]);
  };

  return (
    <div className="app">
      {session.needPatientBanner && <PatientBanner data={data} />}
      <StatusLine data={data} />
      {ROLE_POLICIES[role].hiddenLabels.length > 0 && <p className="muted" data-testid="restricted">{t('restricted')}</p>}
      {(notice || undo) && (
        <p role="status" className="notice">
          {undo ? t('ended', { name: undo.name }) : notice}
          {undo && <> <button type="button" onClick={undoEnd}>{t('undo')}</button></>}
          {expired && <> <a href={session.relaunchUrl}>{t('relaunch')}</a></>}
        </p>
      )}
      {!data.carePlan && <p>{t('noPlan')}</p>}
      {session.ehr && ehrRecords && <EhrPanel ehr={session.ehr} records={ehrRecords} data={data} write={write} />}
      <div className="grid">
        <DischargeInbox
          data={data}
          {...(may('activity') ? { onAcknowledge: (item: { task: Task }) => void direct([{ resource: { ...item.task, status: 'accepted' } }]), onDone: (item: { task: Task }) => void direct([{ resource: completeTask(item.task) }]) } : {})}
        />
        <CareBreaksView data={data} />
        <StageView data={data} actions={data.carePlan ? button('stage', t('moveStage'), { kind: 'stage' }) : may('stage') ? <span className="muted" data-testid="no-plan-stage">{t('noPlanForStage')}</span> : null} />
        {formHere(['stage'])}
        <GoalsView data={data} actions={(goalId) => (may('goal') ? <button type="button" onClick={() => open({ kind: 'goal', goalId })}>{t('updateGoal')}</button> : null)} />
        {formHere(['goal'])}
        <ProductsView data={data} />
        <SharedResultsView data={data} />
        <Section id="chart" title={t('chart')} actions={<span>{button('observation', t('recordObservation'), { kind: 'observation' })} {button('auditc', t('recordAuditC'), { kind: 'auditc' })}</span>}>
          {formHere(['observation', 'auditc'])}
          <Part draw={(m) => <m.Chart data={data} />} />
        </Section>
        <Part
          draw={(m) => (
            <m.PlanRest
              data={data}
              session={session}
              write={write}
              may={may}
              button={button}
              formHere={formHere}
              activityActions={activityActions}
              teamActions={teamActions}
              onMeetingSaved={(count) => {
                setNotice(t('meetingSaved', { count }));
                reload();
              }}
            />
          )}
        />
      </div>
    </div>
  );
}
