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
 * gets a canary applicant to its oldest closed (or archived) offer, sent before every other
 * application to that employer and turned down long ago (« Non retenue », the post filled): the
 * very last line of the list, with or without the « Non retenue » filter. Only an employer whose
 * turned-down applications fill more than a page qualifies, so that the canary is on the first
 * page of neither list; applications only come after it, so it never moves up. Its candidate
 * has a profile out of the pool.
 */

interface Holder {
  holder: string;
  offerId: string;
  first: Date;
}

export async function plantRecruiting(deps: CanaryDeps, options: PlantOptions): Promise<SpaceReport> {
  const { rows } = await deps.db.query<Holder>(
    `SELECT o.employer_id AS holder, min(a.submitted_at) AS first,
       (SELECT c.id FROM offers c WHERE c.employer_id = o.employer_id AND c.status IN ('closed', 'archived')
        ORDER BY coalesce(c.published_on, c.created_at::date), c.id LIMIT 1) AS "offerId"
     FROM applications a JOIN offers o ON o.id = a.offer_id
     GROUP BY o.employer_id HAVING count(*) FILTER (WHERE a.status = 'rejected') >= $1 ORDER BY o.employer_id`,
    [APPLICATIONS_PAGE_SIZE],
  );
  return plantSpace(deps, options, {
    space: 'recruiting',
    kind: 'candidate',
    holders: "SELECT count(*)::int AS n FROM organisations WHERE kind = 'employer'",
    // An employer without a closed offer has no old offer to hide its canary under, yet.
    eligible: rows.filter((row) => row.offerId !== null),
    place: async (employer, { tx, person, rng, today }) => {
      const submittedAt = new Date(new Date(employer.first).getTime() - rng.int(1, 30) * DAY_MS);
      const profile = newProfile(rng, person.id, departementByCode(person.address!.departement), today, false);
      const { personId: _personId, ...fields } = profile;
      await deps.vault.write(seedActor, seedProfiles, [{ id: person.id, ...fields }], tx);
      const application = {
        id: deps.random.uuid(),
        offerId: employer.offerId,
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
