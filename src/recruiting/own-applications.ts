import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { accountOf, personOf, type RecruitingDeps } from './deps.js';
import { readHistory } from './history.js';
import { applyToOffer, readOwnApplication, readOwnHistory, recordWithdrawal } from './recruiting.purposes.js';
import { candidateMayWithdraw, MAX_PAGE } from './recruiting.policy.js';
import {
  hasApplied,
  moveApplication,
  personApplication,
  personApplications,
  publishedOffer,
  type ApplicationRow,
  type OfferRow,
} from './recruiting.repo.js';

/*
 * The candidate's side: apply to a published offer with a message and a CV, follow each
 * application, read the recruiter's messages, withdraw. Someone else's application is not
 * found, exactly as a missing one.
 */

/** A page of the candidate's own applications (statuses and offers: nothing sealed is read). */
export function listOwnApplications(deps: RecruitingDeps, actor: Actor, page: number) {
  if (page > MAX_PAGE) return Promise.resolve({ rows: [] as ApplicationRow[], total: 0 });
  return personApplications(deps.db, personOf(actor), page);
}

/** One of the candidate's applications, with their own message and the history's messages. */
export async function ownApplicationDetail(deps: RecruitingDeps, actor: Actor, id: string) {
  const row = await personApplication(deps.db, personOf(actor), id);
  if (!row) throw new AppError('NOT_FOUND', 'application');
  const [own] = await deps.vault.read(actor, readOwnApplication, [row.id]);
  return { row, message: own?.message ?? null, history: await readHistory(deps, actor, readOwnHistory, row.id) };
}

/** The published offer a candidate is about to apply to, or NOT_FOUND. */
export async function offerToApply(deps: RecruitingDeps, reference: string): Promise<OfferRow> {
  const offer = await publishedOffer(deps.db, reference);
  if (!offer) throw new AppError('NOT_FOUND', 'offer');
  return offer;
}

/** Why an application could not be made. */
export class ApplyRefused extends Error {
  constructor(readonly reason: 'already' | 'cv') {
    super(reason);
    this.name = 'ApplyRefused';
  }
}

/**
 * Applies to the offer `reference` as the candidate: once per offer, with a message (sealed) and
 * the CV chosen among the candidate's own (`ownsCv` says whether it is theirs). Returns the id.
 */
export async function apply(
  deps: RecruitingDeps,
  actor: Actor,
  input: { reference: string; message: string; cvId: string | null },
  ownsCv: (cvId: string) => Promise<boolean>,
): Promise<string> {
  const personId = personOf(actor);
  const offer = await offerToApply(deps, input.reference);
  if (await hasApplied(deps.db, personId, offer.id)) throw new ApplyRefused('already');
  if (input.cvId !== null && !(await ownsCv(input.cvId))) throw new ApplyRefused('cv');
  const id = deps.random.uuid();
  await deps.vault.write(actor, applyToOffer, [
    {
      id,
      offerId: offer.id,
      personId,
      status: 'submitted',
      submittedAt: deps.clock.now(),
      cvId: input.cvId,
      message: input.message,
    },
  ]);
  return id;
}

/** Withdraws one of the candidate's own applications, while no answer has been given. */
export async function withdraw(deps: RecruitingDeps, actor: Actor, id: string): Promise<boolean> {
  const row = await personApplication(deps.db, personOf(actor), id);
  if (!row) throw new AppError('NOT_FOUND', 'application');
  if (!candidateMayWithdraw(row.status)) return false;
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await moveApplication(tx, { id: row.id, from: row.status, status: 'withdrawn', reason: null, at }))) {
      return false;
    }
    await deps.vault.write(
      actor,
      recordWithdrawal,
      [
        {
          id: deps.random.uuid(),
          applicationId: row.id,
          kind: 'status',
          status: 'withdrawn',
          refusalReason: null,
          authorId: accountOf(actor),
          createdAt: at,
        },
      ],
      tx,
    );
    return true;
  });
}
