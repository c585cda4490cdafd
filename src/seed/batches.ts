import type { Db } from '../db/client.js';
import type { Vault } from '../vault/index.js';
import { seedActor } from './actor.js';
import { seedApplications, seedPeople, seedProfiles, seedReferralEvents } from './seed.purposes.js';
import { peopleGenerator, type PersonBundle } from './people.js';
import type { SeedPlan } from './plan.js';
import { insertPortfolios, insertReferrals } from './tables.js';

/** What a seed wrote, row by row. */
export interface SeedCounts {
  people: number;
  jobSeekers: number;
  candidates: number;
  profiles: number;
  poolOptIns: number;
  organisations: number;
  staffAccounts: number;
  sessions: number;
  offers: number;
  referrals: number;
  referralEvents: number;
  applications: number;
  portfolios: number;
  canaries: number;
}

export function emptyCounts(plan: SeedPlan): SeedCounts {
  const { organisations } = plan;
  return {
    people: 0,
    jobSeekers: 0,
    candidates: 0,
    profiles: 0,
    poolOptIns: 0,
    organisations:
      organisations.employers.length + organisations.trainingOrganisations.length + organisations.agencies.length + 1,
    staffAccounts: plan.staff.all.length,
    sessions: plan.sessions.length,
    offers: plan.offers.length,
    referrals: 0,
    referralEvents: 0,
    applications: 0,
    portfolios: 0,
    canaries: 0,
  };
}

/**
 * One batch, in foreign-key order: people first, then what points at them. What depends only
 * on the people runs side by side, which PostgreSQL's pool spreads over connections.
 */
async function writeBatch(db: Db, vault: Vault, bundles: readonly PersonBundle[], counts: SeedCounts): Promise<void> {
  const profiles = bundles.flatMap((b) => (b.profile ? [b.profile] : []));
  const referrals = bundles.flatMap((b) => b.referrals);
  const events = bundles.flatMap((b) => b.events);
  const applications = bundles.flatMap((b) => b.applications);
  const portfolios = bundles.flatMap((b) => (b.portfolio ? [b.portfolio] : []));
  await vault.write(
    seedActor,
    seedPeople,
    bundles.map((b) => b.person),
  );
  await Promise.all([
    vault.write(
      seedActor,
      seedProfiles,
      profiles.map(({ personId, ...profile }) => ({ id: personId, ...profile })),
    ),
    insertPortfolios(db, portfolios),
    insertReferrals(db, referrals).then(() => vault.write(seedActor, seedReferralEvents, events)),
    vault.write(seedActor, seedApplications, applications),
  ]);
  counts.people += bundles.length;
  counts.jobSeekers += bundles.filter((b) => b.person.kind === 'job_seeker').length;
  counts.candidates += bundles.filter((b) => b.person.kind === 'candidate').length;
  counts.profiles += profiles.length;
  counts.poolOptIns += profiles.filter((p) => p.poolOptIn).length;
  counts.referrals += referrals.length;
  counts.referralEvents += events.length;
  counts.applications += applications.length;
  counts.portfolios += portfolios.length;
}

/**
 * Batches are independent of each other (each holds its people and all that points at them),
 * so several may be in flight: on PostgreSQL the next batch is encrypted while the server
 * writes the previous one. PGlite runs one statement at a time, so one batch is enough there.
 */
export async function writePeople(options: {
  db: Db;
  vault: Vault;
  plan: SeedPlan;
  batchSize: number;
  counts: SeedCounts;
  onProgress?: (done: number, total: number) => void;
}) {
  const { db, vault, plan, counts } = options;
  const generate = peopleGenerator(plan.context);
  const canaryIds: string[] = [];
  const total = plan.volumes.people;
  const inFlight = new Set<Promise<void>>();
  const parallel = db.engine === 'postgres' ? 3 : 1;
  options.onProgress?.(0, total);
  try {
    for (let start = 0; start < total; start += options.batchSize) {
      const bundles = Array.from({ length: Math.min(options.batchSize, total - start) }, (_, k) => generate(start + k));
      for (const bundle of bundles) if (plan.context.canaries.has(bundle.index)) canaryIds.push(bundle.person.id);
      const write: Promise<void> = writeBatch(db, vault, bundles, counts).then(() => {
        inFlight.delete(write);
        options.onProgress?.(counts.people, total);
      });
      inFlight.add(write);
      if (inFlight.size >= parallel) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (error) {
    // Let the other batches settle, so that no rejection is left unhandled behind the error.
    await Promise.allSettled(inFlight);
    throw error;
  }
  return canaryIds;
}
