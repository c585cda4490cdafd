import type { DomainDeps } from '../domains.js';
import type { Role } from '../kernel/roles.js';
import type { Actor } from '../vault/index.js';

/** One item of a person's data: plain values, as the JSON export gives them. */
export type PrivacyItem = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A part of « Mes données » (GDPR art. 15 and 20) that a domain contributes: the person's own
 * data it holds, read through the vault as the person (so the export itself is logged), the
 * same items for the JSON download and for the readable page.
 */
export interface PrivacySection {
  /** The key of the section in the JSON export (« candidatures », « orientations »). */
  key: string;
  /** Its heading on the readable page, in French. */
  title: string;
  /** The roles whose data includes it. */
  roles: readonly Role[];
  /** The French label of each key its items carry, in the order the page shows them. */
  labels: Readonly<Record<string, string>>;
  /** The signed-in person's own items; never another person's. */
  collect(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]>;
}
