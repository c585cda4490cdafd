import type { DomainDeps } from '../domains.js';
import type { Actor } from '../vault/index.js';
import { officerOf } from './officer.js';
import { investigateAccount } from './security.purposes.js';

/** Who holds an account, as the officer reads it. */
export interface HolderView {
  name: string;
  email: string;
}

/**
 * The holder of a staff account, read through the vault with the purpose `security.account`:
 * logged, charged to the officer's budget, and out of scope for a citizen's account (then
 * null, as for an account that does not exist).
 */
export async function readHolder(
  deps: Pick<DomainDeps, 'vault'>,
  actor: Actor,
  id: string,
): Promise<HolderView | null> {
  officerOf(actor);
  const [record] = await deps.vault.read(actor, investigateAccount, [id]);
  if (!record) return null;
  return { name: record.displayName ?? 'Non renseigné', email: record.email ?? 'Non renseignée' };
}
