import type { Queryable } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import { addressThrottled } from '../lockout.js';

/**
 * Per-address throttling, before any account is looked up: too many failures from one address
 * answer 429 whatever the e-mail, so the answer says nothing about accounts.
 */
export async function throttleAddress(q: Queryable, addrTag: Buffer, now: Date): Promise<void> {
  const verdict = await addressThrottled(q, addrTag, now);
  if (verdict.throttled) throw new AppError('TOO_MANY_REQUESTS', `retry after ${verdict.retryAfterMs} ms`);
}
