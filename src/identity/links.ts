import type { Queryable } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { issueToken, TOKEN_TTL_MS, type TokenPurpose } from './tokens.js';

/** Where each kind of single-use link leads; the token ends the path. */
const LINK_PATHS: Readonly<Record<TokenPurpose, string>> = {
  verify_email: '/inscription/confirmer/',
  reset_password: '/mot-de-passe/nouveau/',
  invitation: '/invitation/',
};

/**
 * Issues a single-use token and returns its link. Only the token's hash is stored; the link
 * exists only in the message being delivered (or the demo file of seeded invitations).
 */
export type MintLink = (
  q: Queryable,
  input: { accountId: string; purpose: TokenPurpose; ttlMs?: number },
) => Promise<string>;

/**
 * The link minter the mailer calls at delivery, so that no live link rests in the outbox
 * (issue 8, item 3; STYLE rule 7). Each link lives `TOKEN_TTL_MS[purpose]` unless `ttlMs` says
 * otherwise, and supersedes any unused link of the same purpose for the account.
 */
export function createLinkMinter(deps: { publicUrl: string; clock: Clock; random: Random }): MintLink {
  return async (q, input) => {
    const token = await issueToken(q, {
      accountId: input.accountId,
      purpose: input.purpose,
      ttlMs: input.ttlMs ?? TOKEN_TTL_MS[input.purpose],
      clock: deps.clock,
      random: deps.random,
    });
    return `${deps.publicUrl}${LINK_PATHS[input.purpose]}${token}`;
  };
}

/** A link's lifetime in French words (« une heure », « 24 heures », « 3 jours »), for mails and pages. */
export function linkLifetimeInWords(purpose: TokenPurpose): string {
  const hours = TOKEN_TTL_MS[purpose] / 3600_000;
  if (hours === 1) return 'une heure';
  if (hours <= 48 || !Number.isInteger(hours / 24)) return `${hours} heures`;
  return `${hours / 24} jours`;
}
