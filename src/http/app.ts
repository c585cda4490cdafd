import Fastify, { type FastifyBaseLogger, type FastifyInstance, type LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pino from 'pino';
import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { registerApiRoot } from './api.js';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { registerAccessControl } from '../identity/access.js';
import { registerIdentityAssets } from '../identity/assets.js';
import { registerIdentityRoutes } from '../identity/identity.routes.js';
import { createLinkMinter } from '../identity/links.js';
import type { LoginDeps } from '../identity/login/deps.js';
import { reverifyPage } from '../identity/pages/login.page.js';
import { renderPage } from './layout.js';
import { registerDsfrAssets } from './assets.js';
import { answerClientError, registerConnectAnswer } from './client-errors.js';
import { frameworkErrorHandler, registerErrorHandling } from './error-handler.js';
import { registerHealthRoute } from './health.js';
import { registerOpenApi, registerOpenApiRoute } from './openapi.js';
import { registerDemoMailbox } from '../mail/index.js';
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
  /** How Fastify writes its per-request lines; its own default (two lines each) when undefined. */
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
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
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
    ...(deps.requestLogs ? { logController: deps.requestLogs } : {}),
    frameworkErrors: frameworkErrorHandler(deps.mode),
    // What Node's parser refuses never reaches a route: answered in the catalogue's shape too.
    clientErrorHandler: answerClientError,
  });
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
  if (deps.identity) {
    await registerIdentityRoutes(app, {
      ...deps.identity,
      db: deps.db,
      clock: deps.clock,
      random: deps.random,
      mode: deps.mode,
      nonceKey: deps.nonceKey,
      addressTagKey: deps.addressTagKey,
    });
  } else {
    registerAccessControl(app, deps, {
      onUnboundPage: (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(renderPage(reverifyPage(), deps.mode)),
      // Without the identity services no session can be opened; were one found, it moves nowhere.
      onProofElsewhere: async () => 'held',
    });
  }
  await registerSecurityHeaders(app);
  await registerOpenApi(app);
  await registerDsfrAssets(app);
  registerIdentityAssets(app);
  registerHealthRoute(app, deps.db);
  registerApiRoot(app);
  registerOpenApiRoute(app);
  registerPublicPages(app, deps.mode);
  if (deps.identity) {
    const { clock, random } = deps;
    const mintLink = createLinkMinter({ publicUrl: deps.identity.publicUrl, clock, random });
    registerDemoMailbox(app, { mode: deps.mode, db: deps.db, clock, vault: deps.identity.vault, mintLink });
  }
  return app;
}
