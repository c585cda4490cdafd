import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';

/*
 * The opaque handle a pool result carries instead of a person's id, so that no id of the pool
 * appears in a page, an address or a log (issue 9: a pool is searched, never listed). It is the
 * person's id and the time it was issued, sealed with AES-256-GCM under a key that lives in this
 * process only, bound to the account that searched (associated data): another account, a
 * restarted server or a handle older than HANDLE_TTL_MS opens nothing.
 *
 * Each server process draws its own key: with several processes on one PostgreSQL and no session
 * affinity in front of them, a handle opens only on the process that issued it, and elsewhere
 * answers as a profile not found (closed, never open). Serving the pool from several processes
 * would need that affinity, or a key they share through the keyring.
 */

const HANDLE_TTL_MS = 30 * 60_000;
const NONCE = 12;
const TAG = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Issues and opens pool handles for one process. */
export interface PoolHandles {
  mint(accountId: string, personId: string): string;
  /** The person id, or null for a handle that is forged, someone else's, or stale. */
  open(accountId: string, handle: string): string | null;
}

export function poolHandles(deps: { random: Random; clock: Clock }): PoolHandles {
  const key = deps.random.bytes(32);
  return {
    mint(accountId, personId) {
      const nonce = deps.random.bytes(NONCE);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(`rempart/vivier/${accountId}`));
      const plain = Buffer.from(`${deps.clock.now().getTime()}|${personId}`);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(accountId, handle) {
      const raw = Buffer.from(handle, 'base64url');
      if (raw.length <= NONCE + TAG) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
        decipher.setAAD(Buffer.from(`rempart/vivier/${accountId}`));
        decipher.setAuthTag(raw.subarray(NONCE, NONCE + TAG));
        const plain = Buffer.concat([decipher.update(raw.subarray(NONCE + TAG)), decipher.final()]).toString();
        const [issued, personId] = plain.split('|');
        const age = deps.clock.now().getTime() - Number(issued);
        if (!personId || !UUID.test(personId) || !(age >= 0 && age <= HANDLE_TTL_MS)) return null;
        return personId;
      } catch {
        // A forged or foreign handle fails authentication: the same answer as a stale one.
        return null;
      }
    },
  };
}
