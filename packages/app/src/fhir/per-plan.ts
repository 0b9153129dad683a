// The plan's views derive the same rows from one plan again and again in a render (the status line, the chart, the
// lists and the timeline each want the encounters, the meetings, the activities): computed once per plan data and
// language instead (issue 17: the plan's first render is on the launch's critical path). The data of a plan is never
// changed in place, a change gives a new object (usePlan's mergeResources), so its identity is its version.
import type { Lang } from '../i18n/dict.ts';
import type { PlanData } from './load-plan.ts';

/**
 * `compute`, remembered per plan data and language (the plan data held weakly). Its result is shared by every
 * caller: read it, never change it.
 */
export function perPlan<T>(compute: (data: PlanData, lang: Lang) => T): (data: PlanData, lang?: Lang) => T {
  const known = new WeakMap<PlanData, Partial<Record<Lang, T>>>();
  return (data, lang = 'fr') => {
    let entry = known.get(data);
    if (!entry) known.set(data, (entry = {}));
    if (!(lang in entry)) entry[lang] = compute(data, lang);
    return entry[lang] as T;
  };
}
