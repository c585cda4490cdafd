import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { OneLineRequestLogs } from './terminal-request-logs.js';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pino from 'pino';
import { domainRoutes } from '../domains.js';
import type { Db } from '../db/client.js';
import {
  createLinkMinter,
  proofFromElsewhere,
  registerAccessControl,
  registerIdentityAssets,
  registerIdentityRoutes,
  registerRequestGuards,
  reverifyPage,
  viewerRole,
  type LoginDeps,
} from '../identity/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { registerDemoMailbox } from '../mail/index.js';
import { registerApiRoot } from './api.js';
import { registerDsfrAssets, registerFavicon } from './assets.js';
import { answerClientError, registerConnectAnswer } from './client-errors.js';
import { frameworkErrorHandler, registerErrorHandling } from './error-handler.js';
import { registerHealthRoute } from './health.js';
import { createWeb, trackRoutes, type Web } from './kit/index.js';
import { registerOpenApi, registerOpenApiRoute } from './openapi.js';
import { registerPublicPages } from './pages.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * Everything the app is built from. An interface, so the services added later (vault, keyring,
 * mailer…) extend it rather than reach for globals.
 */
export interface AppDeps {
  db: Db;
  clock: Clock;
  random: Random;
  /** Made by `createLogger` (./logger.ts), whose redaction must be on in every mode. */
  logger: pino.Logger;
  mode: 'demo' | 'production';
  /** Signs the nonces of device proofs; derived from the master key, never stored. */
  nonceKey: Buffer;
  /** Keys the hashes client addresses are stored as; derived from the master key, never stored. */
  addressTagKey: Buffer;
  /** Proxies whose X-Forwarded-For is believed for the client address; none when undefined. */
  trustProxy?: string;
  /** How Fastify writes its per-request lines; one JSON line per request when undefined. */
  requestLogs?: LogController;
  /** The identity services. Without them the app serves its public routes only. */
  identity?: Omit<LoginDeps, 'db' | 'clock' | 'random' | 'addressTagKey'> & { publicUrl: string };
}

// No legitimate JSON request to rempart comes near this; a larger body is refused with 413
// before it is read, so a client cannot make the server buffer and parse megabytes.
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The composition root: wires headers, errors, assets, the OpenAPI document and the routes.
 * Returns the app before `ready()`, so tests may add routes; only `main` calls `listen`.
 * Every route schema is zod (the validator compiler is zod's); bodies and query strings are
 * declared with `z.strictObject`, so unknown keys are refused rather than silently dropped.
 * Domains register their pages, forms and API through the kit (`createWeb`, src/http/kit/).
 */
export async function buildApp(deps: AppDeps, extend?: (web: Web) => void): Promise<FastifyInstance> {
  // Typed as Fastify's base logger so plugins and routes see the plain FastifyInstance.
  const logger: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance: logger,
    genReqId: () => deps.random.uuid(),
    // A client-chosen request id could smuggle any text into every log line of its request.
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // The client address binds sessions: believe a forwarded one only from configured proxies.
    trustProxy: deps.trustProxy ?? false,
    logController: deps.requestLogs ?? new OneLineRequestLogs(),
    frameworkErrors: frameworkErrorHandler(deps.mode),
    // What Node's parser refuses never reaches a route: answered in the catalogue's shape too.
    clientErrorHandler: answerClientError,
  });
  trackRoutes(app);
  registerConnectAnswer(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only. text/plain is the body type a cross-site form may send without a
  // CORS preflight, so refusing it (415) keeps such requests out of every handler.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app, deps.mode);
  await app.register(cookie);
  // Per-route limits only (`config.rateLimit`), for public endpoints that store something.
  await app.register(rateLimit, { global: false });
  // Deny by default: every route declares its access, checked before any handler runs.
  // The access check awaits what its hook returns; it types the callback as synchronous.
  registerAccessControl(app, deps, {
    onUnboundPage: (_request, reply) => reply.page(reverifyPage()) as unknown as FastifyReply,
    // A proof from another network or browser: identity decides whether the binding follows it.
    // Without the identity services no session can be opened; were one found, it moves nowhere.
    onProofElsewhere: (session, client, now) =>
      deps.identity
        ? proofFromElsewhere({ ...deps.identity, db: deps.db }, session, client, now)
        : Promise.resolve('held'),
  });
  const web = await createWeb(app, { mode: deps.mode, clock: deps.clock, viewerRole: viewerRole(deps) });
  await registerSecurityHeaders(app);
  await registerOpenApi(app);
  await registerDsfrAssets(app);
  registerFavicon(app);
  registerIdentityAssets(app);
  registerHealthRoute(app, deps.db);
  registerApiRoot(app);
  registerOpenApiRoute(app);
  if (deps.identity) {
    const { mode, db, clock, random, nonceKey, addressTagKey } = deps;
    // The reset and registration forms: throttled, and their lookups run after the answer.
    const guards = registerRequestGuards(app, { secret: nonceKey, clock });
    registerIdentityRoutes(web, { ...deps.identity, db, clock, random, mode, nonceKey, addressTagKey, guards });
  }
  registerPublicPages(web);
  if (deps.identity) {
    const { db, clock, random, mode } = deps;
    const { vault, accessLog, notify, publicUrl } = deps.identity;
    const mintLink = createLinkMinter({ publicUrl, clock, random });
    registerDemoMailbox(web, { mode, db, clock, vault, mintLink });
    // The portals (src/domains.ts): each reaches personal data through the vault only.
    for (const register of domainRoutes)
      register(web, { db, vault, accessLog, clock, random, notify, mode, publicUrl });
  }
  // Routes a test adds through the kit, as a domain would.
  extend?.(web);
  return app;
}
