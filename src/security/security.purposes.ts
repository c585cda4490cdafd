import { readPurpose, type AnyPurpose } from '../vault/index.js';

/**
 * A security officer reads who holds a staff or partner account (its login e-mail and the name
 * it is known by) while investigating it, to reach the holder or their manager. One account at
 * a time, on demand from the account's page, logged and charged to the officer's read budget
 * like any file opened (GDPR art. 5(1)(c), minimisation: the console's lists show ids, roles
 * and organisations only). Citizens' accounts are out of scope: the console watches the staff
 * who read people, never the people read. The scope checks the reader is an officer too, so a
 * purpose handed to another role by mistake still returns nothing.
 */
export const investigateAccount = readPurpose({
  name: 'security.account',
  record: 'account',
  roles: ['security_officer'],
  subject: 'account',
  fields: ['email', 'displayName'],
  scope: `SELECT a.id FROM accounts a JOIN accounts me ON me.id = :subject AND me.role = 'security_officer'
    WHERE a.id = ANY(:ids) AND a.role NOT IN ('candidate', 'job_seeker')`,
  pageCap: 1,
});

export const securityPurposes: readonly AnyPurpose[] = [investigateAccount];
