import type { Db } from '../src/db/client.js';
import { seedDatabase, type SeedCounts } from '../src/seed/index.js';
import type { Vault } from '../src/vault/index.js';

export interface SeedBenchResult {
  people: number;
  seconds: number;
  peoplePerSecond: number;
  counts: SeedCounts;
}

/**
 * Seeding throughput on an empty, migrated database: everything `rempart seed` writes (people,
 * profiles, referrals and their events, applications, portfolios), through the vault, timed
 * from the first insert to the last. A fixed seed and day, so runs compare like with like.
 */
export async function benchSeed(options: {
  db: Db;
  vault: Vault;
  people: number;
  seed?: number;
}): Promise<SeedBenchResult> {
  const started = process.hrtime.bigint();
  const { counts } = await seedDatabase({
    db: options.db,
    vault: options.vault,
    people: options.people,
    seed: options.seed ?? 2026,
    today: '2026-11-20',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { people: options.people, seconds, peoplePerSecond: options.people / seconds, counts };
}
