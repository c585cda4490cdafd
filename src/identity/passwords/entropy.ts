/**
 * The strength estimate of CNIL délibération n° 2022-100: entropy = length × log2(alphabet),
 * the alphabet being the sum of the character classes the password uses. The sizes are the
 * CNIL's own (its calculator and example 1: 26 + 26 + 10 + 37 special characters).
 */
const CLASSES = [
  { name: 'lower', size: 26, test: (char: string) => char >= 'a' && char <= 'z' },
  { name: 'upper', size: 26, test: (char: string) => char >= 'A' && char <= 'Z' },
  { name: 'digit', size: 10, test: (char: string) => char >= '0' && char <= '9' },
] as const;

/** Anything else (punctuation, space, accented letters…) counts as a special character. */
const SPECIAL_SIZE = 37;

/** What the policy needs to know about a password's composition. */
export interface Strength {
  /** Characters that count, after discounting repetitions and runs (see `effectiveLength`). */
  length: number;
  /** Size of the alphabet the password draws from. */
  pool: number;
  bits: number;
}

/**
 * The password's strength by the CNIL formula, counted on what an attacker would actually have
 * to guess: a password that is one block repeated ("Soleil!Soleil!") counts as the block, and
 * a character continuing a run ("aaa", "abc", "987") does not count. The CNIL formula alone
 * would score "aaaaaaaaaaaaaaaaaa" at 85 bits.
 */
export function estimateStrength(password: string): Strength {
  const chars = smallestRepeatedBlock([...password]);
  let pool = 0;
  for (const cls of CLASSES) if (chars.some(cls.test)) pool += cls.size;
  if (chars.some((char) => !CLASSES.some((cls) => cls.test(char)))) pool += SPECIAL_SIZE;
  const length = effectiveLength(chars);
  return { length, pool, bits: pool === 0 ? 0 : length * Math.log2(pool) };
}

/** The shortest block whose repetition makes the whole password ("abcabc" → "abc"). */
function smallestRepeatedBlock(chars: string[]): string[] {
  const n = chars.length;
  for (let size = 1; size <= n / 2; size++) {
    if (n % size !== 0) continue;
    if (chars.every((char, i) => char === chars[i % size])) return chars.slice(0, size);
  }
  return chars;
}

/**
 * Counts characters, leaving out each one that extends a run of three or more with the same
 * step of -1, 0 or +1 between code points ("aaa", "abc", "321"). Runs of two are common by
 * chance in random passwords and still count.
 */
function effectiveLength(chars: string[]): number {
  let count = 0;
  for (let i = 0; i < chars.length; i++) {
    const step = i >= 1 ? codePoint(chars[i]) - codePoint(chars[i - 1]) : NaN;
    const previousStep = i >= 2 ? codePoint(chars[i - 1]) - codePoint(chars[i - 2]) : NaN;
    if (Math.abs(step) <= 1 && step === previousStep) continue;
    count++;
  }
  return count;
}

function codePoint(char: string | undefined): number {
  return char?.codePointAt(0) ?? NaN;
}
