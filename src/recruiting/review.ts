import { AppError } from '../kernel/errors.js';
import type { Actor, ApplicationStatus, CareerItem, LanguageSkill } from '../vault/index.js';
import { accountOf, CANDIDATE_APPLICATIONS_PATH, employerOf, type RecruitingDeps } from './deps.js';
import { readHistory, type HistoryItem } from './history.js';
import {
  readApplicationMessage,
  readEmployerHistory,
  recordEmployerEvent,
  reviewApplicants,
} from './recruiting.purposes.js';
import { reasonFits, recruiterMayMove, type RecruiterStatus, type RefusalReason } from './recruiting.policy.js';
import {
  accountsOfPerson,
  employerApplication,
  employerApplications,
  moveApplication,
  type ApplicationRow,
} from './recruiting.repo.js';

/*
 * The recruiter's side of an application: the list of their own employer's applications, one
 * application with only what the task needs, a change of status, a message to the candidate.
 * Another employer's application is not found, exactly as a missing one.
 */

/** One line of the recruiter's list: the application, and the applicant's name as the vault gave it. */
export interface ReviewItem {
  row: ApplicationRow;
  name: { lastName: string | null; firstName: string | null } | null;
}

/** A page of the applications to the actor's employer's offers, with the applicants' names (a logged read). */
export async function listApplications(
  deps: RecruitingDeps,
  actor: Actor,
  options: { page: number; status?: ApplicationStatus },
): Promise<{ items: ReviewItem[]; total: number }> {
  const { rows, total } = await employerApplications(deps.db, employerOf(actor), options);
  const people = await deps.vault.read(actor, reviewApplicants, [...new Set(rows.map((row) => row.person_id))], {
    fields: ['lastName', 'firstName'],
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  return { items: rows.map((row) => ({ row, name: byId.get(row.person_id) ?? null })), total };
}

/** One application as the recruiter handles it. */
export interface ReviewDetail {
  row: ApplicationRow;
  applicant: {
    lastName: string | null;
    firstName: string | null;
    career: CareerItem[] | null;
    languages: LanguageSkill[] | null;
  } | null;
  message: string | null;
  history: HistoryItem[];
}

/** The application `id` of the actor's employer, or NOT_FOUND (another employer's included). */
export async function ownApplication(deps: RecruitingDeps, actor: Actor, id: string): Promise<ApplicationRow> {
  const row = await employerApplication(deps.db, employerOf(actor), id);
  if (!row) throw new AppError('NOT_FOUND', 'application');
  return row;
}

/** Reads one application: the applicant, the covering message and the history, each through the door. */
export async function reviewApplication(deps: RecruitingDeps, actor: Actor, id: string): Promise<ReviewDetail> {
  const row = await ownApplication(deps, actor, id);
  const [applicant] = await deps.vault.read(actor, reviewApplicants, [row.person_id]);
  const [covering] = await deps.vault.read(actor, readApplicationMessage, [row.id]);
  return {
    row,
    applicant: applicant ?? null,
    message: covering?.message ?? null,
    history: await readHistory(deps, actor, readEmployerHistory, row.id),
  };
}

/** Why a change of status was refused, in the words the form shows. */
export class StatusRefused extends Error {
  constructor(readonly reason: 'withdrawn' | 'same' | 'reason' | 'moved') {
    super(reason);
    this.name = 'StatusRefused';
  }
}

/**
 * Moves the application to `status` (with a reason from the list for a refusal), records it in
 * the history as the recruiter, and tells the candidate by e-mail: all in one transaction.
 */
export async function changeStatus(
  deps: RecruitingDeps,
  actor: Actor,
  input: { id: string; status: RecruiterStatus; reason?: RefusalReason },
): Promise<void> {
  const row = await ownApplication(deps, actor, input.id);
  if (row.status === 'withdrawn') throw new StatusRefused('withdrawn');
  if (!recruiterMayMove(row.status, input.status)) throw new StatusRefused('same');
  if (!reasonFits(input.status, input.reason)) throw new StatusRefused('reason');
  const at = deps.clock.now();
  const reason = input.reason ?? null;
  await deps.db.transaction(async (tx) => {
    if (!(await moveApplication(tx, { id: row.id, from: row.status, status: input.status, reason, at }))) {
      throw new StatusRefused('moved');
    }
    await deps.vault.write(
      actor,
      recordEmployerEvent,
      [
        {
          id: deps.random.uuid(),
          applicationId: row.id,
          kind: 'status',
          status: input.status,
          refusalReason: reason,
          authorId: accountOf(actor),
          createdAt: at,
          body: null,
        },
      ],
      tx,
    );
    await tellCandidate(deps, tx, row.person_id, 'application_status');
  });
}

/** Writes to the candidate: the words are sealed in the history; the e-mail only says there is a message. */
export async function sendMessage(deps: RecruitingDeps, actor: Actor, input: { id: string; body: string }) {
  const row = await ownApplication(deps, actor, input.id);
  if (row.status === 'withdrawn') throw new StatusRefused('withdrawn');
  await deps.db.transaction(async (tx) => {
    await deps.vault.write(
      actor,
      recordEmployerEvent,
      [
        {
          id: deps.random.uuid(),
          applicationId: row.id,
          kind: 'message',
          status: null,
          refusalReason: null,
          authorId: accountOf(actor),
          createdAt: deps.clock.now(),
          body: input.body,
        },
      ],
      tx,
    );
    await tellCandidate(deps, tx, row.person_id, 'application_message');
  });
}

/**
 * Queues the notice to the candidate's account, in the caller's transaction. It names no offer,
 * employer or status, and links to the list of applications only: the outbox is a plain table
 * and its link carries no id (DESIGN.md promise 4).
 */
async function tellCandidate(
  deps: RecruitingDeps,
  tx: Parameters<RecruitingDeps['notify']>[0],
  personId: string,
  template: 'application_status' | 'application_message',
): Promise<void> {
  for (const accountId of await accountsOfPerson(tx, personId)) {
    await deps.notify(tx, accountId, template, { link: `${deps.publicUrl}${CANDIDATE_APPLICATIONS_PATH}` });
  }
}
