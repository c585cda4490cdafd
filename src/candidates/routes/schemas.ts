import { z } from 'zod';
import { formFields } from '../../http/kit/index.js';
import { CATEGORIES, DEPARTEMENTS, LANGUAGES, LEVELS, METIERS, REGIONS } from '../choices.js';

/** Checkboxes sent under one name: none, one (a string) or several (a list), each from `values`. */
function manyOf(values: readonly string[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(
      z
        .array(z.string().refine((item) => values.includes(item), { error: 'Choisissez dans la liste proposée.' }))
        .max(values.length),
    );
}

const departementCodes = DEPARTEMENTS.map((d) => d.code);

export const identityFields = z.strictObject({
  lastName: formFields.text('Indiquez votre nom.', 100),
  firstName: formFields.text('Indiquez votre prénom.', 100),
  birthDate: formFields.optionalText(10),
  email: formFields.optionalText(254),
  phone: formFields.optionalText(20),
  addressLine: formFields.optionalText(200),
  postcode: formFields.optionalText(5),
  commune: formFields.optionalText(100),
  departement: z
    .string()
    .optional()
    .refine((code) => !code || departementCodes.includes(code), { error: 'Choisissez un département de la liste.' }),
});

/** « MM/AAAA », as the career form asks. */
const month = /^(0[1-9]|1[0-2])\/((?:19|20)\d{2})$/;
const monthField = (missing: string) =>
  formFields.text(missing, 7).refine((value) => month.test(value), { error: 'Indiquez le mois et l’année : 03/2021.' });

export const careerFields = z.strictObject({
  title: formFields.text('Indiquez le poste occupé.', 120),
  employer: formFields.text('Indiquez l’employeur.', 120),
  from: monthField('Indiquez le mois de début : 03/2021.'),
  to: formFields
    .optionalText(7)
    .refine((value) => value === undefined || month.test(value), { error: 'Indiquez le mois et l’année : 06/2024.' }),
});

/** « 03/2021 » → « 2021-03 », the form the profile keeps. */
export function isoMonth(value: string): string {
  const [, number, year] = month.exec(value)!;
  return `${year}-${number}`;
}

const levelField = z
  .enum(['', ...LEVELS], { error: 'Choisissez un niveau de la liste.' })
  .optional()
  .transform((level) => (level ? level : undefined));

export const wishesFields = z.strictObject({
  posts: manyOf(METIERS.map((_, index) => `m${index}`)),
  categories: manyOf(CATEGORIES.map((c) => c.value)),
  regions: manyOf(REGIONS.map((r) => r.code)),
  departements: manyOf(departementCodes),
  aspirations: formFields.optionalText(1000),
  ...Object.fromEntries(LANGUAGES.map((language) => [`langue_${language.code}`, levelField])),
} as Record<string, z.ZodType>);

export const poolFields = z.strictObject({
  pool: formFields.choice(['oui', 'non'], 'Choisissez si votre profil figure dans le vivier.'),
});

export const removeCareerFields = z.strictObject({ index: z.coerce.number().int().min(0).max(99) });
