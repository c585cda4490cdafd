import { advisingTables } from './advising/advising.tables.js';
import { candidatesTables } from './candidates/candidates.tables.js';
import { recruitingTables } from './recruiting/recruiting.tables.js';
import { trainingTables } from './training/training.tables.js';

/**
 * Every domain's tables of sealed fields, composed for the vault's catalogue
 * (src/vault/catalogue.ts), as src/purposes.ts composes their purposes: a domain adds a table in
 * its own folder and here, never in src/vault/.
 */
export const domainTables = {
  ...recruitingTables,
  ...candidatesTables,
  ...advisingTables,
  ...trainingTables,
};
