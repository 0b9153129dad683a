// One person on the meeting's agenda: the note, the decisions (owner, due date) and the plan changes.
import type { ReactNode } from 'react';
import { useId } from 'react';
import { PATHWAY_STAGE_SYSTEM, PATHWAY_STAGES } from '../../fhir/codes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/dict.ts';
import { codeWord, statusLabel } from '../../i18n/terms.ts';
import type { AgendaPerson } from './agenda.ts';
import { GOAL_ACHIEVEMENTS } from '../../fhir/builders.ts';
import type { GoalAchievement } from '../../fhir/builders.ts';
import { INTENSITIES, INTENSITY_URL } from './build.ts';
import type { DecisionInput, Intensity } from './build.ts';

export interface ReviewDraft {
  note: string;
  decisions: DecisionInput[];
  stage: string;
  intensity: Intensity | '';
  /** Goal id → the progress recorded (absent: unchanged). */
  goals: Record<string, GoalAchievement>;
}

export const emptyDraft = (): ReviewDraft => ({ note: '', decisions: [{ description: '', owner: '', due: '' }], stage: '', intensity: '', goals: {} });

const INTENSITY_KEY: Record<Intensity, MessageKey> = { intensif: 'intensive', 'orientation-telephonique': 'phoneOrientation', 'appui-conseil': 'oneOffAdvice' };

export function ReviewForm({ person, draft, owners, psychologist, onChange }: {
  person: AgendaPerson;
  draft: ReviewDraft;
  owners: { reference: string; label: string }[];
  psychologist: boolean;
  onChange(draft: ReviewDraft): void;
}): ReactNode {
  const { t, lang } = useI18n();
  const id = useId();
  const setDecision = (i: number, patch: Partial<DecisionInput>): void => onChange({ ...draft, decisions: draft.decisions.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  return (
    <fieldset className="review" data-testid="review">
      <legend>{t('reviewOf', { name: person.name })}</legend>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('note')}</label>
        <textarea id={`${id}-note`} rows={2} value={draft.note} onChange={(e) => onChange({ ...draft, note: e.target.value })} />
        {psychologist && <span className="muted">{t('noteLabelled')}</span>}
      </div>
      {draft.decisions.map((d, i) => (
        <div className="decision" key={i} role="group" aria-label={`${t('decision')} ${i + 1}`}>
          <div className="field">
            <label htmlFor={`${id}-d${i}`}>{t('decision')}</label>
            <input id={`${id}-d${i}`} value={d.description} onChange={(e) => setDecision(i, { description: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-o${i}`}>{t('decisionOwner')}</label>
            <select id={`${id}-o${i}`} value={d.owner} onChange={(e) => setDecision(i, { owner: e.target.value })}>
              <option value="">—</option>
              {owners.map((o) => <option key={o.reference} value={o.reference}>{o.label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due${i}`}>{t('decisionDueDate')}</label>
            <input id={`${id}-due${i}`} type="date" value={d.due} onChange={(e) => setDecision(i, { due: e.target.value })} />
          </div>
        </div>
      ))}
      <button type="button" onClick={() => onChange({ ...draft, decisions: [...draft.decisions, { description: '', owner: '', due: '' }] })}>{t('addDecision')}</button>
      {person.carePlan && (
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('newStage')}</label>
          <select id={`${id}-stage`} value={draft.stage} onChange={(e) => onChange({ ...draft, stage: e.target.value })}>
            <option value="">{t('unchanged')}</option>
            {PATHWAY_STAGES.map((s) => <option key={s} value={s}>{codeWord(PATHWAY_STAGE_SYSTEM, s, lang) ?? s}</option>)}
          </select>
        </div>
      )}
      {person.carePlan && INTENSITY_URL && (
        <div className="field">
          <label htmlFor={`${id}-intensity`}>{t('newIntensity')}</label>
          <select id={`${id}-intensity`} value={draft.intensity} onChange={(e) => onChange({ ...draft, intensity: e.target.value as Intensity | '' })}>
            <option value="">{t('unchanged')}</option>
            {INTENSITIES.map((s) => <option key={s} value={s}>{t(INTENSITY_KEY[s])}</option>)}
          </select>
        </div>
      )}
      {person.goals.map((g) => (
        <div className="field" key={g.id}>
          <label htmlFor={`${id}-g-${g.id}`}>{t('goalProgressOf', { goal: g.description?.text ?? '' })}</label>
          <select id={`${id}-g-${g.id}`} value={draft.goals[g.id ?? ''] ?? ''} onChange={(e) => onChange({ ...draft, goals: withGoal(draft.goals, g.id ?? '', e.target.value as GoalAchievement | '') })}>
            <option value="">{t('unchanged')}</option>
            {GOAL_ACHIEVEMENTS.map((v) => <option key={v} value={v}>{statusLabel('goalAchievement', v, lang)}</option>)}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

function withGoal(goals: Record<string, GoalAchievement>, id: string, value: GoalAchievement | ''): Record<string, GoalAchievement> {
  const next = { ...goals };
  if (value) next[id] = value;
  else delete next[id];
  return next;
}
