import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { AppError } from '../kernel/errors.js';
import { errorBodySchema } from './error-body.js';

const healthySchema = z.object({ status: z.literal('ok') }).describe('La base de données répond.');

/**
 * `GET /health`: 200 when the database answers `SELECT 1`, 503 SERVICE_UNAVAILABLE otherwise
 * (DESIGN.md, "Contracts"). It says nothing else, so it can be left open to probes.
 */
export function registerHealthRoute(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      config: { access: { level: 'public' } },
      schema: {
        summary: 'État du service',
        description: 'Répond 200 quand la base de données est joignable, 503 sinon.',
        tags: ['supervision'],
        response: {
          200: healthySchema,
          503: {
            description: 'La base de données ne répond pas (SERVICE_UNAVAILABLE).',
            content: { 'application/json': { schema: errorBodySchema } },
          },
        },
      },
    },
    async (request) => {
      try {
        await db.query('SELECT 1');
      } catch (error) {
        request.log.warn({ err: error }, 'la base de données ne répond pas');
        throw new AppError('SERVICE_UNAVAILABLE', 'health check: database unreachable');
      }
      return { status: 'ok' as const };
    },
  );
}
