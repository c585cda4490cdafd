import type { Actor, Vault } from '../vault/index.js';
import { selfAccount } from './identity.purposes.js';

/** An account's own login e-mail and name, as shown to it. */
export interface OwnContact {
  accountId: string;
  email: string;
  displayName: string | null;
}

/** The signed-in account reads its own contact: a logged read through the door, like any other. */
export async function readOwnContact(vault: Pick<Vault, 'read'>, actor: Actor): Promise<OwnContact | null> {
  if (actor.kind !== 'account') return null;
  const [contact] = await vault.read(actor, selfAccount, [actor.accountId]);
  return contact?.email ? { accountId: contact.id, email: contact.email, displayName: contact.displayName } : null;
}
