// French identifiers, shaped as the real ones are (synthetic values):
// INS-NIR (15 characters with its key), RPPS (11 digits, Luhn check digit), FINESS (9 characters).

/**
 * INS-NIR: sex (1 or 2), year (2), month (2), birth commune INSEE code (5, Corsica 2A/2B), order (3), key (2).
 * The key is 97 - (the 13 first characters as a number mod 97), with 2A read as 19 and 2B as 18.
 */
export function insNir(sex: 'male' | 'female', birthDate: string, inseeCode: string, order: number): string {
  const body = `${sex === 'male' ? 1 : 2}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${inseeCode}${String(order % 1000).padStart(3, '0')}`;
  const numeric = body.replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(numeric) % 97n);
  return `${body}${String(key).padStart(2, '0')}`;
}

/** Luhn check digit of a string of digits. */
function luhn(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** RPPS number: 11 digits starting with 1, the last one a Luhn key. */
export function rpps(serial: number): string {
  const body = `1${String(serial % 1_000_000_000).padStart(9, '0')}`;
  return `${body}${luhn(body)}`;
}

/** FINESS number: department (2) then 6 digits and a Luhn key. */
export function finess(department: string, serial: number): string {
  const body = `${department}${String(serial % 1_000_000).padStart(6, '0')}`;
  return `${body}${luhn(body.replace('2A', '20').replace('2B', '20'))}`;
}
