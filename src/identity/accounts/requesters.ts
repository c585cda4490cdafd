import type { Queryable } from '../../db/client.js';
import type { Role } from '../../kernel/roles.js';
import type { Requester } from '../identity.presenter.js';

/**
 * Who asked for the pending accounts, as the approval queue names them: role and organisation,
 * non-personal columns only (a name would be a read of personal data through the vault for
 * every row of the queue).
 */
export async function loadRequesters(q: Queryable, accountIds: readonly string[]): Promise<Map<string, Requester>> {
  if (accountIds.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; role: Role; organisation_name: string | null }>(
    `SELECT a.id, a.role, o.name AS organisation_name FROM accounts a
     LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.id = ANY($1::uuid[])`,
    [[...new Set(accountIds)]],
  );
  return new Map(
    rows.map((row) => [row.id, { accountId: row.id, role: row.role, organisationName: row.organisation_name }]),
  );
}
