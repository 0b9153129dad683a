// The care-plan app once launched. No OAuth here: it receives a Session (fhirclient's Client wrapped in FhirApi).
import type { CareTeam, Task } from '@medplum/fhirtypes';
import type { ReactNode } from 'react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { mayReadAccessLog } from '../fhir/access-log.ts';
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
import { AccessLogView } from './AccessLog.tsx';
import type ConsumptionChartType from './ConsumptionChart.tsx';
import { DischargeInbox } from './Discharges.tsx';
import type { OpenForm } from './Forms.tsx';
import { today } from '../fhir/dates.ts';
import { ActivitiesView, EncountersView, GoalsView, MeetingsView, PatientBanner, Section, StageView, TeamView, TimelineView } from './Sections.tsx';
import { ProductsView } from './Products.tsx';
import { StatusLine } from './StatusLine.tsx';
import { TeamWork } from './contacts/TeamWork.tsx';
import { usePlan } from './usePlan.ts';

// The chart chunk starts loading with the plan data (not after the first render): it is part of the plan at a glance.
// Held in state rather than React.lazy: a suspended boundary is revealed with React's ~300 ms fallback throttle.
type ChartComponent = typeof ConsumptionChartType;
// Requested as soon as this module is evaluated (while the plan requests are in flight), not when the App mounts.
const chartModule = import('./ConsumptionChart.tsx');
chartModule.catch(() => undefined);
const loadChart = (): Promise<ChartComponent> => chartModule.then((m) => m.default);
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
  const { t } = useI18n();
  const problem = classifyError(error);
  const refusal = notInCareTeam(error);
  return (
    <div role="alert" className="card problem">
      {refusal ? <p data-testid="not-in-team">{refusal.name ? t('notInTeamAsk', { coordinator: refusal.name }) : t('notInTeam')}</p>
        : problem.kind === 'expired' ? <p>{t('sessionExpired')}</p> : <p>{t('loadFailed', { reason: problem.message })}</p>}
      <p><a href={relaunchUrl}>{t('relaunch')}</a></p>
      {onRetry && problem.kind !== 'expired' && <button type="button" onClick={onRetry}>{t('retry')}</button>}
    </div>
  );
}

export function App({ session, initialPlan }: { session: Session; initialPlan?: Promise<PlanData> }): ReactNode {
  const { t, lang } = useI18n();
  const { state, reload, write } = usePlan(session, initialPlan);
  const opener = useRef<HTMLElement | null>(null);
  const [confirmEnd, setConfirmEnd] = useState<string>();
  const [undo, setUndo] = useState<{ name: string; before: CareTeam }>();
  const [Chart, setChart] = useState<{ component: ChartComponent }>();
  useEffect(() => {
    loadChart().then(
      (component) => setChart({ component }),
      () => undefined,
    );
  }, []);
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
      <div className="grid">
        <DischargeInbox
          data={data}
          {...(may('activity') ? { onAcknowledge: (item: { task: Task }) => void direct([{ resource: { ...item.task, status: 'accepted' } }]), onDone: (item: { task: Task }) => void direct([{ resource: completeTask(item.task) }]) } : {})}
        />
        <StageView data={data} actions={data.carePlan ? button('stage', t('moveStage'), { kind: 'stage' }) : may('stage') ? <span className="muted" data-testid="no-plan-stage">{t('noPlanForStage')}</span> : null} />
        {formHere(['stage'])}
        <GoalsView data={data} actions={(goalId) => (may('goal') ? <button type="button" onClick={() => open({ kind: 'goal', goalId })}>{t('updateGoal')}</button> : null)} />
        {formHere(['goal'])}
        <ProductsView data={data} />
        <Section id="chart" title={t('chart')} actions={<span>{button('observation', t('recordObservation'), { kind: 'observation' })} {button('auditc', t('recordAuditC'), { kind: 'auditc' })}</span>}>
          {formHere(['observation', 'auditc'])}
          {Chart ? <Chart.component data={data} /> : <p role="status">…</p>}
        </Section>
        <ActivitiesView data={data} actions={button('activity', t('addActivity'), { kind: 'activity' })} rowActions={activityActions} />
        {formHere(['activity', 'task'])}
        <TeamView data={data} actions={button('team', t('addMember'), { kind: 'member' })} rowActions={teamActions} />
        {formHere(['member'])}
        <MeetingsView data={data} actions={button('meeting', t('recordMeeting'), { kind: 'meeting' })} />
        {formHere(['meeting'])}
        <EncountersView data={data} />
        <TeamWork data={data} api={session.api} write={write} />
        <TimelineView data={data} />
        {mayReadAccessLog(data) && <AccessLogView api={session.api} data={data} />}
      </div>
    </div>
  );
}
