import type { Tx } from '../db/client.js';

/** What a caller tells the access log about one read or write of personal data. */
export interface AccessEntryInput {
  /** The account that acted; null only for the platform itself (seeding, key rotation). */
  actorId: string | null;
  sessionId: string | null;
  /** What was done: 'read', 'write', 'create', 'search', 'export'… */
  action: string;
  /** Why, as a stable code: 'training.follow_up', 'seed', 'self.view'… */
  purpose: string;
  /** The people concerned (ids). */
  people: readonly string[];
  /** The fields concerned, by their vault names ('lastName', 'email'…). */
  fields: readonly string[];
  clientAddr: string | null;
}

/** The append side of the access log, as the vault uses it. */
export interface AccessLog {
  /**
   * Appends one entry inside the caller's transaction. If it throws, the caller's transaction
   * must fail: a read that cannot be logged does not happen.
   */
  append(tx: Tx, entry: AccessEntryInput): Promise<{ seq: number }>;
}
