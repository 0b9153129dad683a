// A goal's words (issue 17: target in words, latest value with its age, « atteint » only when it holds), without
// React: GoalsView and the first paint (first-paint.ts) say the same thing.
import type { Goal } from '@medplum/fhirtypes';
import type { PlanData } from '../fhir/load-plan.ts';
import { goalProgress } from '../fhir/plan-model.ts';
import { dictionaries, format, formatDate } from '../i18n/dict.ts';
import type { Lang, MessageKey } from '../i18n/dict.ts';
import { conceptLabel, statusLabel } from '../i18n/terms.ts';

/** A latest value older than this is said to be old: the goal's status may no longer hold. */
const STALE_DAYS = 30;
const COMPARATOR_KEY: Record<string, MessageKey> = { '<=': 'atMost', '<': 'lessThan', '>=': 'atLeast', '>': 'moreThan' };

export interface GoalWords {
  label: string;
  /** « (en cours, en amélioration) ». */
  status: string;
  target?: string;
  latest?: string;
  state?: { className: 'stale' | 'ok' | 'warn'; text: string };
  ratio?: number;
  noMeasure: boolean;
}

/** How old a date is, in words (« il y a 3 semaines »). */
export function ageWords(date: string, lang: Lang, now = Date.now()): { words: string; days: number } {
  const t = (key: MessageKey, vars?: Record<string, string | number>): string => format(dictionaries[lang][key], vars);
  const days = Math.max(0, Math.floor((now - new Date(date).getTime()) / 86_400_000));
  const words = days < 14 ? t('agoDays', { n: days }) : days < 61 ? t('agoWeeks', { n: Math.floor(days / 7) }) : t('agoMonths', { n: Math.floor(days / 30.4) });
  return { words, days };
}

export function goalWords(g: Goal, data: PlanData, lang: Lang): GoalWords {
  const t = (key: MessageKey, vars?: Record<string, string | number>): string => format(dictionaries[lang][key], vars);
  const date = (value: string | undefined): string => formatDate(value, lang);
  const p = goalProgress(g, data.observations, lang);
  const status = `(${statusLabel('goalLifecycle', g.lifecycleStatus, lang)}${g.achievementStatus ? `, ${conceptLabel(g.achievementStatus, lang)}` : ''})`;
  if (!p.target) return { label: p.label, status, noMeasure: false };
  const comparator = COMPARATOR_KEY[p.target.comparator];
  const target = t('target', { target: `${comparator ? t(comparator, { value: p.target.value }) : p.target.value} ${p.target.unit}${p.target.due ? ` — ${t('by', { date: date(p.target.due) })}` : ''}` });
  if (!p.latest) return { label: p.label, status, target, noMeasure: true };
  const old = ageWords(p.latest.date, lang);
  const stale = old.days > STALE_DAYS;
  return {
    label: p.label,
    status,
    target,
    latest: t('latest', { value: `${p.latest.value} (${date(p.latest.date)}, ${old.words})` }),
    state: { className: stale ? 'stale' : p.achieved ? 'ok' : 'warn', text: `${p.achieved ? t('onTrack') : t('offTrack')}${stale ? ` — ${t('staleValue')}` : ''}` },
    ratio: p.ratio ?? 0,
    noMeasure: false,
  };
}
