import { writePurpose, type AnyPurpose } from '../vault/index.js';

/**
 * The platform making an installation's first two administrators (`rempart admins bootstrap`).
 * The door lets it write only what that command makes: administrators without password,
 * creator or approver, and only while no administrator exists (the scope reads the accounts as
 * they were before the write), so it can never add a third.
 */
export const bootstrapAdmins = writePurpose({
  name: 'admins.bootstrap',
  table: 'account',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['email', 'displayName'],
  plain: ['role', 'organisationId', 'personId', 'status', 'passwordHash', 'createdBy', 'approvedBy', 'approvedAt'],
  scope: `SELECT n.id FROM new_rows n
    WHERE n.role = 'admin' AND n.person_id IS NULL AND n.password_hash IS NULL
      AND n.created_by IS NULL AND n.approved_by IS NULL
      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.role = 'admin')`,
});

export const adminsPurposes: readonly AnyPurpose[] = [bootstrapAdmins];
