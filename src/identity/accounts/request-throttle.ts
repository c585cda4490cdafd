import { createHmac, hkdfSync } from 'node:crypto';
import type { Queryable } from '../../db/client.js';
import { normaliseEmail } from '../../crypto/normalise.js';
import type { Clock } from '../../kernel/clock.js';
import { addressKey } from '../../crypto/address-tag.js';

/*
 * Throttles for the public forms that send mail (issue 8, item 5: 100 reset mails reached one
 * account in about a second, 60 pending accounts came from one address). OWASP Forgot
 * Password Cheat Sheet: rate-limit reset requests; ASVS 4.0 V2.2.1 anti-automation. Counts are
 * fixed windows in `request_counts`, one atomic upsert each, so several processes share them.
 * Every request is counted, for an address that has an account or not: being throttled says
 * nothing about accounts.
 */

/** What is counted: requests from one client address, or asking about one e-mail address. */
export type ThrottleScope = 'reset.client' | 'reset.target' | 'registration.client';

const MINUTE_MS = 60_000;

/**
 * The limits. A client address is an IPv4 address or an IPv6 /64; an office or a France Travail
 * agency behind one NAT shares it, hence 10 and not fewer. Three reset mails an hour to one
 * address are enough for a person who lost one, and too few to flood an inbox.
 */
export const THROTTLE_LIMITS: Readonly<Record<ThrottleScope, { max: number; windowMs: number }>> = {
  'reset.client': { max: 10, windowMs: 15 * MINUTE_MS },
  'reset.target': { max: 3, windowMs: 60 * MINUTE_MS },
  'registration.client': { max: 10, windowMs: 60 * MINUTE_MS },
};

/** Counts requests; `allow` says whether one more is within its scope's limit. */
export interface RequestThrottle {
  /** Counts this request against `scope` and `subject`; false once over the limit. */
  allow(q: Queryable, scope: ThrottleScope, subject: string): Promise<boolean>;
}

/** The 16-byte bucket a subject is counted under: an HMAC, so the table holds no address. */
function bucketOf(key: Buffer, scope: ThrottleScope, subject: string): Buffer {
  const normal = scope.endsWith('.client') ? addressKey(subject) : normaliseEmail(subject);
  return createHmac('sha256', key).update(`${scope}\0${normal}`, 'utf8').digest().subarray(0, 16);
}

/**
 * The throttle. `secret` is a key kept outside the database (the composition root derives it
 * from the master key); HKDF (RFC 5869) gives this use its own key.
 */
export function createRequestThrottle(deps: { secret: Buffer; clock: Clock }): RequestThrottle {
  const key = Buffer.from(hkdfSync('sha256', deps.secret, Buffer.alloc(0), 'rempart request throttle v1', 32));
  return {
    async allow(q, scope, subject) {
      const { max, windowMs } = THROTTLE_LIMITS[scope];
      const now = deps.clock.now().getTime();
      const { rows } = await q.query<{ hits: number }>(
        `INSERT INTO request_counts (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = request_counts.hits + 1
         RETURNING hits`,
        [bucketOf(key, scope, subject), new Date(now - (now % windowMs))],
      );
      return (rows[0]?.hits ?? Infinity) <= max;
    },
  };
}

/** Deletes the windows that are over (they count nothing any more). Run it periodically. */
export async function purgeRequestCounts(q: Queryable, now: Date): Promise<number> {
  const longest = Math.max(...Object.values(THROTTLE_LIMITS).map((limit) => limit.windowMs));
  const { affectedRows } = await q.query('DELETE FROM request_counts WHERE window_start <= $1', [
    new Date(now.getTime() - longest),
  ]);
  return affectedRows;
}
