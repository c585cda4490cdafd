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

/** How the chain was broken at the first entry that does not verify. */
export type BreakKind = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'inserted';

/** The first broken entry: its sequence number, how it was broken, and a French explanation. */
export interface BrokenEntry {
  seq: number;
  kind: BreakKind;
  /** For the operator; holds sequence numbers only, never personal data. */
  message: string;
}

/** What `verifyAccessLog` found. */
export interface VerifyReport {
  /** True when the chain, its head, its anchor and the signed checkpoints all agree. */
  ok: boolean;
  /** Entries recomputed and found sound. */
  checked: number;
  /** The head's sequence number when verification started. */
  headSeq: number;
  /** Where the chain starts: the retention anchor's seq, or 0 (genesis). */
  startSeq: number;
  /** The last entry found sound. */
  lastSeq: number;
  /** Checkpoints whose signature holds, and lines whose signature does not (ignored, reported). */
  checkpoints: number;
  forgedCheckpoints: number;
  firstBroken?: BrokenEntry;
}

/** Where the signed checkpoints are, the key that signs them and the anchor, and how to stream. */
export interface VerifyOptions {
  checkpointDir: string;
  /** keyring.deriveOutsideKey('audit-checkpoint'). */
  key: Buffer;
  /** Entries read per query (keyset pagination on seq); 5000 by default. */
  batchSize?: number;
  /** Called after each batch, for a progress bar. */
  onProgress?: (checked: number, total: number) => void;
}
