// On a slow link the plan's data can arrive before React and the plan view (main.js, the largest chunk): the status
// line and the goals are then drawn from this small chunk, in plain DOM with the same words (status-words.ts,
// goal-words.ts), so the GP reads them seconds earlier (issue 17: readable in 6 s at 400 kbit/s). React replaces
// this content when it renders the plan (createRoot clears its container). Nothing here is interactive.
import type { PlanData } from './fhir/load-plan.ts';
import { dictionaries } from './i18n/dict.ts';
import type { Lang } from './i18n/dict.ts';
import { goalWords } from './ui/goal-words.ts';
import { peekVisit } from './ui/last-visit.ts';
import { statusWords } from './ui/status-words.ts';

function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const spans = (list: string[], className: string): HTMLElement[] => list.map((text) => el('span', { class: className }, text));

/** Draws the status line and the goals of `data` into `root` (its loading message replaced). */
export function paintFirst(root: HTMLElement, data: PlanData, lang: Lang): void {
  const dict = dictionaries[lang];
  // The previous visit as the status line will read it (recorded by the React status line, not here).
  const { alerts, facts } = statusWords(data, lang, peekVisit(data.user.reference, data.patient.id ?? ''));
  const status = el(
    'section',
    { class: 'status-line', id: 'status', 'aria-labelledby': 'status-h', tabindex: '-1', 'data-testid': 'status' },
    el('h2', { id: 'status-h', class: 'sr-only' }, dict.statusTitle),
    ...(alerts.length ? [el('p', { class: 'status-alerts', 'data-testid': 'status-alerts' }, ...spans(alerts, 'alert-item'))] : []),
    el('p', { class: 'status-facts', 'data-testid': 'status-facts' }, ...spans(facts, 'fact')),
  );
  const goals = data.goals.map((g) => {
    const w = goalWords(g, data, lang);
    const line: (Node | string)[] = [];
    if (w.target) line.push(w.target);
    if (w.latest && w.state) line.push(' · ', w.latest, ' ', el('span', { class: w.state.className, 'data-testid': 'goal-state' }, w.state.text));
    if (w.noMeasure) line.push(' · ', el('span', { class: 'muted' }, dict.noMeasure));
    return el('li', { 'data-testid': 'goal' }, el('strong', {}, w.label), ' ', el('span', { class: 'muted' }, w.status), ...(line.length ? [el('div', {}, ...line)] : []));
  });
  const section = el(
    'section',
    { class: 'card', id: 'goals', 'aria-labelledby': 'goals-h' },
    el('div', { class: 'card-head' }, el('h2', { id: 'goals-h' }, dict.goals)),
    goals.length ? el('ul', { class: 'list' }, ...goals) : el('p', {}, dict.noGoals),
  );
  root.replaceChildren(
    el('header', { class: 'top' }, el('h1', {}, dict.appTitle)),
    el('main', {}, el('div', { class: 'app' }, status, el('div', { class: 'grid' }, section), el('p', { role: 'status', class: 'muted' }, dict.loading))),
  );
}
