// Calendar days (YYYY-MM-DD) as the watch counts them: a FHIR date or dateTime counts on the local date it was
// written with (its first ten characters), and "today" is the date in Europe/Paris.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the date part of a FHIR date/dateTime; undefined when absent or malformed. */
export function dayOf(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  return Math.round(Date.parse(`${value.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** YYYY-MM-DD of a day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day number of an instant in Europe/Paris. */
export function parisDay(instant: Date): number {
  return dayOf(paris.format(instant)) ?? Math.floor(instant.getTime() / DAY_MS);
}
