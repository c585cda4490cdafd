import type { Actor } from '../vault/index.js';

/** The platform seeding itself: the only actor the vault lets write in bulk. */
export const seedActor: Actor = { kind: 'system', task: 'seed' };
/** The purpose recorded in the access log for every seeded write. */
export const SEED_PURPOSE = 'seed';
