import type { Actor } from '../vault/index.js';
import { notFound, organisationOf, today, type TrainingDeps } from './deps.js';
import { listDues, type DueRow } from './dues.repo.js';
import {
  eventsOf,
  findReferral,
  listTrainees,
  type EventRow,
  type ReferralRow,
  type TraineeRow,
} from './referrals.repo.js';
import { findSession, type SessionRow } from './training.repo.js';
import type { ContactView } from './training.presenter.js';
import { followTrainees, traineeContact } from './training.purposes.js';
import { PEOPLE_PAGE_CAP } from './training.policy.js';

/** A trainee as the lists show them: nom, prénom and France Travail identifier, nothing else. */
export interface TraineeIdentity {
  lastName: string;
  firstName: string;
  franceTravailId: string | null;
}

const nobody: TraineeIdentity = { lastName: '—', firstName: '—', franceTravailId: null };

/**
 * Names the people of a page through the one door, logged and charged to the account: the
 * page's ids only, never more than the purpose's page cap.
 */
export async function identities(
  deps: TrainingDeps,
  actor: Actor,
  personIds: readonly string[],
): Promise<Map<string, TraineeIdentity>> {
  const ids = [...new Set(personIds)].slice(0, PEOPLE_PAGE_CAP);
  if (ids.length === 0) return new Map();
  const read = await deps.vault.read(actor, followTrainees, ids);
  return new Map(
    read.map((p) => [
      p.id,
      { lastName: p.lastName ?? '—', firstName: p.firstName ?? '—', franceTravailId: p.franceTravailId },
    ]),
  );
}

/** A page with its rows, where it is, and how many pages there are. */
export interface Paged<Row> {
  rows: Row[];
  page: number;
  size: number;
  total: number;
  pages: number;
}

function paged<Row>(rows: Row[], total: number, page: number, size: number): Paged<Row> {
  return { rows, page, size, total, pages: Math.max(1, Math.ceil(total / size)) };
}

/** One page of trainees: of a session, or of every session of the organisation (the API). */
export async function traineePage(
  deps: TrainingDeps,
  actor: Actor,
  input: { sessionId?: string; page: number; size: number },
): Promise<{ session: SessionRow | null; trainees: Paged<TraineeRow & TraineeIdentity> }> {
  const { organisationId } = organisationOf(actor);
  const session = input.sessionId ? await findSession(deps.db, organisationId, input.sessionId) : null;
  if (input.sessionId && !session) notFound();
  const size = Math.min(input.size, PEOPLE_PAGE_CAP);
  const { rows, total } = await listTrainees(deps.db, organisationId, {
    sessionId: input.sessionId,
    limit: size,
    offset: (input.page - 1) * size,
  });
  const names = await identities(
    deps,
    actor,
    rows.map((row) => row.personId),
  );
  const named = rows.map((row) => ({ ...row, ...(names.get(row.personId) ?? nobody) }));
  return { session, trainees: paged(named, total, input.page, size) };
}

/**
 * One referral of the organisation, its trainee's identity and what was declared; with
 * `contact` (« Voir les coordonnées »), the contact details too, in the same single logged read
 * (training.contact) rather than a second one beside the identity's.
 */
export async function referralDetail(
  deps: TrainingDeps,
  actor: Actor,
  referralId: string,
  options: { contact?: boolean } = {},
): Promise<{ referral: ReferralRow; trainee: TraineeIdentity; contact?: ContactView; events: EventRow[] }> {
  const { organisationId } = organisationOf(actor);
  const referral = await findReferral(deps.db, organisationId, referralId);
  if (!referral) notFound();
  const events = await eventsOf(deps.db, referralId);
  if (!options.contact) {
    const names = await identities(deps, actor, [referral.personId]);
    return { referral, trainee: names.get(referral.personId) ?? nobody, events };
  }
  const [person] = await deps.vault.read(actor, traineeContact, [referral.personId]);
  if (!person) notFound();
  return {
    referral,
    trainee: {
      lastName: person.lastName ?? '—',
      firstName: person.firstName ?? '—',
      franceTravailId: person.franceTravailId,
    },
    contact: { email: person.email, phone: person.phone, address: person.address },
    events,
  };
}

/** One page of the declarations the organisation owes (or only the overdue ones), named. */
export async function duesPage(
  deps: TrainingDeps,
  actor: Actor,
  input: { page: number; size: number; overdue: boolean },
): Promise<Paged<DueRow & TraineeIdentity & { late: boolean }>> {
  const { organisationId } = organisationOf(actor);
  const day = today(deps);
  const size = Math.min(input.size, PEOPLE_PAGE_CAP);
  const { rows, total } = await listDues(deps.db, organisationId, day, {
    limit: size,
    offset: (input.page - 1) * size,
    overdue: input.overdue,
  });
  const names = await identities(
    deps,
    actor,
    rows.map((row) => row.personId),
  );
  const named = rows.map((row) => ({ ...row, ...(names.get(row.personId) ?? nobody), late: row.dueOn < day }));
  return paged(named, total, input.page, size);
}
