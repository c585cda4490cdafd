import { platformActor, type Actor } from '../vault/index.js';

/** The platform seeding itself: its writes go through the seed's own purposes (seed.purposes.ts). */
export const seedActor: Actor = platformActor('seed');
