import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import { openCell } from './codec.js';
import type { Actor } from './types.js';

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
