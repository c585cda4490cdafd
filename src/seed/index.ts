/**
 * Realistic French data for demos and scale tests. Personal data goes through the vault;
 * organisations, sessions, offers, referrals and portfolios, which hold none, are batch-inserted.
 */
export { runSeedCommand, MAX_PEOPLE, type SeedCommandDeps } from './cli.js';
export {
  seedDemo,
  roleLabels,
  DEMO_DOMAIN,
  DEMO_WARNING,
  type DemoAccountEntry,
  type DemoAccountsFile,
  type SeedDemoOptions,
} from './demo.js';
export { seedDatabase, seedActor, type SeedCounts, type SeedDatabaseOptions, type SeedResult } from './seed.js';
export { planSeed, volumesFor, type SeedPlan, type SeedVolumes } from './plan.js';
export { peopleGenerator, type PersonBundle } from './people.js';
export { departements, regions, type Departement } from './geography.js';
export { jobs } from './jobs.js';
