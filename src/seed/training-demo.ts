import type { Db } from '../db/client.js';
import type { Vault } from '../vault/index.js';
import { seedActor } from './actor.js';
import { addDays } from './dates.js';
import { Rng } from './rng.js';
import { seedReferralEvents } from './seed.purposes.js';

/**
 * What the training organisations' portal adds to the demo (issue 10): a funding for every
 * session, information meetings with slots before the demo organisation's coming sessions,
 * and a session that has just started, with referrals at the stages the older data lack (to
 * answer, accepted with the entry due, accepted with the entry overdue). The people are those
 * already referred to the demo organisation, who left an earlier session (never a canary, never
 * someone it could not already reach); the advisor is each one's own. Sessions, meetings and
 * referrals are non-personal rows, in plain SQL; the entry declarations go through the vault as
 * the platform's (seed.purposes.ts), like every other seeded declaration, so the log names the
 * people they concern.
 */
export async function seedTrainingDemo(
  db: Db,
  vault: Vault,
  input: { organisationId: string; today: string; seed: number },
) {
  const rng = new Rng(input.seed, 'training-demo');
  await db.query(
    `UPDATE training_sessions SET funding = (ARRAY['afc', 'aif', 'poe', 'region', 'cpf'])[1 + abs(hashtext(id::text)) % 5]`,
  );
  // A session a month away, so that even a small demo has one to hold information meetings.
  const { rows: soon } = await db.query<{ id: string }>(
    `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on,
       capacity, funding)
     SELECT $1, $2, 'Titre professionnel Employé administratif et d’accueil', '35028', departement, place, $3, $4, 14, 'region'
     FROM training_sessions WHERE organisation_id = $2 ORDER BY id LIMIT 1 RETURNING id`,
    [rng.uuid(), input.organisationId, addDays(input.today, 30), addDays(input.today, 150)],
  );
  if (soon.length === 0) return;
  const { rows: coming } = await db.query<{ id: string; place: string; starts_on: string }>(
    `SELECT id, place, starts_on::text FROM training_sessions WHERE organisation_id = $1 AND starts_on > $2
     ORDER BY starts_on, id LIMIT 3`,
    [input.organisationId, input.today],
  );
  for (const session of coming) {
    const meeting = rng.uuid();
    await db.query('INSERT INTO information_sessions (id, session_id, place) VALUES ($1, $2, $3)', [
      meeting,
      session.id,
      session.place,
    ]);
    const day = addDays(session.starts_on, -rng.int(8, 14));
    for (const hour of ['09:30', '14:00']) {
      await db.query(
        `INSERT INTO information_slots (id, information_session_id, starts_at, minutes, seats)
         VALUES ($1, $2, ($3 || ' ' || $4 || ':00 Europe/Paris')::timestamptz, 90, 12)`,
        [rng.uuid(), meeting, day, hour],
      );
    }
  }
  const { rows: former } = await db.query<{ person_id: string; advisor_id: string | null; place: string }>(
    `SELECT DISTINCT ON (r.person_id) r.person_id, p.advisor_id, s.place
     FROM referrals r JOIN training_sessions s ON s.id = r.session_id
     LEFT JOIN portfolios p ON p.person_id = r.person_id
     WHERE s.organisation_id = $1 AND r.status IN ('exited', 'interrupted', 'declined')
     ORDER BY r.person_id LIMIT 8`,
    [input.organisationId],
  );
  if (former.length === 0) return;
  const [title, formacode] = ['Titre professionnel Secrétaire assistant', '35054'];
  const session = rng.uuid();
  await db.query(
    `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on,
       capacity, funding)
     SELECT $1, $2, $3, $4, departement, $5, $6, $7, 12, 'afc' FROM training_sessions WHERE organisation_id = $2 LIMIT 1`,
    [
      session,
      input.organisationId,
      title,
      formacode,
      former[0]!.place,
      addDays(input.today, -5),
      addDays(input.today, 150),
    ],
  );
  const stages = ['referred', 'accepted', 'entered', 'referred', 'accepted', 'entered', 'referred', 'accepted'];
  const { rows: users } = await db.query<{ id: string }>(
    "SELECT id FROM accounts WHERE organisation_id = $1 AND role = 'of_user' ORDER BY id LIMIT 1",
    [input.organisationId],
  );
  const entries: { id: string; referralId: string }[] = [];
  for (const [i, person] of former.entries()) {
    const referral = rng.uuid();
    await db.query(
      `INSERT INTO referrals (id, session_id, person_id, referred_by, status, referred_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [referral, session, person.person_id, person.advisor_id, stages[i], `${addDays(input.today, -20 + i)}T09:00:00Z`],
    );
    if (stages[i] === 'entered') entries.push({ id: rng.uuid(), referralId: referral });
  }
  // Declared the day after the start, within the three days; no remark.
  await vault.write(
    seedActor,
    seedReferralEvents,
    entries.map(({ id, referralId }) => ({
      id,
      referralId,
      kind: 'entry' as const,
      occurredOn: addDays(input.today, -5),
      declaredBy: users[0]?.id ?? null,
      detail: null,
    })),
  );
  // The vault dates a row by the database's clock; the demo's day is the seed's (a plain column).
  await db.query('UPDATE referral_events SET declared_at = $2 WHERE id = ANY($1::uuid[])', [
    entries.map((entry) => entry.id),
    `${addDays(input.today, -4)}T10:00:00Z`,
  ]);
}
