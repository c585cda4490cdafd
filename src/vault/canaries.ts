import type { Db } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Clock } from '../kernel/clock.js';

/*
 * Canary people are seeded like everyone else and recorded apart only as keyed marks (HMAC of
 * the id under a key derived from the index key, `canary_marks`), so a database reader cannot
 * list them. The door knows them by computing the mark of each person a read names and looking
 * it up in the marks it loaded: a few microseconds per person, no extra round trip. The marks
 * are reloaded every minute, so those another process plants are known within a minute.
 */

const RELOAD_MS = 60_000;

export interface CanaryWatch {
  /** How many of `people` are canaries. */
  count(people: readonly string[]): Promise<number>;
  /** Marks planted by this process, known at once. */
  add(marks: readonly Buffer[]): void;
}

export function createCanaryWatch(deps: { db: Db; keyring: Keyring; clock: Clock }): CanaryWatch {
  let marks = new Set<string>();
  let loadedAt = Number.NEGATIVE_INFINITY;

  async function fresh(): Promise<Set<string>> {
    const now = deps.clock.now().getTime();
    if (now - loadedAt < RELOAD_MS) return marks;
    const { rows } = await deps.db.query<{ mark: Uint8Array }>('SELECT mark FROM canary_marks');
    marks = new Set(rows.map((row) => Buffer.from(row.mark).toString('hex')));
    loadedAt = now;
    return marks;
  }

  return {
    async count(people) {
      if (people.length === 0) return 0;
      const known = await fresh();
      if (known.size === 0) return 0;
      return people.filter((id) => known.has(deps.keyring.mark('canary', id).toString('hex'))).length;
    },
    add(added) {
      for (const mark of added) marks.add(mark.toString('hex'));
    },
  };
}
