// Edit forms (lazily loaded on first use): own small accessible components, zod for the input rules. Each form
// builds resources with fhir/builders.ts and hands them to `write` (validation, Provenance, transaction, rollback).
import { today } from '../fhir/dates.ts';
import type { Task } from '@medplum/fhirtypes';
import type { FormEvent, ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { CARE_TEAM_ROLE_SYSTEM, CareTeamRoleCode, PATHWAY_STAGE_SYSTEM, PATHWAY_STAGES } from '../fhir/codes.ts';
import type { PathwayStage } from '../fhir/codes.ts';
import * as build from '../fhir/builders.ts';
import type { Ref } from '../fhir/builders.ts';
import type { PlanData } from '../fhir/load-plan.ts';
import { pathwayStage, team } from '../fhir/plan-model.ts';
import type { ActivityRow, TeamRow } from '../fhir/plan-model.ts';
import type { Change } from '../fhir/writes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { codeWord, statusLabel } from '../i18n/terms.ts';
import { outcomeWords } from '../i18n/outcome-words.ts';
import type { WriteResult } from './usePlan.ts';
import { Field } from './Field.tsx';

export type OpenForm =
  | { kind: 'observation' }
  | { kind: 'auditc' }
  | { kind: 'activity' }
  | { kind: 'task'; row: ActivityRow; mode: 'reschedule' | 'assign' }
  | { kind: 'goal'; goalId: string }
  | { kind: 'member' }
  | { kind: 'stage' };

export interface FormProps {
  form: OpenForm;
  data: PlanData;
  write(changes: Change[]): Promise<WriteResult>;
  onClose(): void;
}

/** The roles a member can be added with (Parcours care-team roles), shown in the chosen language. */
const MEMBER_ROLES = [
  CareTeamRoleCode.GeneralPractitioner,
  CareTeamRoleCode.Psychologist,
  CareTeamRoleCode.SocialWorker,
  CareTeamRoleCode.AlcoholHarmReductionWorker,
  CareTeamRoleCode.HealthPathwayReferent,
  CareTeamRoleCode.Nurse,
  CareTeamRoleCode.Pharmacist,
];
const GOAL_LIFECYCLE = ['proposed', 'planned', 'accepted', 'active', 'on-hold', 'completed', 'cancelled'];
/** Codes are written with their CodeSystem's (French) display. */
const frenchDisplay = (system: string, code: string): string => codeWord(system, code, 'fr') ?? code;

const number = (max: number): z.ZodNumber => z.number({ error: 'nan' }).min(0).max(max);

export default function FormHost({ form, data, write, onClose }: FormProps): ReactNode {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [dateError, setDateError] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  // Focus moves into the form when it opens (the App gives it back to the opening button when it closes).
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [form]);
  const patientId = data.patient.id as string;
  const me: Ref | undefined = data.user.reference ? { reference: data.user.reference } : undefined;
  const members = team(data).filter((m) => m.active);
  const memberRefs = data.careTeams.flatMap((tm) => (tm.participant ?? []).filter((p) => !p.period?.end && p.member?.reference && !p.member.reference.startsWith('Patient/')).map((p) => ({ reference: p.member?.reference as string })));

  async function send(changes: Change[]): Promise<void> {
    setBusy(true);
    setMessage(undefined);
    const result = await write(changes);
    setBusy(false);
    if (result.ok) onClose();
    else setMessage(result.error?.kind === 'expired' ? t('sessionExpiredWrite') : result.error?.kind === 'invalid' ? t('invalid', { reason: outcomeWords(result.error.message, lang) }) : t('rejected', { reason: outcomeWords(result.error?.message ?? '', lang) }));
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (name: string): string => String(f.get(name) ?? '').trim();
    const n = (name: string): number => (s(name) === '' ? Number.NaN : Number(s(name)));
    setFieldError(undefined);
    setDateError(undefined);
    // Measures are recorded once they happened: a date after today is a typing slip.
    if ((form.kind === 'observation' || form.kind === 'auditc') && s('date') > today()) return setDateError(t('futureDate'));
    let changes: Change[] | undefined;
    switch (form.kind) {
      case 'observation': {
        const parsed = number(100).safeParse(n('value'));
        if (!parsed.success) return setFieldError(t('mustBeNumber', { max: 100 }));
        changes = [{ resource: build.consumptionObservation(patientId, s('measure') as build.Measure, parsed.data, s('date') || today(), me) }];
        break;
      }
      case 'auditc': {
        const parsed = z.tuple([number(4), number(4), number(4)]).safeParse([n('q1'), n('q2'), n('q3')]);
        if (!parsed.success) return setFieldError(t('mustBeNumber', { max: 4 }));
        changes = [{ resource: build.auditC(patientId, parsed.data, s('date') || today(), me) }];
        break;
      }
      case 'activity': {
        if (!s('description')) return setFieldError(t('requiredField'));
        const owner = s('owner');
        changes = [{ resource: build.newTask(patientId, data.carePlan?.id, s('description'), owner ? { reference: owner } : undefined, s('due') || undefined, me) }];
        break;
      }
      case 'task': {
        const task = data.tasks.find((x) => x.id === form.row.id) as Task;
        if (form.mode === 'reschedule') {
          if (!s('due')) return setFieldError(t('requiredField'));
          changes = [{ resource: build.rescheduleTask(task, s('due')) }];
        } else {
          changes = [{ resource: build.assignTask(task, { reference: s('owner') }) }];
        }
        break;
      }
      case 'goal': {
        const goal = data.goals.find((g) => g.id === form.goalId);
        if (!goal) return;
        changes = [{ resource: build.updateGoal(goal, s('lifecycle') as NonNullable<typeof goal.lifecycleStatus>, s('achievement') || undefined) }];
        break;
      }
      case 'member': {
        const teamRes = data.careTeams[0];
        if (!teamRes || !s('member')) return setFieldError(t('requiredField'));
        const [code, display] = s('role').split('|') as [string, string];
        changes = [{ resource: build.addParticipant(teamRes, { reference: s('member') }, { code, display }, today()) }];
        break;
      }
      case 'stage': {
        if (!data.carePlan) return setFieldError(t('noPlanForStage'));
        const stage = s('stage') as PathwayStage;
        changes = [{ resource: build.moveStage(data.carePlan, stage, frenchDisplay(PATHWAY_STAGE_SYSTEM, stage)) }];
        break;
      }
    }
    if (changes) void send(changes);
  }

  const known = [...data.refs.values()].filter((r) => r.resourceType === 'Practitioner' || r.resourceType === 'PractitionerRole');
  const titles: Record<OpenForm['kind'], string> = { observation: t('recordObservation'), auditc: t('recordAuditC'), activity: t('addActivity'), task: form.kind === 'task' && form.mode === 'assign' ? t('assign') : t('reschedule'), goal: t('updateGoal'), member: t('addMember'), stage: t('moveStage') };
  const ownerSelect = (id: string): ReactNode => (
    <select id={id} name="owner">
      <option value="">—</option>
      {memberRefs.map((r) => <option key={r.reference} value={r.reference}>{members.find((m) => data.careTeams.some((tm) => tm.participant?.[m.index]?.member?.reference === r.reference))?.name ?? r.reference}</option>)}
    </select>
  );

  return (
    <form
      ref={formRef}
      className="form"
      onSubmit={submit}
      aria-label={titles[form.kind]}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h3>{titles[form.kind]}</h3>
      {form.kind === 'observation' && (
        <>
          <Field label={t('measure')}>{(id) => <select id={id} name="measure"><option value="drinksPerDay">{t('drinksPerDay')}</option><option value="cigarettesPerDay">{t('cigarettes')}</option></select>}</Field>
          <Field label={t('value')} error={fieldError}>{(id) => <input id={id} name="value" type="number" min={0} max={100} step="0.5" required />}</Field>
        </>
      )}
      {form.kind === 'auditc' && (
        <>
          {(['q1', 'q2', 'q3'] as const).map((q) => (
            <Field key={q} label={`${t(q)} (0-4)`}>{(id) => <input id={id} name={q} type="number" min={0} max={4} required />}</Field>
          ))}
          {fieldError && <span className="error" role="alert">{fieldError}</span>}
        </>
      )}
      {(form.kind === 'observation' || form.kind === 'auditc') && (
        <Field label={t('when')} {...(dateError ? { error: dateError } : {})}>{(id) => <input id={id} name="date" type="date" defaultValue={today()} max={today()} />}</Field>
      )}
      {form.kind === 'activity' && (
        <>
          <Field label={t('description')} error={fieldError}>{(id) => <input id={id} name="description" required />}</Field>
          <Field label={t('owner')}>{ownerSelect}</Field>
          <Field label={t('due')}>{(id) => <input id={id} name="due" type="date" />}</Field>
        </>
      )}
      {form.kind === 'task' && form.mode === 'reschedule' && <Field label={t('due')} error={fieldError}>{(id) => <input id={id} name="due" type="date" required />}</Field>}
      {form.kind === 'task' && form.mode === 'assign' && <Field label={t('owner')}>{ownerSelect}</Field>}
      {form.kind === 'goal' && (
        <>
          <Field label={t('lifecycle')}>{(id) => <select id={id} name="lifecycle" defaultValue={data.goals.find((g) => g.id === form.goalId)?.lifecycleStatus}>{GOAL_LIFECYCLE.map((v) => <option key={v} value={v}>{statusLabel('goalLifecycle', v, lang)}</option>)}</select>}</Field>
          <Field label={t('achievement')}>{(id) => <select id={id} name="achievement"><option value="">—</option>{build.GOAL_ACHIEVEMENTS.map((v) => <option key={v} value={v}>{statusLabel('goalAchievement', v, lang)}</option>)}</select>}</Field>
        </>
      )}
      {form.kind === 'member' && (
        <>
          <Field label={t('member')} error={fieldError}>{(id) => <select id={id} name="member">{known.map((r) => <option key={r.id} value={`${r.resourceType}/${r.id}`}>{r.resourceType === 'Practitioner' ? `${r.name?.[0]?.given?.join(' ') ?? ''} ${r.name?.[0]?.family ?? ''}` : `${r.resourceType}/${r.id}`}</option>)}</select>}</Field>
          <Field label={t('addedRole')}>{(id) => <select id={id} name="role">{MEMBER_ROLES.map((code) => <option key={code} value={`${code}|${frenchDisplay(CARE_TEAM_ROLE_SYSTEM, code)}`}>{codeWord(CARE_TEAM_ROLE_SYSTEM, code, lang) ?? code}</option>)}</select>}</Field>
        </>
      )}
      {form.kind === 'stage' && (
        <Field label={t('stage')} {...(fieldError ? { error: fieldError } : {})}>{(id) => <select id={id} name="stage" defaultValue={pathwayStage(data.carePlan)?.code}>{PATHWAY_STAGES.map((s) => <option key={s} value={s}>{codeWord(PATHWAY_STAGE_SYSTEM, s, lang) ?? s}</option>)}</select>}</Field>
      )}
      {message && <p className="error" role="alert">{message}</p>}
      <div className="buttons">
        <button type="submit" disabled={busy}>{busy ? t('saving') : t('record')}</button>
        <button type="button" onClick={onClose}>{t('cancel')}</button>
      </div>
    </form>
  );
}

export type { TeamRow };
