import type { TableName } from './catalogue.js';

/**
 * Which people (or accounts) a row of each table concerns, as SQL over `written` (rows of that
 * table): a write's log entry names them, and so does a read of a record that is not itself a
 * person (an application, a CV), so that « Mes accès » shows it and the guard counts people.
 */
export const concerns: Record<TableName, { record: 'person' | 'account'; sql: string }> = {
  person: { record: 'person', sql: 'SELECT id FROM written' },
  profile: { record: 'person', sql: 'SELECT person_id FROM written' },
  account: { record: 'account', sql: 'SELECT id FROM written' },
  application: { record: 'person', sql: 'SELECT person_id FROM written' },
  applicationEvent: {
    record: 'person',
    sql: 'SELECT a.person_id FROM written w JOIN applications a ON a.id = w.application_id',
  },
  referral: { record: 'person', sql: 'SELECT person_id FROM written' },
  referralEvent: {
    record: 'person',
    sql: 'SELECT r.person_id FROM written w JOIN referrals r ON r.id = w.referral_id',
  },
  cv: { record: 'person', sql: 'SELECT person_id FROM written' },
  totp: { record: 'account', sql: 'SELECT account_id FROM written' },
};
