import { isCommonPassword } from './common-passwords.js';
import { estimateStrength } from './entropy.js';
import { MAX_PASSWORD_LENGTH, normalisePassword, passwordLength } from './params.js';
import { containsPersonalInfo, type PersonalContext } from './personal-info.js';

/** Why a password is refused; `message` is the French text shown to the person. */
export interface PasswordProblem {
  code: 'too_long' | 'too_weak' | 'common' | 'personal';
  message: string;
}

/**
 * CNIL délib. 2022-100, case 1 (password alone): at least 80 bits of entropy. Compared after
 * rounding to the whole bit, as the CNIL itself does: its example 1 (12 characters of the four
 * classes) is 12 × log2(99) = 79.55 bits by its own formula. docs/passwords.md has the table.
 */
export const MIN_ENTROPY_BITS = 80;

/**
 * The rule in one sentence, for the hint under every new-password field and for the error of a
 * weak password, so that the person reads the same rule before and after (CNIL 2022-100 case 1).
 */
export const PASSWORD_RULE =
  'Utilisez au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, au moins 14 caractères ' +
  'mêlant majuscules, minuscules et chiffres, ou une phrase de passe plus longue.';

/** The hint of a new-password field: the rule, and what is refused whatever its length. */
export const PASSWORD_HINT = `${PASSWORD_RULE} Les mots de passe courants et ceux qui reprennent votre nom ou votre adresse électronique sont refusés.`;

const MESSAGES: Record<PasswordProblem['code'], string> = {
  too_long: `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`,
  too_weak: `Le mot de passe est trop facile à deviner. ${PASSWORD_RULE} Les répétitions et les suites (« aaa », « 1234 ») ne comptent pas.`,
  common:
    'Ce mot de passe, ou un mot de passe très proche, figure dans une liste de mots de passe courants ' +
    'ou déjà divulgués. Choisissez-en un autre.',
  personal: 'Le mot de passe ne doit contenir ni votre adresse électronique ni votre nom.',
};

/**
 * Checks a new password against rempart's policy (docs/passwords.md) and lists every problem,
 * each with a French message; an empty list means the password is accepted. Run it wherever a
 * password is chosen: account creation, invitation, reset, change.
 */
export function checkPassword(password: string, context: PersonalContext = {}): PasswordProblem[] {
  const normalised = normalisePassword(password);
  // ASVS 4.0.3 V2.1.2; and nothing below should run on a megabyte of input.
  if (passwordLength(normalised) > MAX_PASSWORD_LENGTH) return [problem('too_long')];
  const problems: PasswordProblem[] = [];
  if (Math.round(estimateStrength(normalised).bits) < MIN_ENTROPY_BITS) problems.push(problem('too_weak'));
  if (isCommonPassword(normalised)) problems.push(problem('common'));
  if (containsPersonalInfo(normalised, context)) problems.push(problem('personal'));
  return problems;
}

function problem(code: PasswordProblem['code']): PasswordProblem {
  return { code, message: MESSAGES[code] };
}
