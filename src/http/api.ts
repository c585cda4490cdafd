import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The prefix of the versioned JSON API (DESIGN.md, "Contracts"). */
export const API_PREFIX = '/api/v1';

const versionSchema = z.strictObject({ version: z.literal('v1') }).describe('La version servie.');

/**
 * The root of the JSON API. Domain modules register their routes under {@link API_PREFIX};
 * this one only answers which version is served, so the prefix appears in the OpenAPI document.
 */
export function registerApiRoot(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    API_PREFIX,
    {
      config: { access: { level: 'public' } },
      schema: {
        summary: 'Version de l’API',
        description: 'Indique la version de l’API servie sous ce préfixe.',
        tags: ['api'],
        response: { 200: versionSchema },
      },
    },
    async () => ({ version: 'v1' as const }),
  );
}
