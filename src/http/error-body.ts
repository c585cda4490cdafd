import { z } from 'zod';
import { errorCatalogue, type ErrorCode } from '../kernel/errors.js';

const codes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

/**
 * The one shape of every JSON error (DESIGN.md, "Contracts"): `{ error: { code, message } }`.
 * Registered under the id `Erreur` so the OpenAPI document shows it once, as a component.
 */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(codes).describe('Code stable du catalogue d’erreurs (voir docs/errors.md).'),
      message: z.string().describe('Message en français, sans donnée personnelle.'),
    }),
  })
  .meta({ id: 'Erreur', description: 'Réponse d’erreur de l’API rempart.' });

/** A JSON error body. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The body for a catalogue code: the message is always the catalogue's, never the cause's. */
export function errorBody(code: ErrorCode): ErrorBody {
  return { error: { code, message: errorCatalogue[code].message } };
}
