import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** Where the OpenAPI document is served (DESIGN.md, "Contracts"). */
export const OPENAPI_PATH = '/api/openapi.json';

const DESCRIPTION =
  'API JSON de rempart, la plateforme publique de l’emploi : offres d’emploi public, candidatures, ' +
  'vivier de candidats et suivi des stagiaires en formation. Toutes les erreurs ont la forme ' +
  '`{ "error": { "code", "message" } }` ; les codes stables et leurs statuts HTTP sont listés dans ' +
  'le catalogue d’erreurs (docs/errors.md).';

/**
 * Collects every route's zod schemas into an OpenAPI 3.1 document. Must be registered before
 * the routes it describes, since it listens for them as they are added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'API rempart', description: DESCRIPTION, version: 'v1' },
      tags: [
        { name: 'api', description: 'Informations sur l’API' },
        { name: 'supervision', description: 'État du service, pour la supervision' },
        { name: 'compte', description: 'Le compte de la session et ses sessions ouvertes' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document)),
  });
}

/**
 * The zod provider emits every registered schema twice, as input (`ErreurInput`) and output
 * (`Erreur`); only the ones a route or another component refers to are worth publishing.
 */
function withoutUnusedSchemas<Document extends object>(document: Document): Document {
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  if (!components?.schemas) return document;
  const text = JSON.stringify(document);
  const used = Object.entries(components.schemas).filter(([name]) => text.includes(`"#/components/schemas/${name}"`));
  return { ...document, components: { ...components, schemas: Object.fromEntries(used) } };
}

/** Serves the document; it is built once, when the app is ready. */
export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get(OPENAPI_PATH, { schema: { hide: true }, config: { access: { level: 'public' } } }, async () => app.swagger());
}
