import { z } from 'zod';

/*
 * zod schemas for the fields of a form, each with the French sentence the person reads under
 * the field when it is wrong. A form's schema is a `z.strictObject` of these: a field the page
 * does not have is refused.
 */

const secrets = new WeakSet<z.ZodType>();

/** Whether a field's value must never be written back into a page (a password, a code). */
export function isSecretField(schema: z.ZodType | undefined): boolean {
  return schema !== undefined && secrets.has(schema);
}

function secret<Schema extends z.ZodType>(schema: Schema): Schema {
  secrets.add(schema);
  return schema;
}

const tooLong = (max: number) => `${max} caractères au plus.`;

export const formFields = {
  /** Required text, trimmed; `missing` says what to type. */
  text: (missing: string, max = 200) =>
    z
      .string({ error: missing })
      .trim()
      .min(1, { error: missing })
      .max(max, { error: tooLong(max) }),

  /** Optional text, trimmed; empty is undefined. */
  optionalText: (max = 200) =>
    z
      .string({ error: 'Ce champ doit être du texte.' })
      .trim()
      .max(max, { error: tooLong(max) })
      .optional()
      .transform((value) => (value ? value : undefined)),

  /** An e-mail address, trimmed. */
  email: (missing = 'Indiquez une adresse électronique valide, par exemple nom@domaine.fr.') =>
    z
      .string({ error: missing })
      .trim()
      .max(254, { error: tooLong(254) })
      .pipe(z.email({ error: missing })),

  /** A password as typed: never trimmed, never shown back. */
  password: (missing = 'Indiquez votre mot de passe.') =>
    secret(
      z
        .string({ error: missing })
        .min(1, { error: missing })
        .max(1024, { error: tooLong(1024) }),
    ),

  /** A one-time code (TOTP, recovery code): never shown back. */
  code: (missing = 'Indiquez le code.') =>
    secret(
      z
        .string({ error: missing })
        .trim()
        .min(1, { error: missing })
        .max(64, { error: tooLong(64) }),
    ),

  /** One value among a list (radio buttons, a select). */
  choice: <const Values extends readonly [string, ...string[]]>(values: Values, missing: string) =>
    z.enum(values, { error: missing }),

  /** An id the page put in a hidden field or a select. */
  id: (missing = 'Choisissez un élément de la liste.') => z.uuid({ error: missing }),

  /** A value the page itself carries in a hidden field (a token, a return path). */
  hidden: (max = 512) => z.string({ error: 'Le formulaire est incomplet : rechargez la page.' }).max(max),

  /** A checkbox: checked or not. */
  checkbox: () =>
    z
      .literal('on', { error: 'Case à cocher invalide.' })
      .optional()
      .transform((value) => value === 'on'),
};

/**
 * French words for the checks that carry no sentence of their own (a schema written without
 * `formFields`): the person still reads French, if less precise.
 */
export function frenchIssue(issue: { code?: string }): string {
  switch (issue.code) {
    case 'invalid_type':
      return 'Ce champ est obligatoire.';
    case 'too_small':
      return 'Cette valeur est trop courte ou trop petite.';
    case 'too_big':
      return 'Cette valeur est trop longue ou trop grande.';
    case 'invalid_format':
      return 'Cette valeur n’a pas le format attendu.';
    case 'invalid_value':
      return 'Choisissez une des valeurs proposées.';
    case 'unrecognized_keys':
      return 'Le formulaire envoyé ne correspond pas à cette page : rechargez-la et recommencez.';
    default:
      return 'Cette valeur n’est pas valide.';
  }
}
