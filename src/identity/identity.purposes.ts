import { readPurpose, writePurpose, type AnyPurpose } from '../vault/index.js';
import { citizenRoles, roles, staffRoles } from '../kernel/roles.js';

/** An account reads its own login e-mail and name ("Mon compte", the account API). */
export const selfAccount = readPurpose({
  name: 'account.self',
  record: 'account',
  roles,
  subject: 'account',
  fields: ['email', 'displayName'],
  scope: 'SELECT id FROM accounts WHERE id = :subject AND id = ANY(:ids)',
  pageCap: 1,
  guardClass: 'self',
});

/**
 * An invited staff member, proven by the link, reads the e-mail and name their invitation was
 * made for, before choosing a password. The actor is the invited account itself.
 */
export const invitationContact = readPurpose({
  name: 'account.invitation',
  record: 'account',
  roles: staffRoles,
  subject: 'account',
  fields: ['email', 'displayName'],
  scope: 'SELECT id FROM accounts WHERE id = :subject AND id = ANY(:ids)',
  pageCap: 1,
  guardClass: 'self',
});

/**
 * The staff accounts an admin or an organisation's RGC manages, with e-mails and names: an
 * admin, every staff account; an RGC, the training-organisation accounts of its own
 * organisation (the rule of `mayManage` in accounts/staff-requests.ts, in SQL).
 */
export const manageAccounts = readPurpose({
  name: 'account.manage',
  record: 'account',
  roles: ['admin', 'of_manager'],
  subject: 'organisation',
  fields: ['email', 'displayName'],
  scope: `SELECT a.id FROM accounts a JOIN accounts me ON me.id = :account
    WHERE a.id = ANY(:ids) AND a.role NOT IN ('candidate', 'job_seeker')
      AND (me.role = 'admin' OR (a.organisation_id = :subject AND a.role IN ('of_user', 'of_manager')))`,
  pageCap: 200,
});

/** A candidate or job seeker registering creates their own person, as that person. */
export const registerPerson = writePurpose({
  name: 'account.register_person',
  table: 'person',
  mode: 'create',
  roles: citizenRoles,
  subject: 'person',
  fields: ['lastName', 'firstName', 'email', 'birthDate', 'address', 'phone', 'franceTravailId', 'registrationStatus'],
  plain: ['kind'],
  scope: "SELECT id FROM new_rows WHERE id = :subject AND kind IN ('candidate', 'job_seeker')",
});

/** …and their own account, pending until the e-mail is confirmed. */
export const registerAccount = writePurpose({
  name: 'account.register',
  table: 'account',
  mode: 'create',
  roles: citizenRoles,
  subject: 'person',
  fields: ['email', 'displayName'],
  plain: ['role', 'organisationId', 'personId', 'status', 'passwordHash', 'createdBy', 'approvedBy', 'approvedAt'],
  scope: `SELECT id FROM new_rows WHERE person_id = :subject AND role IN ('candidate', 'job_seeker')
    AND status = 'pending' AND organisation_id IS NULL AND approved_by IS NULL`,
});

/**
 * An admin or RGC asks for a staff account: pending, without password, created by the asker,
 * within the asker's rights; a second person approves it (accounts/staff-requests.ts).
 */
export const requestStaffAccount = writePurpose({
  name: 'account.request',
  table: 'account',
  mode: 'create',
  roles: ['admin', 'of_manager'],
  subject: 'organisation',
  fields: ['email', 'displayName'],
  plain: ['role', 'organisationId', 'personId', 'status', 'passwordHash', 'createdBy', 'approvedBy', 'approvedAt'],
  scope: `SELECT n.id FROM new_rows n JOIN accounts me ON me.id = :account
    WHERE n.status = 'pending' AND n.person_id IS NULL AND n.password_hash IS NULL AND n.approved_by IS NULL
      AND n.created_by = :account AND n.role NOT IN ('candidate', 'job_seeker')
      AND (me.role = 'admin' OR (n.organisation_id = :subject AND n.role IN ('of_user', 'of_manager')))`,
});

export const identityPurposes: readonly AnyPurpose[] = [
  selfAccount,
  invitationContact,
  manageAccounts,
  registerPerson,
  registerAccount,
  requestStaffAccount,
];
