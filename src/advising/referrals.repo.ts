import type { Queryable } from '../db/client.js';

/*
 * Referrals as both sides of Kairos's follow-up read them: the session, its organisation, the
 * status, and what the organisation declared, with dates. Nothing here is personal (the note and
 * the declarations' details are envelopes, read through the vault); which referrals a caller
 * may see is decided by the caller's query (an advisor's portfolio, a job seeker's own).
 */

/** One referral, with its session and organisation. */
export interface ReferralRow {
  id: string;
  personId: string;
  status: string;
  referredAt: Date;
  sessionId: string;
  sessionTitle: string;
  organisationName: string;
  place: string;
  startsOn: string;
  endsOn: string;
}

/** One declaration of a training organisation: its kind and date; its detail is an envelope. */
export interface EventRow {
  id: string;
  referralId: string;
  kind: string;
  occurredOn: string;
  declaredAt: Date;
}

const referralColumns = `r.id, r.person_id AS "personId", r.status, r.referred_at AS "referredAt", s.id AS "sessionId", s.title AS "sessionTitle",
  o.name AS "organisationName", s.place, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn"`;

/** The referrals of the people `personIds` that the advisor follows, newest first. */
export async function portfolioReferrals(
  q: Queryable,
  advisorId: string,
  personIds: readonly string[],
): Promise<ReferralRow[]> {
  const { rows } = await q.query<ReferralRow>(
    `SELECT ${referralColumns} FROM referrals r
     JOIN portfolios p ON p.person_id = r.person_id AND p.advisor_id = $1
     JOIN training_sessions s ON s.id = r.session_id JOIN organisations o ON o.id = s.organisation_id
     WHERE r.person_id = ANY($2::uuid[]) ORDER BY r.referred_at DESC, r.id`,
    [advisorId, personIds],
  );
  return rows;
}

/** A person's own referrals, newest first (the job seeker's space, « Mes données »). */
export async function ownReferrals(q: Queryable, personId: string): Promise<ReferralRow[]> {
  const { rows } = await q.query<ReferralRow>(
    `SELECT ${referralColumns} FROM referrals r
     JOIN training_sessions s ON s.id = r.session_id JOIN organisations o ON o.id = s.organisation_id
     WHERE r.person_id = $1 ORDER BY r.referred_at DESC, r.id LIMIT 50`,
    [personId],
  );
  return rows;
}

/** The declarations of the given referrals, in the order they happened. */
export async function eventsOf(q: Queryable, referralIds: readonly string[]): Promise<EventRow[]> {
  if (referralIds.length === 0) return [];
  const { rows } = await q.query<EventRow>(
    `SELECT id, referral_id AS "referralId", kind, occurred_on::text AS "occurredOn", declared_at AS "declaredAt"
     FROM referral_events WHERE referral_id = ANY($1::uuid[]) ORDER BY occurred_on, declared_at, id`,
    [referralIds],
  );
  return rows;
}
