import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, twoOrganisations, type TestKit } from '../../test/support/fixtures.js';
import { testConfig } from '../../test/support/fixtures.js';
import { accessesAbout } from '../audit/queries.js';
import type { Db } from '../db/client.js';
import { allPurposes } from '../purposes.js';
import { configureGuard } from '../guard/index.js';
import { createVault, readPurpose, type Vault } from './index.js';

/** A recruiter reads the message of an application to its own employer: a record that is not a person. */
const readMessage = readPurpose({
  name: 'test.application_message',
  record: 'application',
  roles: ['recruiter'],
  subject: 'organisation',
  fields: ['message'],
  scope: `SELECT a.id FROM applications a JOIN offers o ON o.id = a.offer_id
    WHERE o.employer_id = :subject AND a.id = ANY(:ids)`,
  pageCap: 10,
});

/**
 * A read of a record that is not a person (an application, a CV) is logged under the person it
 * concerns, not under the record's own id: « Mes accès » shows it, and the guard charges a person.
 */
describe.each(engines)('reads of records about a person, on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  let vault: Vault;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    world = await twoOrganisations(db, kit.vault);
    vault = createVault({
      db,
      keyring: kit.keyring,
      clock: kit.clock,
      purposes: [...allPurposes, [readMessage]],
      addressKey: kit.platform.keys.addressKey,
    });
    // The guard denies a purpose it was not told of: this test's own is declared to it too.
    await configureGuard(db, testConfig(), vault.purposes.all());
  });
  afterAll(async () => {
    await db.close();
  });

  it('names the applicant in the log entry, in « Mes accès », and in the guard’s count', async () => {
    const { actors, applicantA, applicantB } = world;
    const ids = async (personId: string) =>
      (await db.query<{ id: string }>('SELECT id FROM applications WHERE person_id = $1', [personId])).rows[0]!.id;
    const [own, other] = [await ids(applicantA.id), await ids(applicantB.id)];
    const read = await vault.read(actors.recruiterA, readMessage, [own, other]);
    expect(read).toEqual([{ id: own, message: 'Bonjour, je suis motivée.' }]);

    const { rows } = await db.query<{ record: string; people: string[]; probed: string[] }>(
      "SELECT record, people, probed FROM access_log WHERE purpose = 'test.application_message'",
    );
    // The person read, and the record asked outside the scope (the other employer's application).
    expect(rows).toEqual([{ record: 'person', people: [applicantA.id], probed: [other] }]);
    const accountA = actors.recruiterA.kind === 'account' ? actors.recruiterA.accountId : '';
    const charged = await db.query<{ person_id: string }>('SELECT person_id FROM guard_reads WHERE account_id = $1', [
      accountA,
    ]);
    expect(charged.rows.map((row) => row.person_id)).toEqual([applicantA.id]);

    await kit.platform.sealer.sealNow();
    const seen = await accessesAbout(db, [applicantA.id], { limit: 10, actions: ['read'] });
    expect(seen.map((access) => [access.purpose, access.actorRole])).toEqual([
      ['test.application_message', 'recruiter'],
    ]);
    expect(await accessesAbout(db, [applicantB.id], { limit: 10, actions: ['read'] })).toEqual([]);
  });
});
