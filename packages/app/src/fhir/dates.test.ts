import { afterEach, describe, expect, it } from 'vitest';
import { today } from './dates.ts';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('today', () => {
  it("is the user's calendar day in their own time zone, not UTC's", () => {
    const instant = new Date('2026-11-30T12:30:00Z');
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: already 1 December
    expect(today(instant)).toBe('2026-12-01');
    process.env.TZ = 'America/Cayenne'; // UTC-3: still 30 November
    expect(today(instant)).toBe('2026-11-30');
    process.env.TZ = 'Europe/Paris';
    expect(today(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15'); // 00:30 in Paris, summer time
  });
});
