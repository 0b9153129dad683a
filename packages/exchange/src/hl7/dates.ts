// Strict HL7 v2 DTM parsing (YYYY[MM[DD[HH[MM[SS[.S{1,4}]]]]]][+/-ZZZZ]) into FHIR dateTime.
// French hospital systems usually send local time without an offset: it is read as Europe/Paris time.
// @medplum/core's parseHl7DateTime is lenient (month 13 rolls over, garbage gives 1900), hence this parser.

const DTM = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/;

export interface Hl7Date {
  /** FHIR dateTime (date only when the HL7 value has day precision or less). */
  fhir: string;
  /** The calendar day, YYYY-MM-DD (local time of the sender). */
  day: string;
  /** Milliseconds since the epoch (start of the period for partial dates). */
  ms: number;
}

const parisFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });

/** Offset of Europe/Paris at a UTC instant, in minutes (60 or 120). */
function parisOffsetMinutes(utcMs: number): number {
  const name = parisFormat.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 60;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parses an HL7 DTM value; returns undefined when it is not a real date and time. */
export function parseHl7Date(value: string): Hl7Date | undefined {
  const m = DTM.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  const dayText = `${y}-${pad(month)}-${pad(day)}`;
  if (h === undefined) {
    if (tz !== undefined) return undefined;
    const fhir = d !== undefined ? dayText : mo !== undefined ? `${y}-${pad(month)}` : `${y}`;
    return { fhir, day: dayText, ms: Date.UTC(year, month - 1, day) - parisOffsetMinutes(Date.UTC(year, month - 1, day)) * 60_000 };
  }
  const hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (mi === undefined) return undefined; // FHIR dateTime needs minutes once the hour is given
  const millis = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  let offset: number;
  if (tz !== undefined) {
    const th = Number(tz.slice(1, 3));
    const tm = Number(tz.slice(3, 5));
    if (th > 14 || tm > 59) return undefined;
    offset = (tz.startsWith('-') ? -1 : 1) * (th * 60 + tm);
  } else {
    offset = parisOffsetMinutes(local - 60 * 60_000);
    const second = parisOffsetMinutes(local - offset * 60_000);
    if (second !== offset) offset = second;
  }
  const fraction = frac === undefined ? '' : `.${frac}`;
  const fhir = `${dayText}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${formatOffset(offset)}`;
  return { fhir, day: dayText, ms: local - offset * 60_000 };
}

/** Adds whole days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}
