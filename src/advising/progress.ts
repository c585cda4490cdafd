import type { Db } from '../db/client.js';
import type { Actor, ReadPurpose, Vault } from '../vault/index.js';
import { referralView, type ReferralView } from './advising.presenter.js';
import { eventsOf, type ReferralRow } from './referrals.repo.js';

/** How a caller may read the sealed texts of referrals: the notes, the declarations' details. */
export interface ProgressPurposes {
  /** Left out where the note is not shown (the job seeker's home). */
  notes?: ReadPurpose<'referral', 'note'>;
  details: ReadPurpose<'referralEvent', 'detail'>;
  /** The kinds of declaration whose detail is read; every kind when left out. */
  detailKinds?: readonly string[];
}

/**
 * Referrals with the progress of their trainings: the organisation's declarations, with their
 * details, and the advisor's notes, each read through the vault with the caller's own purpose,
 * so that the reads are logged as theirs and limited to their scope.
 */
export async function trainingProgress(
  deps: { db: Db; vault: Vault },
  actor: Actor,
  rows: readonly ReferralRow[],
  purposes: ProgressPurposes,
): Promise<ReferralView[]> {
  const events = await eventsOf(
    deps.db,
    rows.map((row) => row.id),
  );
  // Every referral's note is asked for (an empty one reads as null): which referrals have one is
  // itself kept inside the vault.
  const ids = rows.map((row) => row.id);
  const notes =
    purposes.notes && ids.length > 0
      ? await deps.vault.read(actor, purposes.notes, ids.slice(0, purposes.notes.pageCap))
      : [];
  // The latest declarations when there are more than one read may ask for.
  const kinds = purposes.detailKinds;
  const eventIds = events
    .filter((event) => !kinds || kinds.includes(event.kind))
    .map((event) => event.id)
    .slice(-purposes.details.pageCap);
  const details = eventIds.length > 0 ? await deps.vault.read(actor, purposes.details, eventIds) : [];
  const texts = {
    notes: new Map(notes.map((record) => [record.id, record.note])),
    details: new Map(details.map((record) => [record.id, record.detail])),
  };
  return rows.map((row) => referralView(row, events, texts));
}
