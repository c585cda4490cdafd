import { AppError } from '../../kernel/errors.js';
import type { Actor } from '../../vault/types.js';
import { registerAccount, registerPerson } from '../identity.purposes.js';
import { journal } from '../journal.js';
import { checkPassword, type PasswordProblem } from '../passwords/index.js';
import { consumeToken } from '../tokens.js';
import type { RequestGuards } from './request-guards.js';
import type { AccountsDeps } from './staff-requests.js';

export interface Registration {
  kind: 'candidate' | 'job_seeker';
  lastName: string;
  firstName: string;
  email: string;
  password: string;
}

/**
 * A candidate or job seeker registers themselves. The answer is the same whether the address is
 * new or already has an account, in its words and in its time: the password is checked and
 * hashed (argon2id) for every address, then the lookup and the account's creation are queued to
 * run after the answer (issue 8, item 5). Only a new address receives a verification link. Too
 * many registrations from one client address answer 429, whatever the address.
 */
export async function registerCitizen(
  deps: AccountsDeps & RequestGuards,
  input: Registration,
  clientAddr: string,
): Promise<{ ok: true } | { ok: false; problems: PasswordProblem[] }> {
  const problems = checkPassword(input.password, { email: input.email, names: [input.lastName, input.firstName] });
  if (problems.length > 0) return { ok: false, problems };
  if (!(await deps.throttle.allow(deps.db, 'registration.client', clientAddr))) {
    throw new AppError('TOO_MANY_REQUESTS', 'registrations from one address');
  }
  const passwordHash = await deps.passwords.hash(input.password);
  if (!deps.afterReply.push('account.registration', () => createCitizen(deps, input, passwordHash, clientAddr))) {
    throw new AppError('SERVICE_UNAVAILABLE', 'after-reply queue full');
  }
  return { ok: true };
}

/**
 * Creates the person, the account and its verification message in one transaction, unless the
 * address already has an account (its owner gets nothing: the answer was the same).
 */
async function createCitizen(
  deps: AccountsDeps,
  input: Registration,
  passwordHash: string,
  clientAddr: string,
): Promise<void> {
  if (await deps.vault.findAccountIdByEmail(input.email)) return;
  const personId = deps.random.uuid();
  const accountId = deps.random.uuid();
  // Self-registration acts as the person being registered, not as the platform.
  const self: Actor = {
    kind: 'account',
    accountId,
    role: input.kind,
    organisationId: null,
    personId,
    sessionId: null,
    clientAddr,
  };
  // One transaction: a person, an account and its link exist together, or not at all.
  await deps.db.transaction(async (tx) => {
    await deps.vault.write(
      self,
      registerPerson,
      [
        {
          id: personId,
          kind: input.kind,
          lastName: input.lastName,
          firstName: input.firstName,
          email: input.email,
          birthDate: null,
          address: null,
          phone: null,
          franceTravailId: null,
          registrationStatus: null,
        },
      ],
      tx,
    );
    await deps.vault.write(
      self,
      registerAccount,
      [
        {
          id: accountId,
          role: input.kind,
          organisationId: null,
          personId,
          email: input.email,
          displayName: `${input.firstName} ${input.lastName}`,
          passwordHash,
          status: 'pending',
          createdBy: null,
          approvedBy: null,
          approvedAt: null,
        },
      ],
      tx,
    );
    // The link is minted when the message is delivered: no live token rests in the outbox.
    await deps.notify(tx, accountId, 'verify_email', {});
    await journal(deps.accessLog, tx, 'account.registered', { actorId: accountId });
  });
}

/** The single-use link from the e-mail: activates the account it was sent to. */
export async function confirmEmail(deps: AccountsDeps, token: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const accountId = await consumeToken(tx, { token, purpose: 'verify_email', clock: deps.clock });
    if (!accountId) return false;
    const activated = await tx.query(
      `UPDATE accounts SET status = 'active', email_verified_at = $2
       WHERE id = $1 AND status = 'pending' AND role IN ('candidate', 'job_seeker') RETURNING 1`,
      [accountId, deps.clock.now()],
    );
    if (activated.rows.length === 0) return false;
    await journal(deps.accessLog, tx, 'account.email_verified', { actorId: accountId });
    return true;
  });
}
