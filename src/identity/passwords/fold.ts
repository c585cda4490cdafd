/**
 * Text folding shared by the password policy's list and personal-information checks: the
 * comparisons are case- and accent-insensitive, so "Hélène" and "HELENE" are one name.
 */

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/** Lower case, accents removed (NFKD, then no combining marks), French ligatures spelled out. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (char) => LIGATURES[char] ?? char);
}

// The substitutions people make to dress up a word (issue: 0→o, 1→i/l, 3→e, 4→a, 5→s, @→a, $→s).
const LEET: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '@': 'a', $: 's' };

/**
 * The readings of a folded text with its look-alike characters undone: "p4$$w0rd" gives
 * "password". "1" reads as "i" in one variant and as "l" in the other. The text itself is not
 * included.
 */
export function leetVariants(folded: string): string[] {
  const base = folded.replace(/[0345@$]/g, (char) => LEET[char] ?? char);
  return [base.replaceAll('1', 'i'), base.replaceAll('1', 'l')];
}
