import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import { openCell } from './codec.js';
import type { Actor, Role } from './types.js';

export interface AccountContact {
  accountId: string;
  email: string;
  displayName: string | null;
}

/**
 * The login e-mail and display name of one account, for the platform's own use (delivering a
 * mail, showing a staff member their own name). Logged like any read of personal data.
 */
export async function readAccountContact(
  deps: { db: Db; keyring: Keyring; accessLog: AccessLog },
  actor: Actor,
  accountId: string,
  purpose: string,
): Promise<AccountContact | null> {
  const allowedSelf = actor.kind === 'account' && actor.accountId === accountId;
  if (actor.kind !== 'system' && !allowedSelf) return null;
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      person_id: string | null;
      email_enc: Uint8Array;
      display_name_enc: Uint8Array | null;
    }>('SELECT person_id, email_enc, display_name_enc FROM accounts WHERE id = $1', [accountId]);
    const row = rows[0];
    if (!row) return null;
    await deps.accessLog.append(tx, {
      actorId: actor.kind === 'account' ? actor.accountId : null,
      sessionId: actor.kind === 'account' ? actor.sessionId : null,
      action: 'read',
      purpose,
      people: row.person_id ? [row.person_id] : [],
      fields: ['account.email', 'account.displayName'],
      clientAddr: actor.kind === 'account' ? actor.clientAddr : null,
    });
    return {
      accountId,
      email: openCell(deps.keyring, 'accounts', 'email_enc', accountId, row.email_enc),
      displayName: row.display_name_enc
        ? openCell(deps.keyring, 'accounts', 'display_name_enc', accountId, row.display_name_enc)
        : null,
    };
  });
}

/** A staff account as its managers see it: who, which role, where, and where its request stands. */
export interface ManagedAccount {
  accountId: string;
  role: Role;
  status: 'pending' | 'active' | 'suspended';
  organisationId: string;
  organisationName: string;
  email: string;
  displayName: string | null;
  createdAt: Date;
  /** Set while a request waits for a second person's decision. */
  pendingRequest: { requestedBy: string; requestedAt: Date } | null;
}

/** At most this many accounts per list: a manager's page, never an export. */
export const MANAGED_ACCOUNTS_LIMIT = 200;

/**
 * The staff accounts an actor may manage, with their login e-mail and name: an admin sees every
 * organisation's (one organisation at a time, or the pending requests of all), an RGC the
 * training-organisation accounts of its own organisation (the rule of `mayManage` in
 * src/identity/accounts/staff-requests.ts, here in SQL). Anyone else gets an empty list.
 * Logged, before decryption, in the same transaction.
 */
export async function listManagedAccounts(
  deps: { db: Db; keyring: Keyring; accessLog: AccessLog },
  actor: Actor,
  filter: { organisationId: string | null; pendingOnly: boolean },
  purpose: string,
): Promise<ManagedAccount[]> {
  if (actor.kind !== 'account' || (actor.role !== 'admin' && actor.role !== 'of_manager')) return [];
  if (actor.role === 'of_manager' && !actor.organisationId) return [];
  if (!filter.pendingOnly && !filter.organisationId) return [];
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      role: Role;
      status: ManagedAccount['status'];
      organisation_id: string;
      organisation_name: string;
      created_at: Date;
      requested_by: string | null;
      requested_at: Date | null;
      email_enc: Uint8Array;
      display_name_enc: Uint8Array | null;
    }>(
      `SELECT a.id, a.role, a.status, a.organisation_id, o.name AS organisation_name, a.created_at,
              r.requested_by, r.requested_at, a.email_enc, a.display_name_enc
       FROM accounts a
       JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN account_requests r ON r.account_id = a.id AND r.decision IS NULL
       WHERE a.role NOT IN ('candidate', 'job_seeker')
         AND ($1::boolean OR a.organisation_id = $2::uuid)
         AND (NOT $3::boolean OR r.account_id IS NOT NULL)
         AND ($4::uuid IS NULL OR (a.organisation_id = $4::uuid AND a.role IN ('of_user', 'of_manager')))
       ORDER BY r.requested_at NULLS LAST, a.created_at
       LIMIT $5`,
      [
        filter.pendingOnly && !filter.organisationId,
        filter.organisationId,
        filter.pendingOnly,
        actor.role === 'of_manager' ? actor.organisationId : null,
        MANAGED_ACCOUNTS_LIMIT,
      ],
    );
    await deps.accessLog.append(tx, {
      actorId: actor.accountId,
      sessionId: actor.sessionId,
      action: 'read',
      purpose,
      people: [],
      fields: ['account.email', 'account.displayName'],
      clientAddr: actor.clientAddr,
    });
    return rows.map((row) => ({
      accountId: row.id,
      role: row.role,
      status: row.status,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      email: openCell(deps.keyring, 'accounts', 'email_enc', row.id, row.email_enc),
      displayName: row.display_name_enc
        ? openCell(deps.keyring, 'accounts', 'display_name_enc', row.id, row.display_name_enc)
        : null,
      createdAt: row.created_at,
      pendingRequest:
        row.requested_by && row.requested_at ? { requestedBy: row.requested_by, requestedAt: row.requested_at } : null,
    }));
  });
}
