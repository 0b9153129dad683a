import { describe, expect, it } from 'vitest';
import { formatDate } from './dict.ts';
import { parisDay } from './paris-date.ts';

const intl = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });
const HOUR = 3_600_000;

describe('parisDay', () => {
  it('gives the day Intl gives in Paris, hour by hour around every clock change from 1996 to 2060', () => {
    for (let year = 1996; year <= 2060; year++) {
      for (const month of [2, 9]) {
        // The last Sunday of March / October, and the 30 hours around its 01:00 UTC change.
        const last = Date.UTC(year, month + 1, 0);
        const sunday = last - new Date(last).getUTCDay() * 24 * HOUR;
        for (let h = -12; h <= 18; h++) {
          for (const minute of [0, 59]) {
            const iso = new Date(sunday + h * HOUR + minute * 60_000).toISOString();
            expect(parisDay(iso), iso).toBe(intl.format(new Date(iso)));
          }
        }
      }
    }
  });

  it('gives the day Intl gives for instants written with an offset, across the year', () => {
    for (let day = 0; day < 400; day += 1) {
      const t = Date.UTC(2026, 0, 1) + day * 24 * HOUR + 22.5 * HOUR; // 22:30 UTC: the next day in Paris
      const iso = new Date(t).toISOString().replace('Z', '+00:00');
      expect(parisDay(iso), iso).toBe(intl.format(new Date(iso)));
      const minus = `${new Date(t - 5 * HOUR).toISOString().slice(0, 19)}-05:00`; // the same instant, New York's way
      expect(parisDay(minus), minus).toBe(intl.format(new Date(minus)));
    }
  });

  it('writes a date without a time as that day, and leaves to Intl what it cannot say exactly', () => {
    expect(parisDay('2026-12-01')).toBe('01/12/2026');
    expect(parisDay('1975-04-12')).toBe('12/04/1975');
    expect(parisDay('2026-03')).toBe('01/03/2026');
    expect(parisDay('2026')).toBe('01/01/2026');
    expect(parisDay('1985-07-01T23:30:00Z')).toBeUndefined(); // before the EU rule: Intl knows 1985's summer time
    expect(parisDay('pas une date')).toBeUndefined();
    expect(parisDay('12/01/2026')).toBeUndefined();
  });

  it('keeps formatDate as it was in both languages, Intl included where parisDay gives up', () => {
    for (const value of ['2026-12-01', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2026-03-29T00:30:00Z', '1985-07-01T23:30:00Z', '1950-01-01']) {
      expect(formatDate(value, 'fr'), value).toBe(intl.format(new Date(value)));
      expect(formatDate(value, 'en'), value).toBe(new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(value)));
    }
    expect(formatDate('pas une date')).toBe('pas une date');
  });
});
