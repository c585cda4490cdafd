import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../kernel/clock.js';
import { createAfterReply, type AfterReply } from './after-reply.js';
import { createRequestThrottle, type RequestThrottle } from './request-throttle.js';

/** What the public mail-sending forms (reset, registration) need beyond the accounts' services. */
export interface RequestGuards {
  throttle: RequestThrottle;
  afterReply: AfterReply;
}

/**
 * Makes the forms' throttle and after-reply queue for `app`: the queue is on `app.afterReply`
 * and drained when the app closes, so no queued work outlives the database. `secret` is the
 * app's nonce key, derived from the master key and never stored.
 */
export function registerRequestGuards(app: FastifyInstance, deps: { secret: Buffer; clock: Clock }): RequestGuards {
  const afterReply = createAfterReply({ logger: app.log });
  app.decorate('afterReply', afterReply);
  app.addHook('onClose', () => afterReply.drain());
  return { throttle: createRequestThrottle(deps), afterReply };
}
