import { advisingNotPlanted } from './advising.js';
import { CANARY_EMAIL_DOMAIN } from './contacts.js';
import type { CanaryDeps, PlantOptions, Space, SpaceReport } from './plant.js';
import { plantPool } from './pool.js';
import { plantRecruiting } from './recruiting.js';
import { plantTraining } from './training.js';

/*
 * Canary people (issue 11): fake people planted in every space an account can search or list,
 * where no legitimate task leads (each space's file says where, and why). The door suspends an
 * account that reads one (src/vault/door.ts, src/guard/suspend.ts); their own contacts, recorded
 * apart, tell a leaked file that comes from rempart (./check.ts). docs/security.md explains it.
 */

export { CANARY_EMAIL_DOMAIN, contactDigest, contactKey } from './contacts.js';
export { checkLeak, type LeakReport } from './check.js';
export { BROAD_LANGUAGES } from './pool.js';
export type { CanaryDeps, Space, SpaceReport } from './plant.js';

export type PlantReport = Record<Space, SpaceReport>;

/**
 * Plants the canaries every space still lacks, one space after the other; planting again adds
 * nothing (each holder's planting is recorded with its canary, in one transaction).
 */
export async function plantCanaries(deps: CanaryDeps, options: Partial<PlantOptions> = {}): Promise<PlantReport> {
  const settled: PlantOptions = { emailDomain: options.emailDomain ?? CANARY_EMAIL_DOMAIN };
  return {
    training: await plantTraining(deps, settled),
    pool: await plantPool(deps, settled),
    // Not planted: the legitimate month of the attack bench (bench/attack/, docs/BENCHMARKS.md)
    // showed advisors going down their whole portfolio at a monthly review, so a canary past its
    // first page stops honest advisors; `plantAdvising` stays for a placement that no review
    // reaches (an open point of issue 11).
    advising: { ...(await advisingNotPlanted(deps)) },
    recruiting: await plantRecruiting(deps, settled),
  };
}
