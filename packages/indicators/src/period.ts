// The reporting period: inclusive first and last days (YYYY-MM-DD), and the values the Measures' expressions and
// searches use. A search window is widened by two days each side: a server may compare instants in UTC while the
// populations compare local dates, so nothing at the edges is lost; the populations then filter exactly.
import { fail } from '@parcours/outcomes';

export interface Period {
  start: string;
  end: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function realDay(day: string): boolean {
  return DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
}

/** Checks a period; a bad one is refused with an OperationOutcome naming the parameter. */
export function checkPeriod(start: string | undefined, end: string | undefined): Period {
  if (!start || !realDay(start)) fail('invalid', 'invalid', 'periodStart', `periodStart doit être une date AAAA-MM-JJ (reçu « ${start ?? ''} ») / periodStart must be a date YYYY-MM-DD`);
  if (!end || !realDay(end)) fail('invalid', 'invalid', 'periodEnd', `periodEnd doit être une date AAAA-MM-JJ (reçu « ${end ?? ''} ») / periodEnd must be a date YYYY-MM-DD`);
  if (end < start) fail('invalid', 'invalid', 'periodEnd', `La période finit (${end}) avant de commencer (${start}) / the period ends before it starts`);
  return { start, end };
}

/** `2026`, `2026-03` or `2026-01-01/2026-06-30` (the CLI's --period) as a period. */
export function parsePeriod(text: string): Period {
  if (/^\d{4}$/.test(text)) return checkPeriod(`${text}-01-01`, `${text}-12-31`);
  if (/^\d{4}-\d{2}$/.test(text)) {
    const [y, m] = text.split('-').map(Number) as [number, number];
    return checkPeriod(`${text}-01`, new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
  }
  const [start, end] = text.split('/');
  return checkPeriod(start, end);
}

/** The variables of the Measures' expressions and searches (README: "Variables"). */
export function periodVariables(period: Period): Record<string, string> {
  return {
    '%periodStart': period.start,
    '%periodEnd': period.end,
    '%dayAfterPeriod': shift(period.end, 1),
    '%searchFrom': shift(period.start, -2),
    '%searchUntil': shift(period.end, 2),
  };
}

/** Replaces `{{%name}}` in an x-fhir-query with the variables' values (only plain variables are supported). */
export function fillQuery(query: string, variables: Record<string, string>): string {
  return query.replace(/\{\{\s*(%[A-Za-z]+)\s*\}\}/g, (whole, name: string) => {
    const value = variables[name];
    if (value === undefined) return fail('invalid', 'invalid', 'Measure.group.extension', `Variable inconnue ${name} dans la recherche « ${query} » / unknown variable`);
    return encodeURIComponent(value);
  });
}
