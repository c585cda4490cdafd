import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import { journal } from '../identity/journal.js';
import { issueToken, MAX_TOKEN_TTL_MS } from '../identity/tokens.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { platformActor, type Vault } from '../vault/index.js';
import { bootstrapAdmins as bootstrapPurpose } from './admins.purposes.js';

/** What making the first administrators needs: the platform's own services and its address. */
export interface BootstrapDeps {
  db: Db;
  vault: Vault;
  clock: Clock;
  random: Random;
  /** Where users reach the platform: the invitation links start with it. */
  publicUrl: string;
}

/** Why the first administrators were not made; the message is French, for the console. */
export class BootstrapRefused extends Error {}

/** The platform itself, at the console of whoever holds the master key; never a request. */
const atTheConsole = platformActor('admins-bootstrap');

/** The organisation administrators and security officers belong to, when there is none yet. */
export const PLATFORM_TEAM = 'Équipe de la plateforme';

// Two consoles running the command at once must not both see "no administrator yet".
const BOOTSTRAP_LOCK = 7_210_432;

async function platformOrganisation(tx: Pick<Db, 'query'>, random: Random): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    "SELECT id FROM organisations WHERE kind = 'platform' ORDER BY created_at, id LIMIT 1",
  );
  if (rows[0]) return rows[0].id;
  const id = random.uuid();
  await tx.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'platform', $2)", [id, PLATFORM_TEAM]);
  return id;
}

/**
 * Makes an installation's first two administrators and returns their invitation links. Every
 * later staff account is asked for by one person and approved by another (DESIGN.md, after the
 * Missions Locales 2025 breach); these two cannot be, since nobody is there to approve them, so
 * the holder of the master key makes them at the console, once: the command is refused as soon
 * as any administrator exists. Each account starts without password or second factor: its
 * single-use link (7 days) sets the password, then enrols a passkey, as a staff invitation does.
 * The accounts are written through the vault under their own purpose, which records the write
 * in the access log and refuses it too once an administrator exists.
 */
export async function bootstrapAdmins(
  deps: BootstrapDeps,
  emails: readonly [string, string],
): Promise<{ email: string; link: string }[]> {
  for (const email of emails) {
    if (await deps.vault.findAccountIdByEmail(email)) {
      throw new BootstrapRefused(`L’adresse ${email} est déjà celle d’un compte.`);
    }
  }
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const { rows } = await tx.query("SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1");
    if (rows.length > 0) {
      throw new BootstrapRefused(
        'Refusé : cette installation a déjà un administrateur. Tout nouveau compte du personnel est ' +
          'demandé par une personne et approuvé par une autre, depuis « Gestion des comptes » (/gestion/comptes).',
      );
    }
    const organisationId = await platformOrganisation(tx, deps.random);
    const admins = emails.map((email) => ({ id: deps.random.uuid(), email }));
    await deps.vault.write(
      atTheConsole,
      bootstrapPurpose,
      admins.map(({ id, email }) => ({
        id,
        role: 'admin' as const,
        organisationId,
        personId: null,
        email,
        displayName: email,
        passwordHash: null,
        // Active but unusable until its owner sets a password and a passkey through the link:
        // an invitation activates only accounts a second person approved, which these cannot be.
        status: 'active' as const,
        createdBy: null,
        approvedBy: null,
        approvedAt: null,
      })),
      tx,
    );
    const links: { email: string; link: string }[] = [];
    for (const { id, email } of admins) {
      const token = await issueToken(tx, {
        accountId: id,
        purpose: 'invitation',
        ttlMs: MAX_TOKEN_TTL_MS,
        clock: deps.clock,
        random: deps.random,
      });
      links.push({ email, link: `${deps.publicUrl}/invitation/${token}` });
    }
    return links;
  });
}

/**
 * A new invitation link for one of the first two administrators whose own has not been used in
 * time, or was lost: `rempart admins relink --email A`. Only while that account has no passkey
 * yet (its invitation is not complete), so it can never hand a finished account to whoever holds
 * the console; the new link replaces any earlier one of the account (tokens.ts keeps one live
 * link per purpose), and the journal records it. Without this, links expired after 7 days would
 * leave an installation with no way to its first administrator, since bootstrap runs once.
 */
export async function relinkBootstrapAdmin(
  deps: BootstrapDeps & { accessLog: AccessLog },
  email: string,
): Promise<string> {
  const accountId = await deps.vault.findAccountIdByEmail(email);
  const refused = new BootstrapRefused(
    `Refusé : ${email} n’est pas un des deux premiers administrateurs dont l’invitation reste à terminer.`,
  );
  if (!accountId) throw refused;
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ pending: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM passkeys p WHERE p.account_id = a.id) AS pending
       FROM accounts a
       WHERE a.id = $1 AND a.role = 'admin' AND a.created_by IS NULL AND a.approved_by IS NULL
       FOR UPDATE`,
      [accountId],
    );
    if (!rows[0]?.pending) throw refused;
    const token = await issueToken(tx, {
      accountId,
      purpose: 'invitation',
      ttlMs: MAX_TOKEN_TTL_MS,
      clock: deps.clock,
      random: deps.random,
    });
    await journal(deps.accessLog, tx, 'account.invitation_reissued', { actorId: null, subjectId: accountId });
    return `${deps.publicUrl}/invitation/${token}`;
  });
}
