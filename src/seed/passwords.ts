import { randomInt } from 'node:crypto';

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '-_.!@#%+=?';
const alphabet = lower + upper + digits + symbols;

/**
 * A demo password: 24 characters from the OS CSPRNG (about 150 bits), with every class
 * present, well beyond CNIL's délibération 2022-100 (12 characters of four classes). Look-alike
 * characters (l, 1, O, 0) are left out, since people copy these passwords by hand.
 */
export function strongPassword(length = 24): string {
  for (;;) {
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
    if ([lower, upper, digits, symbols].every((set) => [...password].some((char) => set.includes(char))))
      return password;
  }
}
