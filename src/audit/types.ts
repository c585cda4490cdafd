import type { Queryable } from '../db/client.js';

/** The guard's verdict on a request through the door; only 'allow' entries returned data. */
export type Outcome = 'allow' | 'step_up' | 'deny' | 'suspend';

/** What kind of record an entry's ids name. */
export type RecordKind = 'person' | 'account' | 'none';

/** What a caller tells the access log about one read, search or write of personal data. */
export interface AccessEntryInput {
  /** The account that acted; null only for the platform itself (seeding, key rotation, mail). */
  actorId: string | null;
  sessionId: string | null;
  /** What was done: 'read', 'search', 'create', 'update', 'auth.login.succeeded'… */
  action: string;
  /** Why, as a stable code: 'training.follow_up', 'seed', 'self.view'… */
  purpose: string;
  /** The kind of record `people` names ('person' when omitted; 'none' for security events). */
  record?: RecordKind;
  /** The records concerned (ids). */
  people: readonly string[];
  /** Ids asked for that the purpose's scope did not allow. */
  probed?: readonly string[];
  /** The fields concerned, by their vault names ('lastName', 'email'…). */
  fields: readonly string[];
  clientAddr: string | null;
  outcome?: Outcome;
  /** For a search: how many records in scope its criteria matched, before the page cap. */
  breadth?: number | null;
}

/** The append side of the access log, for writes and security events. */
export interface AccessLog {
  /**
   * Inserts one entry, in the caller's transaction when given one (a write and its entry commit
   * together). No lock is taken: the sealer chains the entry a few milliseconds after its
   * commit. If it throws, the caller's work must fail.
   */
  append(q: Queryable, entry: AccessEntryInput): Promise<{ seq: number }>;
}

/** How the chain was broken at the first place that does not verify. */
export type BreakKind = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'inserted' | 'unsealed' | 'checkpoints';

/** The first broken place: its sequence number, how it was broken, and a French explanation. */
export interface BrokenEntry {
  seq: number;
  kind: BreakKind;
  /** For the operator; holds sequence numbers only, never personal data. */
  message: string;
}

/** What `verifyAccessLog` found. */
export interface VerifyReport {
  /** True when entries, seals, anchor and the signed checkpoints all agree. */
  ok: boolean;
  /** Entries recomputed and found sound. */
  checked: number;
  /** Seals whose MAC and entries were checked. */
  seals: number;
  /** The last sealed entry number. */
  headSeq: number;
  /** Where the chain starts: the retention anchor's last entry, or 0 (genesis). */
  startSeq: number;
  /** The last entry number found sound. */
  lastSeq: number;
  /** Checkpoint lines whose signature holds, and lines whose signature does not. */
  checkpoints: number;
  forgedCheckpoints: number;
  /** Entries written but not yet chained by the sealer (the most recent ones). */
  unsealed: number;
  firstBroken?: BrokenEntry;
}

/** The keys and the place of the checkpoints, for the verifier and the checkpoint writer. */
export interface ChainKeys {
  /** Keys the seals' MACs: keyring.deriveOutsideKey('audit-chain'). */
  chainKey: Buffer;
  /** Signs checkpoints and the retention anchor: keyring.deriveOutsideKey('audit-checkpoint'). */
  checkpointKey: Buffer;
}

export interface VerifyOptions extends ChainKeys {
  checkpointDir: string;
  /** Now, to tell an unsealed tail or an uncovered seal that is too old. */
  now: Date;
  /** Seals read per query; 500 by default. */
  batchSize?: number;
  /** Called after each batch, for a progress bar. */
  onProgress?: (checked: number, total: number) => void;
}
