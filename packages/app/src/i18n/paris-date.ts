// The calendar day of a FHIR date or dateTime in Paris (dd/mm/yyyy), computed without Intl: the first
// Intl.DateTimeFormat with a time zone loads the zone's data on the page's thread (~30 ms in a CPU profile of the
// plan's first render, issue 17), and the plan formats its dates before anything else is drawn.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 01:00 UTC on the last Sunday of `month` (0-based) of `year`: when the EU changes its clocks (since 1996). */
function lastSundayAt1Utc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY + HOUR;
}

/** Paris's offset from UTC at `t` (ms), for years the EU's summer-time rule covers; undefined outside them. */
export function parisOffset(t: number): number | undefined {
  const year = new Date(t).getUTCFullYear();
  if (year < 1996 || year > 2099) return undefined;
  return t >= lastSundayAt1Utc(year, 2) && t < lastSundayAt1Utc(year, 9) ? 2 * HOUR : HOUR;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * `value` as dd/mm/yyyy, the day it is in Paris; undefined when this cannot say it exactly (an unreadable value, or
 * a dateTime outside 1996–2099) and Intl must. A date without a time (`2026-12-01`, `2026-12`, `2026`) is that day
 * wherever one is: read as UTC midnight, it is shown as is.
 */
export function parisDay(value: string): string | undefined {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  let at = t;
  if (value.length > 10) {
    const offset = parisOffset(t);
    if (offset === undefined) return undefined;
    at = t + offset;
  } else if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) {
    return undefined;
  }
  const d = new Date(at);
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999) return undefined;
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${year}`;
}
