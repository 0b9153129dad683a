// Identifiers shaped as the real ones: the INS-NIR key, the RPPS and FINESS Luhn keys, and the profiles' formats.
import { describe, expect, it } from 'vitest';
import { finess, insNir, rpps } from './identity.ts';

const luhnValid = (digits: string): boolean =>
  [...digits].reverse().reduce((sum, c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    return sum + d;
  }, 0) % 10 === 0;

describe('identifiers', () => {
  it('INS-NIR: 15 characters, sex, year, month, commune, order, and a key that checks (Corsica read as 19/18)', () => {
    const ins = insNir('female', '1968-04-12', '59350', 123);
    expect(ins).toMatch(/^[1-8][0-9]{4}([0-9]{2}|2A|2B)[0-9]{8}$/);
    expect(ins.slice(0, 13)).toBe('2680459350123');
    expect(97 - Number(BigInt(ins.slice(0, 13)) % 97n)).toBe(Number(ins.slice(13)));
    const corsica = insNir('male', '1990-03-17', '2A004', 7);
    expect(corsica.slice(0, 13)).toBe('19003' + '2A004' + '007');
    expect(97 - Number(BigInt(corsica.slice(0, 13).replace('2A', '19')) % 97n)).toBe(Number(corsica.slice(13)));
  });

  it('RPPS: 11 digits starting with 1, Luhn key; FINESS: 9 characters, Luhn key', () => {
    for (const serial of [0, 1, 101_220_331, 999_999_999]) {
      const value = rpps(serial);
      expect(value).toMatch(/^1[0-9]{10}$/);
      expect(luhnValid(value)).toBe(true);
    }
    const f = finess('13', 78_310);
    expect(f).toMatch(/^[0-9]{9}$/);
    expect(luhnValid(f)).toBe(true);
  });
});
