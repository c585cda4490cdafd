import type { Tx } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import type { Actor } from '../../vault/types.js';
import { invitationContact } from '../identity.purposes.js';
import { journal } from '../journal.js';
import { loadAccountState } from '../login/account-state.js';
import { totpAllowed } from '../mfa-policy.js';
import { registrationOptions, storePasskey, verifyRegistration } from '../passkeys/passkeys.js';
import type { RelyingParty } from '../passkeys/relying-party.js';
import { checkPassword, type PasswordProblem } from '../passwords/index.js';
import { consumeToken, peekToken } from '../tokens.js';
import type { AccountsDeps } from './staff-requests.js';
import { confirmPendingTotp, startTotpEnrolment } from './totp-enrolment.js';

/** Where an invitation stands: a password to choose first, then a second factor to enrol. */
export interface Invitation {
  accountId: string;
  email: string;
  displayName: string;
  step: 'password' | 'factor';
  totpAllowed: boolean;
}

/**
 * The invitation a link names, if it is live and its account can still be activated. The link
 * is spent only when the second factor is enrolled, so a person who stops after the password
 * comes back with the same link.
 */
export async function openInvitation(deps: AccountsDeps, token: string): Promise<Invitation | null> {
  const accountId = await peekToken(deps.db, { token, purpose: 'invitation', clock: deps.clock });
  const state = accountId ? await loadAccountState(deps.db, accountId) : null;
  if (!state || state.status === 'suspended') return null;
  // The link proves the invited account: it reads its own contact, as itself, not as the platform.
  const invited: Actor = {
    kind: 'account',
    accountId: state.id,
    role: state.role,
    organisationId: state.organisationId,
    personId: state.personId,
    sessionId: null,
    clientAddr: null,
  };
  const [contact] = await deps.vault.read(invited, invitationContact, [state.id]);
  if (!contact?.email) return null;
  return {
    accountId: state.id,
    email: contact.email,
    displayName: contact.displayName ?? contact.email,
    step: state.passwordHash ? 'factor' : 'password',
    totpAllowed: totpAllowed(state.requirement),
  };
}

async function requireInvitation(deps: AccountsDeps, token: string, step: Invitation['step']): Promise<Invitation> {
  const invitation = await openInvitation(deps, token);
  if (!invitation) throw new AppError('INVITATION_INVALID');
  if (invitation.step !== step) throw new AppError('FORBIDDEN', `invitation at step ${invitation.step}`);
  return invitation;
}

/** The invited person's own password: CNIL rules, and never one that echoes their name or address. */
export async function setInvitationPassword(
  deps: AccountsDeps,
  input: { token: string; password: string; clientAddr: string },
): Promise<{ ok: true } | { ok: false; problems: PasswordProblem[] }> {
  const invitation = await requireInvitation(deps, input.token, 'password');
  const problems = checkPassword(input.password, { email: invitation.email, names: [invitation.displayName] });
  if (problems.length > 0) return { ok: false, problems };
  const hash = await deps.passwords.hash(input.password);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const set = await tx.query(
      'UPDATE accounts SET password_hash = $2, password_changed_at = $3 WHERE id = $1 AND password_hash IS NULL RETURNING 1',
      [invitation.accountId, hash, now],
    );
    if (set.rows.length === 0) throw new AppError('FORBIDDEN', 'password already set');
    await journal(deps.accessLog, tx, 'password.changed', {
      actorId: invitation.accountId,
      clientAddr: input.clientAddr,
    });
  });
  return { ok: true };
}

export async function invitationPasskeyOptions(deps: AccountsDeps, rp: RelyingParty, token: string) {
  const invitation = await requireInvitation(deps, token, 'factor');
  return registrationOptions(deps, rp, {
    id: invitation.accountId,
    userName: invitation.email,
    displayName: invitation.displayName,
  });
}

/** A TOTP secret to scan, for roles whose policy allows TOTP (the pending one, if any). */
export async function invitationTotp(deps: AccountsDeps, invitation: Invitation) {
  if (!invitation.totpAllowed) return null;
  return startTotpEnrolment(deps, invitation.accountId);
}

/**
 * The last step, once the caller has checked the invitation is at its factor step: spends the
 * link, enrols the factor, activates an approved account, tells the owner and writes the
 * journal, all in one transaction.
 */
async function complete(
  deps: AccountsDeps,
  input: { token: string; clientAddr: string },
  enrol: (tx: Tx, accountId: string) => Promise<'passkey_added' | 'totp_enabled'>,
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const accountId = await consumeToken(tx, { token: input.token, purpose: 'invitation', clock: deps.clock });
    if (!accountId) throw new AppError('INVITATION_INVALID');
    const change = await enrol(tx, accountId);
    const now = deps.clock.now();
    // Only an account a second person approved becomes active (two-person rule).
    await tx.query(
      "UPDATE accounts SET status = 'active' WHERE id = $1 AND status = 'pending' AND approved_by IS NOT NULL",
      [accountId],
    );
    await deps.notify(tx, accountId, 'mfa_changed', { change, when: now.toISOString() });
    await journal(deps.accessLog, tx, 'mfa.enrolled', { actorId: accountId, clientAddr: input.clientAddr });
    return accountId;
  });
}

export async function completeInvitationWithPasskey(
  deps: AccountsDeps,
  rp: RelyingParty,
  input: { token: string; flowHandle: string | undefined; response: unknown; name: string; clientAddr: string },
): Promise<void> {
  const invitation = await requireInvitation(deps, input.token, 'factor');
  const passkey = await verifyRegistration(deps, rp, {
    flowHandle: input.flowHandle,
    accountId: invitation.accountId,
    response: input.response,
  });
  await complete(deps, input, async (tx, accountId) => {
    if (accountId !== passkey.accountId) throw new AppError('INVITATION_INVALID');
    await storePasskey(tx, passkey, input.name, deps.clock.now());
    return 'passkey_added';
  });
}

export async function completeInvitationWithTotp(
  deps: AccountsDeps,
  input: { token: string; code: string; clientAddr: string },
): Promise<{ recoveryCodes: string[] }> {
  await requireInvitation(deps, input.token, 'factor');
  let recoveryCodes: string[] = [];
  await complete(deps, input, async (tx, accountId) => {
    const state = await loadAccountState(tx, accountId);
    if (!state || !totpAllowed(state.requirement)) throw new AppError('FORBIDDEN', 'totp not allowed');
    recoveryCodes = await confirmPendingTotp(deps, tx, accountId, input.code);
    return 'totp_enabled';
  });
  return { recoveryCodes };
}
