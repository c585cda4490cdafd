import { addDays, atWorkingHour, daysBetween } from '../dates.js';
import { plantSpace, type CanaryDeps, type PlantOptions, type SpaceReport } from './plant.js';

/*
 * Training organisations (Kairos, 2025: one organisation's account read 340,000 job seekers).
 * Each organisation gets a dormant session of its own, an earlier edition of its oldest one,
 * ended long ago, with one canary referred to it and turned away then (status « declined »:
 * no seat held, nothing left to answer or declare). Why no legitimate task leads there:
 * - the home counts the referrals to answer and the declarations due: neither includes it;
 * - « Déclarations » lists what is owed, which a declined referral never is;
 * - « Mes sessions » shows the latest start first, so the dormant session comes last; the list
 *   of sessions reads nobody, only opening that ended session's page would;
 * - advisors refer only to sessions not over (src/advising/advising.repo.ts openSessions), so
 *   nobody else is ever sent there, and the canary is in no portfolio.
 * What reaches it: opening every session's list, and the API's list of every trainee of the
 * organisation (oldest referral first, so on its first page), the Kairos extraction's path.
 */

interface Holder {
  holder: string;
  /** The organisation's oldest session, of which the dormant one is an earlier edition. */
  oldest: string;
  startsOn: string;
  endsOn: string;
}

/** The dormant session starts this many days before the organisation's oldest one, at least. */
const DORMANT_BEFORE_DAYS: readonly [number, number] = [400, 800];

export async function plantTraining(deps: CanaryDeps, options: PlantOptions): Promise<SpaceReport> {
  // An organisation with no session yet has no list to hide in: its turn comes with its first.
  const { rows } = await deps.db.query<Holder>(
    `SELECT o.id AS holder, s.id AS oldest, s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn"
     FROM organisations o JOIN LATERAL (SELECT * FROM training_sessions t WHERE t.organisation_id = o.id
       ORDER BY t.starts_on, t.id LIMIT 1) s ON true
     WHERE o.kind = 'training' ORDER BY o.id`,
  );
  return plantSpace(deps, options, {
    space: 'training',
    kind: 'job_seeker',
    holders: "SELECT count(*)::int AS n FROM organisations WHERE kind = 'training'",
    eligible: rows,
    place: async (organisation, { tx, person, rng }) => {
      const sessionId = deps.random.uuid();
      const startsOn = addDays(organisation.startsOn, -rng.int(...DORMANT_BEFORE_DAYS));
      const endsOn = addDays(startsOn, daysBetween(organisation.startsOn, organisation.endsOn));
      await tx.query(
        `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on,
           ends_on, capacity, funding)
         SELECT $1, organisation_id, title, formacode, departement, place, $3, $4, capacity, funding
         FROM training_sessions WHERE id = $2`,
        [sessionId, organisation.oldest, startsOn, endsOn],
      );
      const referredOn = addDays(startsOn, -rng.int(7, 45));
      await tx.query(
        `INSERT INTO referrals (id, session_id, person_id, referred_by, status, referred_at)
         VALUES ($1, $2, $3, NULL, 'declined', $4)`,
        [deps.random.uuid(), sessionId, person.id, atWorkingHour(referredOn, rng.int(0, 600))],
      );
    },
  });
}
