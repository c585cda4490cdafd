import type { Queryable } from '../db/client.js';

/*
 * The guard's signals, each recorded with its evidence (ids, counts, codes: never personal
 * data) and a weight from guard_signal_weights; their recent, unanswered sum is the account's
 * score, which the guard's decision (guard_decide, migrations 0021 and 0022) turns into allow,
 * step-up or suspend:
 * - out_of_scope: ids asked that the purpose's scope did not allow (seen by the door);
 * - enumeration: several such requests within the window;
 * - broad_search: a search whose criteria match so many records they select nearly everyone;
 * - new_context: a session used from another network or browser (identity's binding move);
 * - off_hours: people first read at an hour the account never works;
 * - account_burst: a manager asking for several accounts in a short time (Missions Locales);
 * - budget / budget_again: over a read budget, then over it again after a step-up;
 * - pace: more people first read within a second than a person reads (migration 0021);
 * - refused: a read asked while a step-up is awaited;
 * - canary: a canary person read (the suspension does not wait for the score).
 */
export const signalKinds = [
  'out_of_scope',
  'enumeration',
  'broad_search',
  'new_context',
  'off_hours',
  'account_burst',
  'budget',
  'budget_again',
  'pace',
  'refused',
  'canary',
] as const;

export type SignalKind = (typeof signalKinds)[number];

/** Each signal in French, for the officers' console. */
export const signalLabels: Record<SignalKind, string> = {
  out_of_scope: 'Demande de personnes hors de son périmètre',
  enumeration: 'Suite de demandes hors périmètre (énumération)',
  broad_search: 'Recherche trop large (presque tout le vivier)',
  new_context: 'Session utilisée depuis un autre réseau ou navigateur',
  off_hours: 'Consultations à une heure inhabituelle',
  account_burst: 'Plusieurs comptes demandés en peu de temps',
  budget: 'Budget de consultation dépassé',
  budget_again: 'Budget dépassé de nouveau après vérification',
  pace: 'Lecture plus rapide qu’une personne (pages enchaînées en moins d’une seconde)',
  refused: 'Consultation tentée pendant une vérification demandée',
  canary: 'Consultation d’une personne leurre',
};

/** Records a signal from outside the door (identity's binding move, account requests). */
export async function recordSignal(
  q: Queryable,
  accountId: string,
  kind: SignalKind,
  at: Date,
  evidence: Record<string, string | number> = {},
): Promise<void> {
  await q.query('SELECT guard_signal($1, $2, $3, $4::jsonb)', [accountId, at, kind, JSON.stringify(evidence)]);
}

/**
 * After a manager asked for an account: a signal if it is the n-th within the burst's minutes
 * (`account_burst_count` and `account_burst_minutes` in guard_settings).
 */
export async function noteAccountRequest(q: Queryable, creatorId: string, at: Date): Promise<void> {
  await q.query(
    `SELECT guard_signal($1, $2, 'account_burst', jsonb_build_object('demandes', n))
     FROM (SELECT count(*)::int AS n FROM account_requests
           WHERE requested_by = $1
             AND requested_at > $2::timestamptz - make_interval(mins => (SELECT value FROM guard_settings WHERE name = 'account_burst_minutes')::int)) AS c
     WHERE n >= (SELECT value FROM guard_settings WHERE name = 'account_burst_count')`,
    [creatorId, at],
  );
}
