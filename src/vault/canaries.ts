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

/**
 * The label of the canaries' marks. The first seeds marked theirs under `canary` and placed
 * them in ordinary lists (portfolios, sessions, applications, the pool), where honest work
 * reads them: those marks are not watched. Seeds mark under this label only canaries that no
 * list holds (src/seed/people.ts), until the guard plants them on purpose.
 */
export const CANARY_MARK = 'canary/2';

export interface CanaryWatch {
  /**
   * How many of `people` are canaries: a number at once while the marks are fresh (the read
   * path then waits for nothing), a promise when they must be loaded again first.
   */
  count(people: readonly string[]): number | Promise<number>;
  /** The canaries among `people`, in the same way: at once while the marks are fresh. */
  find(people: readonly string[]): string[] | Promise<string[]>;
  /** Marks planted by this process, known at once and kept across reloads. */
  add(marks: readonly Buffer[]): void;
}

export function createCanaryWatch(deps: { db: Db; keyring: Keyring; clock: Clock }): CanaryWatch {
  let marks = new Set<string>();
  const planted = new Set<string>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;

  // The key is derived at each read, not once: the keyring loads (or reloads) its index key after
  // this watch is made. One HMAC per read, then one per person it names.
  const findIn = (people: readonly string[]) => {
    if (marks.size === 0) return [];
    const mark = deps.keyring.marker(CANARY_MARK);
    return people.filter((id) => marks.has(mark(id).toString('hex')));
  };

  /** One reload at a time, shared by the reads that find the marks stale. */
  function reload(): Promise<void> {
    loading ??= (async () => {
      try {
        const { rows } = await deps.db.query<{ mark: Uint8Array }>('SELECT mark FROM canary_marks');
        // Marks this process planted while the query ran are kept, committed or not yet seen.
        marks = new Set([...rows.map((row) => Buffer.from(row.mark).toString('hex')), ...planted]);
        loadedAt = deps.clock.now().getTime();
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  return {
    find(people) {
      if (people.length === 0) return [];
      if (deps.clock.now().getTime() - loadedAt < RELOAD_MS) return findIn(people);
      return reload().then(() => findIn(people));
    },
    count(people) {
      const found = this.find(people);
      return Array.isArray(found) ? found.length : found.then((ids) => ids.length);
    },
    add(added) {
      for (const one of added) {
        planted.add(one.toString('hex'));
        marks.add(one.toString('hex'));
      }
    },
  };
}
