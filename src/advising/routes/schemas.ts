import { z } from 'zod';
import { formFields } from '../../http/kit/index.js';
import { followStatuses, MAX_PAGE, NOTE_MAX } from '../advising.policy.js';

/** A page of a list: 1 when left out, never past MAX_PAGE. */
export const pageField = z.coerce.number().int().min(1).max(MAX_PAGE).default(1);

/** An empty field of a GET form is sent as an empty value: it means no filter. */
const blankIsNone = <T extends z.ZodType<string | undefined>>(schema: T) =>
  z
    .union([schema, z.literal('')])
    .optional()
    .transform((value) => (value ? value : undefined));

export const listQuery = z.strictObject({ page: pageField });

/** A job seeker, by the id of their record: in the path of their page (ids are not personal data). */
export const personParams = z.strictObject({ id: z.uuid() });

export const jobSeekerQuery = z.strictObject({ orientation: z.literal('envoyee').optional() });

export const sessionQuery = z.strictObject({
  texte: blankIsNone(z.string().trim().max(100)),
  departement: blankIsNone(z.string().trim().toUpperCase().max(3)),
  page: pageField,
});

export const followQuery = z.strictObject({
  statut: blankIsNone(z.enum(followStatuses)),
  page: pageField,
});

/** The search form: the names are posted, never put in a URL. */
export const searchFields = z.strictObject({
  identifiant: formFields.optionalText(20),
  nom: formFields.optionalText(100),
  prenom: formFields.optionalText(100),
});

export const referralFields = z.strictObject({
  session: formFields.id('Choisissez une session de formation.'),
  note: formFields.optionalText(NOTE_MAX),
});
