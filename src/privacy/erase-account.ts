import type { DomainDeps } from '../domains.js';
import type { Tx } from '../db/client.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';

/** What an erasure did: whether the person record went too, or is kept for France Travail. */
export interface Erasure {
  personErased: boolean;
}

/** The account's own rows in identity's tables, deleted before the account itself. */
const ACCOUNT_ROWS = [
  'sessions',
  'passkeys',
  'totp_credentials',
  'recovery_codes',
  'account_tokens',
  'login_flows',
  'mail_outbox',
  'account_suspensions',
  'account_requests',
  // The guard's rows about the account (a citizen's reads are not charged; none should exist).
  'guard_reads',
  'guard_totals',
  'guard_hours',
  'guard_signals',
  'guard_step_ups',
];

/**
 * The candidate's own rows, by person: applications first (their events, `application_events`,
 * go with them by ON DELETE CASCADE; one may name a CV), CVs, pool facets, profile. Saved
 * searches go with the account (ON DELETE CASCADE, migration 0010).
 */
const PERSON_ROWS = ['applications', 'cvs', 'profile_facets', 'candidate_profiles'];

/**
 * Erases the signed-in citizen's account (GDPR art. 17), in one transaction: their CVs,
 * applications, profile and pool facets, every envelope of their account (e-mail, name, TOTP
 * secret), their passkeys, sessions and pending mail, then the account, then the person record
 * with its envelopes and blind indexes, unless France Travail still follows the person (a
 * referral or an advisor's portfolio), whose file is kept under its own legal basis (art.
 * 17(3)(b)). Deleted rows take their envelopes with them: nothing is left to decrypt.
 *
 * The access log is not rewritten (it may not be: it is append-only and sealed). Its entries
 * name the person only by an id that now leads nowhere, hold no personal value, and go at the
 * retention purge (docs/security.md). One entry records the erasure itself.
 */
export async function eraseOwnAccount(deps: DomainDeps, actor: Actor): Promise<Erasure> {
  if (actor.kind !== 'account' || (actor.role !== 'candidate' && actor.role !== 'job_seeker')) {
    throw new AppError('FORBIDDEN', 'only a citizen erases their own account');
  }
  const { accountId, personId } = actor;
  return deps.db.transaction(async (tx) => {
    if (personId) for (const table of PERSON_ROWS) await deleteWhere(tx, table, 'person_id', personId);
    for (const table of ACCOUNT_ROWS) await deleteWhere(tx, table, 'account_id', accountId);
    await tx.query('DELETE FROM accounts WHERE id = $1', [accountId]);
    const followed = personId ? await followedByFranceTravail(tx, personId) : false;
    if (personId && !followed) await tx.query('DELETE FROM people WHERE id = $1', [personId]);
    await deps.accessLog.append(tx, {
      actorId: accountId,
      sessionId: actor.sessionId,
      action: 'erase',
      purpose: 'privacy.erase',
      record: 'person',
      people: personId ? [personId] : [],
      fields: [],
      clientAddr: null,
    });
    return { personErased: personId !== null && !followed };
  });
}

async function deleteWhere(tx: Tx, table: string, column: string, id: string): Promise<void> {
  // Table and column names come from the constant lists above, never from input.
  await tx.query(`DELETE FROM ${table} WHERE ${column} = $1`, [id]);
}

async function followedByFranceTravail(tx: Tx, personId: string): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM referrals WHERE person_id = $1 UNION ALL SELECT 1 FROM portfolios WHERE person_id = $1 LIMIT 1`,
    [personId],
  );
  return rows.length > 0;
}
