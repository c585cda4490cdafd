import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The Content-Security-Policy of every response. Scripts and styles come only from our own
 * origin: no inline script, no inline style, no 'unsafe-*' anywhere, so injected markup cannot
 * run (ASVS 4.0.3 V14.4.3).
 * The DSFR 1.14.4 works under it: its CSS needs no inline style and its script only sets styles
 * through the CSSOM, which CSP does not restrict. `img-src data:` is for the DSFR's CSS, which
 * draws a few small shapes as data: SVG.
 */
export const cspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
} as const;

/** The header's value, for the few responses Fastify writes before any hook runs. */
export const contentSecurityPolicy = Object.entries(cspDirectives)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

// Powerful features are off, except passkeys (WebAuthn) for our own origin.
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'publickey-credentials-create=(self)',
  'publickey-credentials-get=(self)',
].join(', ');

const TWO_YEARS_S = 2 * 365 * 24 * 60 * 60;

/**
 * Headers every response carries besides Helmet's. `Cache-Control: no-store` is the default so
 * that no page or API answer with personal data stays in a shared or browser cache; the static
 * DSFR files replace it with their own long cache.
 */
export function setBaselineHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('permissions-policy', PERMISSIONS_POLICY);
}

/** Registers Helmet with our policy, and the baseline headers on every request. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives },
    strictTransportSecurity: { maxAge: TWO_YEARS_S, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onRequest', async (_request, reply) => {
    setBaselineHeaders(reply);
  });
}

/**
 * For responses Fastify sends outside the request lifecycle (a URL it cannot decode), where no
 * hook runs: the same policy, written by hand.
 */
export function setFallbackSecurityHeaders(reply: FastifyReply): void {
  setBaselineHeaders(reply);
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
}
