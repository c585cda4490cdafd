import type { SeedOffer } from './offers.js';
import type { Rng } from './rng.js';
import type { SeedStaff } from './staff.js';
import type { SeedSession } from './trainings.js';

/** Things to pick from, with an index by region so that people are sent near home. */
export interface Pool<T extends { region: string }> {
  all: readonly T[];
  byRegion: ReadonlyMap<string, readonly T[]>;
}

export function pool<T extends { region: string }>(items: readonly T[]): Pool<T> {
  const byRegion = new Map<string, T[]>();
  for (const item of items) {
    const list = byRegion.get(item.region);
    if (list) list.push(item);
    else byRegion.set(item.region, [item]);
  }
  return { all: items, byRegion };
}

/** Mostly in the person's region when there is something there; anywhere otherwise. */
export function pickNear<T extends { region: string }>(rng: Rng, from: Pool<T>, region: string): T {
  const near = from.byRegion.get(region);
  return near && near.length > 0 && rng.chance(0.7) ? rng.pick(near) : rng.pick(from.all);
}

/**
 * How a person relates to the demo. Showcase people are the ones the demo accounts follow;
 * canaries stay away from everything a demo account looks at, so that no legitimate demo task
 * reads them; everyone else draws from all organisations.
 */
export type Standing = 'ordinary' | 'canary' | 'showcase';

export interface Pools<T extends { region: string }> {
  ordinary: Pool<T>;
  canary: Pool<T>;
  showcase: Pool<T>;
}

/** What every person's generator may link to: planned once, shared by all batches. */
export interface PeopleContext {
  seed: number;
  today: string;
  sessions: Pools<SeedSession>;
  /** Offers that were open to applications at some point (drafts left out). */
  offers: Pools<SeedOffer>;
  advisors: Pools<SeedStaff & { region: string }>;
  /** The OF users of each training organisation, who declare entries and exits. */
  declarers: ReadonlyMap<string, readonly SeedStaff[]>;
  canaries: ReadonlySet<number>;
  showcase: { jobSeeker: number; candidate: number };
}
