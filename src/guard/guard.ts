import type { Tx } from '../db/client.js';

/** What the guard is asked about: an account about to read these (already scoped) people. */
export interface GuardRequest {
  accountId: string;
  purpose: string;
  people: readonly string[];
  fields: readonly string[];
  at: Date;
}

export type GuardDecision =
  { verdict: 'allow' } | { verdict: 'step_up'; reason: string } | { verdict: 'deny'; reason: string };

/**
 * The hook between scope and decryption. It runs inside the read's transaction, so whatever it
 * charges is undone if the read fails. The full guard (learned budgets, canaries, probing,
 * kill switch) replaces the ceiling behind this same interface.
 */
export interface Guard {
  check(tx: Tx, request: GuardRequest): Promise<GuardDecision>;
}
