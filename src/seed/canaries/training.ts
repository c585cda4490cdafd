import { addDays, atWorkingHour, daysBetween, minDay } from '../dates.js';
import { plantSpace, type CanaryDeps, type PlantOptions, type SpaceReport } from './plant.js';

/*
 * Training organisations (Kairos, 2025: one organisation's account read 340,000 job seekers).
 * Each organisation gets a dormant session of its own, an earlier edition of its oldest one,
 * ended more than a year ago (somewhere among its old sessions, or before them), with one
 * canary referred to it and turned away then (status « declined »: no seat held, nothing left
 * to answer or declare). Why no legitimate task leads there:
 * - the home counts the referrals to answer and the declarations due: neither includes it;
 * - « Déclarations » lists what is owed, which a declined referral never is;
 * - « Mes sessions » shows the latest start first, so the dormant session comes among the last;
 *   the list of sessions reads nobody, only opening that ended session's page would;
 * - advisors refer only to sessions not over (src/advising/advising.repo.ts openSessions), so
 *   nobody else is ever sent there, and the canary is in no portfolio.
 * What reaches it: opening every session's list, and the API's list of every trainee of the
 * organisation (oldest referral first), the Kairos extraction's path. Its date is drawn, not
 * fixed, so that knowing this design tells an attacker only to leave out every session ended
 * a year ago, and every trainee of them.
 */

interface Holder {
  holder: string;
  /** The organisation's oldest session, of which the dormant one is an earlier edition. */
  oldest: string;
  startsOn: string;
  endsOn: string;
}

/** The dormant session ended at least this long ago. */
const DORMANT_DAYS = 365;
/** And it may start up to this long before the organisation's oldest session. */
const EARLIER_DAYS = 400;

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
    place: async (organisation, { tx, person, rng, today }) => {
      const sessionId = deps.random.uuid();
      const length = daysBetween(organisation.startsOn, organisation.endsOn);
      const latest = addDays(today, -DORMANT_DAYS - length);
      const earliest = addDays(minDay(organisation.startsOn, latest), -EARLIER_DAYS);
      const startsOn = addDays(earliest, rng.int(0, daysBetween(earliest, latest)));
      const endsOn = addDays(startsOn, length);
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
