import type { FastifyInstance } from 'fastify';
import type { Access } from '../../identity/index.js';

/** One route of the app as declared: what it answers, who may call it, what it validates. */
export interface RouteRecord {
  method: string;
  url: string;
  /** Its declared access; undefined for the few routes left to plugins (static files). */
  access: Access | undefined;
  /** Which parts of the request have a schema: `params`, `querystring`, `body`. */
  schemas: string[];
  /** Whether it accepts form bodies. */
  form: boolean;
  /** Whether it accepts one file in a multipart body (src/http/kit/upload-route.ts). */
  upload: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered so far, in order (HEAD routes that mirror a GET left out). */
    routeList(): readonly RouteRecord[];
  }
}

/**
 * Records every route as it is added, so that a test can list the app's routes with their
 * declared access and schemas and assert that list (STYLE.md: each route declares its right and
 * a test asserts it). Register before any route.
 */
export function trackRoutes(app: FastifyInstance): void {
  const records: RouteRecord[] = [];
  // HEAD routes that mirror a GET are Fastify's (or @fastify/static's) own, not declarations.
  app.decorate('routeList', () =>
    records.filter((r) => r.method !== 'HEAD' || !records.some((g) => g.method === 'GET' && g.url === r.url)),
  );
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    for (const method of [route.method].flat()) {
      records.push({
        method,
        url: route.url,
        access: route.config?.access,
        schemas: ['params', 'querystring', 'body'].filter((part) => schema[part] !== undefined),
        form: route.config?.form === true,
        upload: route.config?.upload !== undefined,
      });
    }
  });
}
