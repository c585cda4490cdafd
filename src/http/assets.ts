import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { FAVICON_PATH } from '../ui/layout.js';

const require = createRequire(import.meta.url);
const packageJsonPath = require.resolve('@gouvfr/dsfr/package.json');

/** The folder the DSFR publishes its built files in. */
export const dsfrDist = path.join(path.dirname(packageJsonPath), 'dist');

/** The DSFR version, added to asset URLs so an upgrade is never hidden by a year-long cache. */
export const dsfrVersion: string = (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string }).version;

/** Where the DSFR is served from. */
export const DSFR_PREFIX = '/dsfr/';

/** URL of a DSFR file for pages, with the version as a cache key. */
export function dsfrAsset(file: string): string {
  return `${DSFR_PREFIX}${file}?v=${encodeURIComponent(dsfrVersion)}`;
}

// Only what pages use is served: no source maps, no legacy bundles, no README, no favicons
// (the DSFR favicon is the Marianne, which is reserved to State services).
const SERVED = [
  /^\/dsfr\.min\.css$/,
  /^\/utility\/utility\.min\.css$/,
  /^\/dsfr\.module\.min\.js$/,
  /^\/fonts\/[\w-]+\.woff2?$/,
  /^\/icons\/[\w/-]+\.svg$/,
];

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Serves the DSFR's CSS, fonts, icons and script under `/dsfr/`, with a long cache. */
export async function registerDsfrAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: dsfrDist,
    prefix: DSFR_PREFIX,
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: ONE_YEAR_MS,
    allowedPath: (pathName) => SERVED.some((pattern) => pattern.test(pathName)),
  });
}

const favicon = readFileSync(new URL('./favicon.svg', import.meta.url));
const ONE_DAY_S = 24 * 60 * 60;

/**
 * Our icon, at the address pages link to and at /favicon.ico, which browsers ask for on their
 * own (a redirect: one file to keep). Not the DSFR's, which is the Marianne.
 */
export function registerFavicon(app: FastifyInstance): void {
  const open = { schema: { hide: true }, config: { access: { level: 'public' as const } } };
  app.get(FAVICON_PATH, open, (_request, reply) =>
    reply.header('cache-control', `public, max-age=${ONE_DAY_S}`).type('image/svg+xml').send(favicon),
  );
  app.get('/favicon.ico', open, (_request, reply) => reply.redirect(FAVICON_PATH, 301));
}
