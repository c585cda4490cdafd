import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** Our own page scripts, read once; each is a plain ES module from our origin (CSP 'self'). */
const scripts = ['appareil.js'] as const;

export function registerIdentityAssets(app: FastifyInstance): void {
  for (const name of scripts) {
    const body = readFileSync(path.join(staticDir, name));
    app.get(`/static/${name}`, { schema: { hide: true }, config: { access: { level: 'public' } } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(body),
    );
  }
}
