import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** Our own page scripts, read once; each is a plain ES module from our origin (CSP 'self'). */
const scripts: Record<string, string> = {
  'appareil.js': path.join(staticDir, 'appareil.js'),
  'cles.js': path.join(staticDir, 'cles.js'),
  'reprise.js': path.join(staticDir, 'reprise.js'),
  // @simplewebauthn/browser's bundle (MIT): it defines window.SimpleWebAuthnBrowser.
  'webauthn.js': path.join(
    path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
    '../dist/bundle/index.umd.min.js',
  ),
};

export function registerIdentityAssets(app: FastifyInstance): void {
  for (const [name, file] of Object.entries(scripts)) {
    const body = readFileSync(file);
    app.get(`/static/${name}`, { schema: { hide: true }, config: { access: { level: 'public' } } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(body),
    );
  }
}
