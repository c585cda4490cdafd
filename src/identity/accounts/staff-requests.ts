import { requestStaffAccount as requestStaff } from '../identity.purposes.js';
import { AppError } from '../../kernel/errors.js';
import type { Actor, Role } from '../../vault/types.js';
import type { RequestReason } from './request-reasons.js';
import { noteAccountRequest } from '../../guard/signals.js';
import { journal } from '../journal.js';
import type { LoginDeps } from '../login/deps.js';
import { isStaffRole } from '../sessions/policy.js';

export interface AccountsDeps extends LoginDeps {
  /** Where users reach the platform (the passkeys' relying party). */
  publicUrl: string;
}

type AccountActor = Extract<Actor, { kind: 'account' }>;

function asAccount(actor: Actor): AccountActor {
  if (actor.kind !== 'account') throw new AppError('FORBIDDEN', 'accounts are managed by people');
  return actor;
}

/**
 * Who may manage a staff account: an admin, or a training organisation's RGC for the users of
 * its own organisation. Anyone else, and any other organisation, gets nothing.
 */
export function mayManage(actor: AccountActor, role: Role, organisationId: string | null): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'of_manager' &&
    (role === 'of_user' || role === 'of_manager') &&
    organisationId === actor.organisationId
  );
}

/** The roles an actor may ask for: every staff role for an admin, the OF roles for an RGC. */
export function managedRoles(actor: Actor): Role[] {
  if (actor.kind !== 'account') return [];
  if (actor.role === 'admin') {
    return ['recruiter', 'recruiter_manager', 'of_user', 'of_manager', 'advisor', 'security_officer', 'admin'];
  }
  return actor.role === 'of_manager' ? ['of_user', 'of_manager'] : [];
}

/** Which kind of organisation each staff role belongs to. */
const organisationKindOf: Partial<Record<Role, 'employer' | 'training' | 'agency' | 'platform'>> = {
  recruiter: 'employer',
  recruiter_manager: 'employer',
  of_user: 'training',
  of_manager: 'training',
  advisor: 'agency',
  security_officer: 'platform',
  admin: 'platform',
};

/**
 * Asks for a staff or partner account. It stays inactive until a second authorised person
 * approves it (the Missions Locales 2025 breach: one hijacked manager created the accounts).
 */
export async function requestStaffAccount(
  deps: AccountsDeps,
  creator: Actor,
  input: {
    email: string;
    role: Role;
    organisationId: string;
    displayName: string;
    /** Why it is asked for; the form requires one, older callers record none. */
    reason?: RequestReason;
  },
): Promise<string> {
  const actor = asAccount(creator);
  if (!isStaffRole(input.role) || !mayManage(actor, input.role, input.organisationId)) {
    throw new AppError('FORBIDDEN', 'account request outside the creator’s rights');
  }
  const { rows: organisation } = await deps.db.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [
    input.organisationId,
  ]);
  if (organisation[0]?.kind !== organisationKindOf[input.role]) {
    throw new AppError('VALIDATION_FAILED', 'role does not fit the organisation');
  }
  const id = deps.random.uuid();
  await deps.db.transaction(async (tx) => {
    // Written as the admin or RGC who asks, within the scope of their rights.
    await deps.vault.write(
      actor,
      requestStaff,
      [
        {
          id,
          role: input.role,
          organisationId: input.organisationId,
          personId: null,
          email: input.email,
          displayName: input.displayName,
          passwordHash: null,
          status: 'pending',
          createdBy: actor.accountId,
          approvedBy: null,
          approvedAt: null,
        },
      ],
      tx,
    );
    await tx.query(
      'INSERT INTO account_requests (account_id, requested_by, reason, requested_at) VALUES ($1, $2, $3, $4)',
      [id, actor.accountId, input.reason ?? 'unrecorded', deps.clock.now()],
    );
    // In the Missions Locales breach a hijacked manager created the accounts that read 1.6 M
    // files: several requests in a short time are a signal for the guard.
    await noteAccountRequest(tx, actor.accountId, deps.clock.now());
    await journal(deps.accessLog, tx, 'account.requested', {
      actorId: actor.accountId,
      sessionId: actor.sessionId,
      clientAddr: actor.clientAddr,
      subjectId: id,
    });
  });
  return id;
}

/**
 * The second person's approval. The creator can never approve their own request: checked here,
 * and again by the database (CHECK decided_by <> requested_by, approved_by <> created_by).
 * Approval sends the invitation to set a password and enrol MFA; the account becomes active
 * only when that is done.
 */
export async function approveStaffAccount(deps: AccountsDeps, approver: Actor, accountId: string): Promise<void> {
  await decide(deps, approver, accountId, 'approved');
}

/** The second person's refusal: the account stays inactive for good, and no link is sent. */
export async function rejectStaffAccount(deps: AccountsDeps, rejecter: Actor, accountId: string): Promise<void> {
  await decide(deps, rejecter, accountId, 'rejected');
}

async function decide(
  deps: AccountsDeps,
  by: Actor,
  accountId: string,
  decision: 'approved' | 'rejected',
): Promise<void> {
  const actor = asAccount(by);
  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ requested_by: string; role: Role; organisation_id: string | null }>(
      `SELECT r.requested_by, a.role, a.organisation_id FROM account_requests r JOIN accounts a ON a.id = r.account_id
       WHERE r.account_id = $1 AND r.decision IS NULL FOR UPDATE OF r`,
      [accountId],
    );
    const request = rows[0];
    // Another organisation's request is answered as if it did not exist.
    if (!request || !mayManage(actor, request.role, request.organisation_id)) throw new AppError('NOT_FOUND');
    if (request.requested_by === actor.accountId) throw new AppError('FORBIDDEN', 'self-approval');
    const now = deps.clock.now();
    await tx.query(
      'UPDATE account_requests SET decided_by = $2, decision = $3, decided_at = $4 WHERE account_id = $1',
      [accountId, actor.accountId, decision, now],
    );
    const event = {
      actorId: actor.accountId,
      sessionId: actor.sessionId,
      clientAddr: actor.clientAddr,
      subjectId: accountId,
    };
    if (decision === 'rejected') {
      await journal(deps.accessLog, tx, 'account.rejected', event);
      return;
    }
    await tx.query('UPDATE accounts SET approved_by = $2, approved_at = $3 WHERE id = $1', [
      accountId,
      actor.accountId,
      now,
    ]);
    // The link is minted when the message is delivered: a copy of the outbox activates nothing.
    await deps.notify(tx, accountId, 'invitation', { role: request.role });
    await journal(deps.accessLog, tx, 'account.approved', event);
  });
}

/**
 * The person who asked for an account takes the request back (they cannot approve it, and
 * perhaps nobody else can yet). It ends as a refusal without a decider, since the database
 * forbids the asker as decider; the account stays inactive for good, like a refused one.
 */
export async function withdrawStaffRequest(deps: AccountsDeps, by: Actor, accountId: string): Promise<void> {
  const actor = asAccount(by);
  await deps.db.transaction(async (tx) => {
    const withdrawn = await tx.query(
      `UPDATE account_requests SET decision = 'rejected', decided_at = $3
       WHERE account_id = $1 AND requested_by = $2 AND decision IS NULL RETURNING 1`,
      [accountId, actor.accountId, deps.clock.now()],
    );
    // Someone else's request, or one already decided: as if it did not exist.
    if (withdrawn.rows.length === 0) throw new AppError('NOT_FOUND');
    await journal(deps.accessLog, tx, 'account.withdrawn', {
      actorId: actor.accountId,
      sessionId: actor.sessionId,
      clientAddr: actor.clientAddr,
      subjectId: accountId,
    });
  });
}
