import type { Db } from '../db/client.js';
import { systemClock } from '../kernel/clock.js';
import type { NewAccount, Vault } from '../vault/index.js';
import { seedActor } from './actor.js';
import { seedAccounts } from './seed.purposes.js';
import { emptyCounts, writePeople, type SeedCounts } from './batches.js';
import { isoDay } from './dates.js';
import { planSeed, type SeedPlan } from './plan.js';
import type { SeedStaff } from './staff.js';
import { insertOffers, insertOrganisations, insertSessions } from './tables.js';

export { seedActor } from './actor.js';
export type { SeedCounts } from './batches.js';

export interface SeedResult {
  seed: number;
  counts: SeedCounts;
  /** The canary people. Not stored anywhere in plaintext: the caller may keep them apart. */
  canaryIds: string[];
  plan: SeedPlan;
}

export interface SeedDatabaseOptions {
  db: Db;
  vault: Vault;
  people: number;
  seed: number;
  /** The day the data is made on (ISO); dates are drawn around it. Defaults to the current day. */
  today?: string;
  /** Called after each batch of people, with how many are written out of how many. */
  onProgress?: (done: number, total: number) => void;
  /** People per batch; each batch is a handful of statements. */
  batchSize?: number;
}

/** Per staff account id: the e-mail and password hash that replace the planned ones (demo). */
export type StaffOverrides = ReadonlyMap<string, { email: string; passwordHash: string }>;

function staffAccount(staff: SeedStaff, overrides: StaffOverrides, today: string): NewAccount {
  const override = overrides.get(staff.id);
  return {
    id: staff.id,
    role: staff.role,
    organisationId: staff.organisationId,
    personId: null,
    email: override?.email ?? staff.email,
    displayName: staff.displayName,
    passwordHash: override?.passwordHash ?? null,
    status: 'active',
    createdBy: staff.createdBy,
    approvedBy: staff.approvedBy,
    approvedAt: staff.approvedBy ? new Date(`${today}T09:00:00Z`) : null,
  };
}

/** Writes a planned seed. `overrides` gives some staff accounts a login (demo mode). */
export async function writeSeed(
  options: Omit<SeedDatabaseOptions, 'seed' | 'people' | 'today'> & { plan: SeedPlan; overrides?: StaffOverrides },
): Promise<SeedResult> {
  const { db, vault, plan } = options;
  const batchSize = options.batchSize ?? 2000;
  const counts = emptyCounts(plan);
  const { employers, trainingOrganisations, agencies, platform } = plan.organisations;
  await insertOrganisations(db, [platform, ...employers, ...trainingOrganisations, ...agencies]);
  await vault.write(
    seedActor,
    seedAccounts,
    plan.staff.all.map((s) => staffAccount(s, options.overrides ?? new Map(), plan.today)),
  );
  await insertSessions(db, plan.sessions);
  await insertOffers(db, plan.offers);
  const canaryIds = await writePeople({ db, vault, plan, batchSize, counts, onProgress: options.onProgress });
  await vault.markCanaries(seedActor, canaryIds);
  counts.canaries = canaryIds.length;
  return { seed: plan.seed, counts, canaryIds, plan };
}

/**
 * Fills an empty database with realistic French data: organisations, staff, sessions, offers,
 * then people in batches, each batch written through the vault. The same seed gives the same
 * data (ids included) for the same day; encryption nonces stay random, as they must.
 */
export async function seedDatabase(options: SeedDatabaseOptions): Promise<SeedResult> {
  if (!Number.isInteger(options.people) || options.people < 1)
    throw new RangeError('people must be a positive integer');
  const today = options.today ?? isoDay(systemClock.now());
  const plan = planSeed({ seed: options.seed, people: options.people, today });
  return writeSeed({ ...options, plan });
}
