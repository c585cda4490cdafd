import { AppError } from '../kernel/errors.js';
import type { Actor, ExitOutcome, InterruptionReason } from '../vault/index.js';
import { notFound, organisationOf, today, type TrainingDeps } from './deps.js';
import { attendanceDeclared, findReferral, freeSeatsLocked, moveReferral, stampDeclaration } from './referrals.repo.js';
import { declareEvent } from './training.purposes.js';
import { dateProblem, isLate, mayAnswer, mayDeclare, monthOf, statusAfter } from './training.policy.js';

/** A declaration as the form or the API sends it. */
export type Declaration =
  | { kind: 'entry'; on: string }
  | { kind: 'attendance'; month: string; daysPresent: number }
  | { kind: 'interruption'; on: string; reason: InterruptionReason }
  | { kind: 'resumption'; on: string }
  | { kind: 'exit'; on: string; outcome: ExitOutcome };

/** Why a declaration was refused, for the field it concerns (French, shown under the field). */
export class DeclarationRefused extends Error {
  constructor(
    readonly field: 'on' | 'month' | 'state',
    readonly reason: string,
  ) {
    super('declaration refused');
    this.name = 'DeclarationRefused';
  }
}

/** Why an acceptance is refused when every seat of the session is held. */
export const SESSION_FULL =
  'La session est complète : toutes ses places sont prises par des stagiaires acceptés ou en formation.';

/**
 * Accepts or refuses a referral of one of the organisation's sessions, once. An acceptance
 * takes one of the session's seats, and is refused when none is free.
 */
export async function answerReferral(
  deps: TrainingDeps,
  actor: Actor,
  referralId: string,
  decision: 'accept' | 'refuse',
): Promise<void> {
  const { organisationId, accountId } = organisationOf(actor);
  const referral = await findReferral(deps.db, organisationId, referralId);
  if (!referral) notFound();
  if (!mayAnswer(referral.status)) throw new DeclarationRefused('state', 'Cette orientation a déjà reçu une réponse.');
  await deps.db.transaction(async (tx) => {
    if (decision === 'accept' && (await freeSeatsLocked(tx, referral.sessionId)) <= 0) {
      throw new DeclarationRefused('state', SESSION_FULL);
    }
    const moved = await moveReferral(tx, {
      id: referralId,
      from: 'referred',
      to: decision === 'accept' ? 'accepted' : 'refused',
      answeredBy: accountId,
      at: deps.clock.now(),
    });
    if (!moved) throw new DeclarationRefused('state', 'Cette orientation a déjà reçu une réponse.');
  });
}

/**
 * Declares entry, a month's attendance, an interruption, a resumption after a postponement or
 * the exit of a trainee of one of the
 * organisation's sessions: the event is written through the vault as the account (scope: its
 * own organisation's referrals; signed by it), and the referral moves on, in one transaction.
 * Returns whether the declaration came after its due date (it is taken, and marked late).
 */
export async function declare(
  deps: TrainingDeps,
  actor: Actor,
  referralId: string,
  declaration: Declaration,
): Promise<{ late: boolean }> {
  const { organisationId, accountId } = organisationOf(actor);
  const referral = await findReferral(deps.db, organisationId, referralId);
  if (!referral) notFound();
  const { kind } = declaration;
  if (!mayDeclare(referral.status, kind, referral.interruptionReason)) {
    throw new DeclarationRefused('state', 'Cette déclaration ne correspond pas à l’étape de ce parcours.');
  }
  const day = declaration.kind === 'attendance' ? monthOf(declaration.month) : declaration.on;
  const now = today(deps);
  const field = kind === 'attendance' ? 'month' : 'on';
  const problem = dateProblem(kind, day, referral, now, referral.enteredOn);
  if (problem) throw new DeclarationRefused(field, problem);
  if (kind === 'resumption' && referral.interruptedOn && day < referral.interruptedOn) {
    throw new DeclarationRefused('on', 'La reprise ne peut pas précéder l’interruption.');
  }
  if (kind === 'attendance') {
    if (day >= monthOf(now)) throw new DeclarationRefused('month', 'La présence se déclare une fois le mois terminé.');
    if (await attendanceDeclared(deps.db, referralId, day)) {
      throw new DeclarationRefused('month', 'La présence de ce mois est déjà déclarée.');
    }
  }
  await deps.db.transaction(async (tx) => {
    // Coming back from a postponement takes a seat again, as an acceptance does.
    if (kind === 'resumption' && (await freeSeatsLocked(tx, referral.sessionId)) <= 0) {
      throw new DeclarationRefused('state', SESSION_FULL);
    }
    const moved = await moveReferral(tx, { id: referralId, from: referral.status, to: statusAfter(kind) });
    if (!moved) throw new AppError('NOT_FOUND', 'referral changed meanwhile');
    const id = deps.random.uuid();
    await deps.vault.write(
      actor,
      declareEvent,
      [
        {
          id,
          referralId,
          kind,
          occurredOn: day,
          declaredBy: accountId,
          detail: null,
          reason: declaration.kind === 'interruption' ? declaration.reason : null,
          outcome: declaration.kind === 'exit' ? declaration.outcome : null,
          daysPresent: declaration.kind === 'attendance' ? declaration.daysPresent : null,
        },
      ],
      tx,
    );
    await stampDeclaration(tx, id, deps.clock.now());
  });
  return { late: isLate(kind, day, now) };
}
