/** The user's calendar day in their own time zone (YYYY-MM-DD), not UTC's: at 00:30 in Paris, UTC still says yesterday. */
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Orders two ISO dates (FHIR date, dateTime, instant) as text: their order when they are written alike, and much
 * faster than localeCompare (a heavy record's timeline sorts ~1,300 dated events: ~15,000 comparisons, a visible part
 * of the plan's first render, issue 17).
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
