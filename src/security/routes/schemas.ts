import { z } from 'zod';
import { surfaces, type Surface } from '../../guard/surfaces.js';
import { switchReasons, type SwitchReason } from '../../guard/switches.js';
import { formFields } from '../../http/kit/index.js';

/** What the console says once an action is done, by the `fait` of its address. */
export const done = {
  'alerte-confirmee': 'L’alerte est confirmée et consignée au journal de sécurité.',
  'alerte-ecartee': 'L’alerte est écartée et consignée au journal de sécurité.',
  'levee-demandee': 'Levée demandée, en attente d’une seconde personne.',
  'suspension-levee': 'La suspension est levée : le compte peut de nouveau se connecter.',
  'coupure-activee': 'Le coupe-circuit est activé : les consultations qu’il couvre sont refusées dès maintenant.',
  'coupure-levee': 'Le coupe-circuit est levé : les consultations reprennent.',
} as const;
export type Done = keyof typeof done;

const doneKeys = Object.keys(done) as [Done, ...Done[]];
export const noticeQuery = z.strictObject({ fait: z.enum(doneKeys).optional() });

/** An account, by its id in the path of its page (an id, never a name). */
export const accountParams = z.strictObject({ id: z.uuid() });

/** Where an action returns: the page of the account it was about, or the console when absent. */
const back = z.uuid().optional();

export const alertFields = z.strictObject({
  alerte: formFields.id('Choisissez une alerte de la liste.'),
  decision: formFields.choice(['confirmer', 'ecarter'], 'Choisissez de confirmer ou d’écarter l’alerte.'),
  retour: back,
});

export const liftFields = z.strictObject({
  compte: formFields.id('Choisissez un compte de la liste.'),
  retour: back,
});

export const switchLiftFields = z.strictObject({
  coupure: formFields.id('Choisissez un coupe-circuit de la liste.'),
  retour: back,
});

export const switchLevels = ['account', 'organisation', 'surface'] as const;
const reasonKeys = Object.keys(switchReasons) as [SwitchReason, ...SwitchReason[]];
const surfaceKeys = Object.keys(surfaces) as [Surface, ...Surface[]];

/** An empty choice of a select, or an empty text field, is sent as an empty value: none. */
const optionalChoice = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([schema, z.literal('')])
    .optional()
    .transform((value) => (value ? value : undefined));

/**
 * Setting a kill switch: what it stops (a level), the one target of that level, and why. Only
 * the target of the chosen level is read; the form says which is missing.
 */
export const switchFields = z.strictObject({
  niveau: formFields.choice(switchLevels, 'Choisissez ce que le coupe-circuit arrête.'),
  compte: optionalChoice(z.string().trim().max(64)),
  organisation: optionalChoice(z.string().max(64)),
  service: optionalChoice(z.enum(surfaceKeys, { error: 'Choisissez un service de la liste.' })),
  motif: formFields.choice(reasonKeys, 'Choisissez le motif du coupe-circuit.'),
  retour: back,
});
export type SwitchField = keyof z.input<typeof switchFields> & string;

export const holderFields = z.strictObject({});
