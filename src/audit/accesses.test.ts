import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, twoOrganisations, type TestKit } from '../../test/support/fixtures.js';
import { viewSelf } from '../candidates/candidates.purposes.js';
import type { Db } from '../db/client.js';
import { reviewApplicants } from '../recruiting/recruiting.purposes.js';
import { followTrainees } from '../training/training.purposes.js';
import { accessesAbout } from './queries.js';

describe.each(engines)('« Mes accès »: who read a person’s data, on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    world = await twoOrganisations(db, kit.vault);
  });
  afterAll(async () => {
    await db.close();
  });

  it('names the organisation and role of each reader, newest first, once sealed, and nothing else', async () => {
    const { actors, traineeA, applicantA } = world;
    await kit.vault.read(actors.ofUserA, followTrainees, [traineeA.id]);
    await kit.vault.read(actors.ofManagerB, followTrainees, [traineeA.id]); // out of scope: nothing read
    await kit.vault.read(actors.recruiterA, reviewApplicants, [applicantA.id]);
    await kit.vault.read(actors.candidateA, viewSelf, [applicantA.id]); // the candidate's own
    expect(await accessesAbout(db, [traineeA.id], { limit: 10 })).toEqual([]);
    await kit.platform.sealer.sealNow();

    const trainee = await accessesAbout(db, [traineeA.id], { limit: 10 });
    expect(trainee).toEqual([
      expect.objectContaining({
        action: 'read',
        purpose: 'training.follow_up',
        fields: ['lastName', 'firstName', 'franceTravailId'],
        actorRole: 'of_user',
        organisationKind: 'training',
      }),
    ]);
    const candidateAccount = actors.candidateA.kind === 'account' ? actors.candidateA.accountId : null;
    const applicant = await accessesAbout(db, [applicantA.id], { exceptActor: candidateAccount, limit: 10 });
    expect(applicant.map((access) => [access.purpose, access.actorRole])).toEqual([
      ['recruiting.application', 'recruiter'],
    ]);
    expect(JSON.stringify(applicant)).not.toMatch(/@/);
    // The limit counts kept entries only: the candidate's own newer read does not eat the page.
    const newest = await accessesAbout(db, [applicantA.id], { exceptActor: candidateAccount, limit: 1 });
    expect(newest.map((access) => access.purpose)).toEqual(['recruiting.application']);
    // Writes are there when asked for: the platform created the record.
    const writes = await accessesAbout(db, [applicantA.id], { limit: 10, actions: ['create'] });
    expect(writes.map((access) => [access.purpose, access.actorRole])).toEqual([
      ['seed.applications', null],
      ['seed.profiles', null],
      ['seed.people', null],
    ]);
  });
});
