import { catalogue, type TableName } from './catalogue.js';
import type { Concerns } from './fields.js';

/**
 * Which people (or accounts) a row of each table concerns, as each table's spec declares it
 * (fields.ts `Concerns`): a write's log entry names them, and so does a read of a record that is
 * not itself a person (an application, a CV), so that « Mes accès » shows it and the guard counts
 * people.
 */
export const concerns = Object.fromEntries(
  Object.entries(catalogue).map(([name, spec]) => [name, spec.concerns]),
) as Record<TableName, Concerns>;
