import { APPLICATIONS_PAGE_SIZE } from '../../recruiting/index.js';
import { seedActor } from '../actor.js';
import { departementByCode } from '../geography.js';
import { newProfile } from '../profile.js';
import { seedApplications, seedProfiles } from '../seed.purposes.js';
import { plantSpace, type CanaryDeps, type PlantOptions, type SpaceReport } from './plant.js';

const DAY_MS = 86_400_000;

/*
 * Recruiters. A recruiter reaches the applicants to their own employer's offers through the
 * list of applications, newest first, a page at a time, optionally of one status. Each employer
 * gets a canary applicant to one of its closed (or archived) offers, turned down long ago
 * (« Non retenue », the post filled), sent on a date drawn between the employer's first
 * application and its twentieth newest turned-down one: past the first page of the list, with
 * or without the « Non retenue » filter, down to the very last line. Only an employer whose
 * turned-down applications fill more than a page qualifies; applications only come after the
 * canary's, so it never moves up to the first page. Its place is drawn, so that knowing this
 * design tells an attacker only to leave every page but the first alone. Its candidate has a
 * profile out of the pool.
 */

interface Holder {
  holder: string;
  first: Date;
  /** The twentieth newest turned-down application's date: a canary sent before it is past the first page. */
  bound: Date;
  closed: boolean;
}

export async function plantRecruiting(deps: CanaryDeps, options: PlantOptions): Promise<SpaceReport> {
  const { rows } = await deps.db.query<Holder>(
    `SELECT o.employer_id AS holder, min(a.submitted_at) AS first,
       (SELECT r.submitted_at FROM applications r JOIN offers ro ON ro.id = r.offer_id
        WHERE ro.employer_id = o.employer_id AND r.status = 'rejected'
        ORDER BY r.submitted_at DESC OFFSET $1 - 1 LIMIT 1) AS bound,
       EXISTS (SELECT 1 FROM offers c WHERE c.employer_id = o.employer_id AND c.status IN ('closed', 'archived')) AS closed
     FROM applications a JOIN offers o ON o.id = a.offer_id
     GROUP BY o.employer_id HAVING count(*) FILTER (WHERE a.status = 'rejected') >= $1 ORDER BY o.employer_id`,
    [APPLICATIONS_PAGE_SIZE],
  );
  return plantSpace(deps, options, {
    space: 'recruiting',
    kind: 'candidate',
    // Its application is read by its own id too (its covering message), not only as a person's.
    markRecord: true,
    holders: "SELECT count(*)::int AS n FROM organisations WHERE kind = 'employer'",
    // An employer without a closed offer has no old offer to hide its canary under, yet.
    eligible: rows.filter((row) => row.closed),
    place: async (employer, { tx, person, rng, today, recordId }) => {
      const earliest = new Date(employer.first).getTime() - 30 * DAY_MS;
      const latest = new Date(employer.bound).getTime() - 60_000;
      const submittedAt = new Date(earliest + Math.floor(rng.next() * (latest - earliest)));
      // The closed offer published last before that day, or the oldest one.
      const { rows: offers } = await tx.query<{ id: string }>(
        `SELECT id FROM offers WHERE employer_id = $1 AND status IN ('closed', 'archived')
         ORDER BY coalesce(published_on, created_at::date) <= $2::date DESC,
           abs(coalesce(published_on, created_at::date) - $2::date), id LIMIT 1`,
        [employer.holder, submittedAt.toISOString().slice(0, 10)],
      );
      const profile = newProfile(rng, person.id, departementByCode(person.address!.departement), today, false);
      const { personId: _personId, ...fields } = profile;
      await deps.vault.write(seedActor, seedProfiles, [{ id: person.id, ...fields }], tx);
      const application = {
        id: recordId!,
        offerId: offers[0]!.id,
        personId: person.id,
        status: 'rejected' as const,
        message: null,
        submittedAt,
      };
      await deps.vault.write(seedActor, seedApplications, [application], tx);
      await tx.query("UPDATE applications SET refusal_reason = 'poste_pourvu', status_changed_at = $2 WHERE id = $1", [
        application.id,
        new Date(submittedAt.getTime() + rng.int(10, 40) * DAY_MS),
      ]);
    },
  });
}
