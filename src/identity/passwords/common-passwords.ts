import { dictionary } from '@zxcvbn-ts/language-common';
import { foldText, leetVariants } from './fold.js';
import { FRENCH_COMMON_PASSWORDS } from './french-common.js';

/**
 * The refused passwords, loaded once: the 49,233 entries of `dictionary['passwords-common']`
 * from @zxcvbn-ts/language-common 4.x (MIT, https://github.com/zxcvbn-ts/zxcvbn), a frequency
 * list built from public breach corpora, which ships inside node_modules so no check leaves the
 * machine; plus our own French list. CNIL délib. 2022-100 asks that passwords known to be
 * common or compromised be refused.
 */
const REFUSED = new Set<string>([...dictionary['passwords-common'], ...FRENCH_COMMON_PASSWORDS]);

/** How many entries the refusal list holds (for docs and tests). */
export const COMMON_PASSWORD_COUNT = REFUSED.size;

/**
 * Whether a password is, or is a thin disguise of, a listed password. Compared in folded form
 * (no case, no accents), also without separators ("Mot de passe", "Fonction-Publique"), with
 * leading and trailing digits and symbols stripped ("Soleil2024!") and with leetspeak undone
 * ("P@ssw0rd"), in either order.
 */
export function isCommonPassword(password: string): boolean {
  return candidates(password).some((candidate) => REFUSED.has(candidate));
}

function candidates(password: string): string[] {
  const folded = foldText(password);
  // Only word separators go: dropping every symbol would shrink "co,L+~ <=~<d$" to a word.
  const compact = folded.replace(/[\s._-]+/g, '');
  const forms = new Set<string>();
  for (const form of [folded, compact, ...leetVariants(compact)]) {
    forms.add(form);
    forms.add(stripEdges(form));
    for (const variant of leetVariants(stripEdges(form))) forms.add(variant);
  }
  forms.delete('');
  return [...forms];
}

/** Removes what people bolt onto a word to pass a composition rule: "2024!", "!!", "#1". */
function stripEdges(text: string): string {
  return text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}
