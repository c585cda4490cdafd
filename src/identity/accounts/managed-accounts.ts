import type { Db } from '../../db/client.js';
import type { Actor, Role, Vault } from '../../vault/index.js';
import { manageAccounts } from '../identity.purposes.js';
import type { RequestReason } from './request-reasons.js';

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
  pendingRequest: { requestedBy: string; requestedAt: Date; reason: RequestReason } | null;
}

/** At most this many accounts per list: a manager's page, never an export. */
export const MANAGED_ACCOUNTS_LIMIT = manageAccounts.pageCap;

interface Row {
  id: string;
  role: Role;
  status: ManagedAccount['status'];
  organisation_id: string;
  organisation_name: string;
  created_at: Date;
  requested_by: string | null;
  requested_at: Date | null;
  reason: RequestReason | null;
}

/**
 * The staff accounts an actor may manage: an admin, one organisation's accounts at a time, or
 * the pending requests of all; an RGC, the training-organisation accounts of its own. The plain
 * columns come from this query; e-mails and names from the vault, whose purpose checks the same
 * rights again in SQL, charges the read budget and logs every account read.
 */
export async function listManagedAccounts(
  deps: { db: Db; vault: Pick<Vault, 'read'> },
  actor: Actor,
  filter: { organisationId: string | null; pendingOnly: boolean },
): Promise<ManagedAccount[]> {
  if (actor.kind !== 'account' || (actor.role !== 'admin' && actor.role !== 'of_manager')) return [];
  if (actor.role === 'of_manager' && !actor.organisationId) return [];
  if (!filter.pendingOnly && !filter.organisationId) return [];
  const { rows } = await deps.db.query<Row>(
    `SELECT a.id, a.role, a.status, a.organisation_id, o.name AS organisation_name, a.created_at,
            r.requested_by, r.requested_at, r.reason
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
  const contacts = new Map(
    (
      await deps.vault.read(
        actor,
        manageAccounts,
        rows.map((row) => row.id),
      )
    ).map((c) => [c.id, c]),
  );
  return rows.flatMap((row) => {
    const contact = contacts.get(row.id);
    if (!contact?.email) return [];
    return [
      {
        accountId: row.id,
        role: row.role,
        status: row.status,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        email: contact.email,
        displayName: contact.displayName,
        createdAt: row.created_at,
        pendingRequest:
          row.requested_by && row.requested_at
            ? { requestedBy: row.requested_by, requestedAt: row.requested_at, reason: row.reason ?? 'unrecorded' }
            : null,
      },
    ];
  });
}
