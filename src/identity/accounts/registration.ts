import { journal } from '../journal.js';
import { checkPassword, type PasswordProblem } from '../passwords/index.js';
import { consumeToken } from '../tokens.js';
import type { AccountsDeps } from './staff-requests.js';

const registrar = { kind: 'system', task: 'registration' } as const;

export interface Registration {
  kind: 'candidate' | 'job_seeker';
  lastName: string;
  firstName: string;
  email: string;
  password: string;
}

/**
 * A candidate or job seeker registers themselves. The answer is the same whether the address is
 * new or already has an account, after the same argon2id work, so registration cannot be used
 * to learn who has an account; only a new address receives a verification link.
 */
export async function registerCitizen(
  deps: AccountsDeps,
  input: Registration,
): Promise<{ ok: true } | { ok: false; problems: PasswordProblem[] }> {
  const problems = checkPassword(input.password, { email: input.email, names: [input.lastName, input.firstName] });
  if (problems.length > 0) return { ok: false, problems };
  const passwordHash = await deps.passwords.hash(input.password);
  if (await deps.vault.findAccountIdByEmail(input.email)) return { ok: true };
  const personId = deps.random.uuid();
  const accountId = deps.random.uuid();
  // One transaction: a person, an account and its message exist together, or not at all.
  await deps.db.transaction(async (tx) => {
    await deps.vault.createPeople(
      registrar,
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
      'account.registration',
      tx,
    );
    await deps.vault.createAccounts(
      registrar,
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
        },
      ],
      'account.registration',
      tx,
    );
    // The link is minted when the message is delivered: no live token rests in the outbox.
    await deps.notify(tx, accountId, 'verify_email', {});
    await journal(deps.accessLog, tx, 'account.registered', { actorId: accountId });
  });
  return { ok: true };
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
