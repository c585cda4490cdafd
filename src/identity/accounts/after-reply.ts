import type { Logger } from 'pino';

/**
 * Work that a public form queues to run once its answer has left: looking an address up and
 * writing what it calls for (an account, a reset message). The answer then costs the same
 * whether the address has an account or not, so its timing says nothing (issue 8, item 5;
 * OWASP Authentication Cheat Sheet, "Authentication and Error Messages": respond in the same
 * time whether or not the account exists).
 */
export interface AfterReply {
  /** Queues `task`; false when the queue is full, and the caller answers « indisponible ». */
  push(name: string, task: () => Promise<void>): boolean;
  /** Resolves once every task queued so far has run (at shutdown, and in tests). */
  drain(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The identity forms' work queued after their answers. */
    afterReply: AfterReply;
  }
}

/** Queued tasks beyond which a form is refused: the per-address throttle should never let it fill. */
const MAX_PENDING = 500;

/**
 * One task at a time, in order, each started only after the current answer was written
 * (`setImmediate` runs after the handler's reply): on PGlite a task's queries run on the same
 * thread, and must not delay the answer they are hidden from. A failed task is logged by its
 * name and error type (the serializer drops messages, which may quote input), never retried:
 * the person gets no message and asks again. Tasks live in memory: a crash loses the few
 * pending, as a lost message would be.
 */
export function createAfterReply(deps: { logger: Pick<Logger, 'error'>; max?: number }): AfterReply {
  const max = deps.max ?? MAX_PENDING;
  let pending = 0;
  let tail: Promise<void> = Promise.resolve();
  const afterTheAnswer = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    push(name, task) {
      if (pending >= max) return false;
      pending += 1;
      tail = tail
        .then(afterTheAnswer)
        .then(task)
        .catch((error: unknown) => deps.logger.error({ err: error, task: name }, 'identity.after_reply_failed'))
        .finally(() => {
          pending -= 1;
        });
      return true;
    },
    async drain() {
      while (pending > 0) await tail;
    },
  };
}
