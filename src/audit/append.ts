import type { Tx } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { canonicalInput } from './canonical.js';
import { entryHash, type ChainedEntry } from './entry-hash.js';
import type { AccessEntryInput, AccessLog } from './types.js';

const INSERT_AND_MOVE_HEAD = `WITH inserted AS (
    INSERT INTO access_log (seq, at, actor_id, session_id, action, purpose, people, fields, client_addr,
      prev_hash, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::text[], $9, $10, $11) RETURNING seq)
  UPDATE access_log_head SET seq = (SELECT seq FROM inserted), hash = $11 WHERE id`;

/**
 * The access log's append. Inside the caller's transaction it locks the single head row, so
 * entries chain in the order their transactions commit, then inserts the entry and moves the
 * head in one statement. If the caller's transaction rolls back, so does the entry.
 */
export function createAccessLog(deps: { clock: Clock }): AccessLog {
  return {
    async append(tx: Tx, input: AccessEntryInput) {
      const canonical = canonicalInput(input);
      const head = await tx.query<{ seq: number; hash: Uint8Array }>(
        'SELECT seq, hash FROM access_log_head WHERE id FOR UPDATE',
      );
      const previous = head.rows[0];
      if (!previous) throw new Error('journal des accès : ligne de tête absente');
      // Time is read under the lock, so it never goes backwards along the chain; the retention
      // purge relies on that to cut only a prefix.
      const entry: ChainedEntry = {
        ...canonical,
        seq: previous.seq + 1,
        at: deps.clock.now(),
        prevHash: Buffer.from(previous.hash),
      };
      const hash = entryHash(entry);
      await tx.query(INSERT_AND_MOVE_HEAD, [
        entry.seq,
        entry.at,
        entry.actorId,
        entry.sessionId,
        entry.action,
        entry.purpose,
        entry.people,
        entry.fields,
        entry.clientAddr,
        entry.prevHash,
        hash,
      ]);
      return { seq: entry.seq };
    },
  };
}
