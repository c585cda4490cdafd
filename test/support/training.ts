import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import type { Vault } from '../../src/vault/index.js';
import { twoOrganisations } from './fixtures.js';

/**
 * Two training organisations, each with a session under way (started 2026-10-01, ending
 * 2027-03-31) and one trainee referred to it, not yet answered: what every training test needs
 * to show that one organisation gets nothing of the other's.
 */
export async function twoTrainingOrganisations(db: Db, vault: Vault) {
  const world = await twoOrganisations(db, vault);
  const session = async (organisationId: string, title: string) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on,
         capacity, funding) VALUES ($1, $2, $3, '31054', '69', 'Lyon', '2026-10-01', '2027-03-31', 12, 'afc')`,
      [id, organisationId, title],
    );
    return id;
  };
  const sessionA = await session(world.orgA, 'Développeur web — A');
  const sessionB = await session(world.orgB, 'Comptable assistant — B');
  const referral = async (sessionId: string, personId: string) => {
    const id = randomUUID();
    await db.query('INSERT INTO referrals (id, session_id, person_id) VALUES ($1, $2, $3)', [id, sessionId, personId]);
    return id;
  };
  const referralA = await referral(sessionA, world.traineeA.id);
  const referralB = await referral(sessionB, world.traineeB.id);
  return { ...world, sessionA, sessionB, referralA, referralB };
}
