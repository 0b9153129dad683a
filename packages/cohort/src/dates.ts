// Calendar helpers on plain dates (YYYY-MM-DD) in Europe/Paris: FHIR dateTimes carry the French offset of their
// day (+01:00 in winter, +02:00 from the last Sunday of March to the last Sunday of October).

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function toDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** YYYY-MM-DD of a day number. */
export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday. */
export function weekday(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

/** Moves a day to the next working day (Monday to Friday). */
export function workingDay(day: number): number {
  const w = weekday(day);
  return w === 5 ? day + 2 : w === 6 ? day + 1 : day;
}

function lastSunday(year: number, month: number): number {
  const lastDay = toDay(`${year}-${String(month).padStart(2, '0')}-31`);
  return lastDay - ((weekday(lastDay) + 1) % 7);
}

/** French UTC offset of a day. */
export function parisOffset(day: number): '+01:00' | '+02:00' {
  const year = Number(fromDay(day).slice(0, 4));
  return day >= lastSunday(year, 3) && day < lastSunday(year, 10) ? '+02:00' : '+01:00';
}

/** FHIR dateTime of a day at a local time given in minutes after midnight. */
export function dateTime(day: number, minutes: number): string {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `${fromDay(day)}T${h}:${m}:00${parisOffset(day)}`;
}
