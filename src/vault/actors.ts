import { addressTag } from '../crypto/address-tag.js';
import { AppError } from '../kernel/errors.js';
import { isStaffRole } from '../kernel/roles.js';
import type { AnyPurpose } from './purpose.js';
import type { PurposeRegistry } from './registry.js';
import type { Actor } from './types.js';

/**
 * Only a purpose the registry composed at start runs, and only for those it names: accounts of
 * its roles, or the platform itself for a 'platform' purpose. Anything else is refused.
 */
export function checkActor(registry: PurposeRegistry, actor: Actor, purpose: AnyPurpose): void {
  if (!registry.has(purpose)) throw new AppError('FORBIDDEN', `purpose ${purpose.name} not registered`);
  if (purpose.roles === 'platform') {
    if (actor.kind !== 'system') throw new AppError('FORBIDDEN', `${purpose.name} is the platform's own`);
    return;
  }
  if (actor.kind !== 'account' || !purpose.roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `${actor.kind === 'account' ? actor.role : 'platform'} for ${purpose.name}`);
  }
}

/** The id `:subject` stands for: the actor's organisation, account or person (null if it has none). */
export function subjectOf(actor: Actor, purpose: AnyPurpose): string | null {
  if (actor.kind !== 'account' || purpose.subject === 'none') return null;
  if (purpose.subject === 'organisation') return actor.organisationId;
  if (purpose.subject === 'person') return actor.personId;
  return actor.accountId;
}

/**
 * Who the log entry names. A staff member's address is kept as it is, to say where a
 * compromised account acted from; a citizen's only as a keyed pseudonym, which still tells two
 * requests from the same address apart but cannot be read back (issue 8, item 7).
 */
export function entryActor(actor: Actor, addressKey: Buffer) {
  if (actor.kind !== 'account') return { accountId: null, sessionId: null, clientAddr: null };
  return {
    accountId: actor.accountId,
    sessionId: actor.sessionId,
    clientAddr:
      actor.clientAddr !== null && !isStaffRole(actor.role)
        ? pseudonymiseAddress(addressKey, actor.clientAddr)
        : actor.clientAddr,
  };
}

/**
 * `h:` and the first 16 bytes of the address's keyed tag (its network's HMAC, as sessions and
 * the login throttle keep it: src/crypto/address-tag.ts), in base64url: the log can tell that
 * two requests came from one network, and a session's network from a log entry's.
 */
export function pseudonymiseAddress(key: Buffer, address: string): string {
  return `h:${addressTag(key, address).subarray(0, 16).toString('base64url')}`;
}
