import { foldText, leetVariants } from './fold.js';

/** What the person told us about themselves, to keep out of their password. */
export interface PersonalContext {
  email?: string;
  names?: string[];
}

/** Shorter pieces ("Li", "Léa") would refuse too many unrelated passwords. */
const MIN_PIECE_LENGTH = 4;

/**
 * Whether the password contains the e-mail's local part, one of its pieces ("jean.dupont" →
 * "jean", "dupont") or one of the names (whole or by word), ignoring case, accents, separators
 * and leetspeak. CNIL délib. 2022-100 warns against passwords built from information about
 * the person; NIST SP 800-63B §5.1.1.2 lists context-specific words among those to refuse.
 */
export function containsPersonalInfo(password: string, context: PersonalContext): boolean {
  const pieces = personalPieces(context);
  if (pieces.length === 0) return false;
  const folded = foldText(password);
  const compact = folded.replace(/[^\p{L}\p{N}@$]+/gu, '');
  const haystacks = [folded, compact, ...leetVariants(folded), ...leetVariants(compact)];
  return pieces.some((piece) => haystacks.some((haystack) => haystack.includes(piece)));
}

function personalPieces(context: PersonalContext): string[] {
  const sources: string[] = [];
  const email = context.email ?? '';
  const at = email.lastIndexOf('@');
  if (at > 0) sources.push(email.slice(0, at));
  sources.push(...(context.names ?? []));
  const pieces = new Set<string>();
  for (const source of sources) {
    const words = foldText(source)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    pieces.add(words.join(''));
    for (const word of words) pieces.add(word);
  }
  return [...pieces].filter((piece) => [...piece].length >= MIN_PIECE_LENGTH);
}
