import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { readApplicationMessage } from '../src/recruiting/recruiting.purposes.js';
import type { Actor } from '../src/vault/index.js';
import { openTestDb } from './support/databases.js';
import { makeVault, twoOrganisations, type TestKit } from './support/fixtures.js';

/**
 * The door tells the guard which ids were asked outside the scope. For a record that is not a
 * person (an application's covering message), the ids asked are the records' and the ids
 * allowed are the people they concern: a recruiter reading their own employer's application
 * must not look like one probing ids out of scope (the attack bench's legitimate month found
 * every such read counted as out of scope, then as enumeration, and asked for a step-up).
 */
describe('the ids the door reports as probed, for records that are not people', () => {
  let db: Db;
  let kit: TestKit;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  let recruiter: Actor & { kind: 'account' };

  const probes = async () =>
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM guard_signals WHERE account_id = $1 AND kind = 'out_of_scope'",
        [recruiter.accountId],
      )
    ).rows[0]!.n;
  const applicationOf = async (personId: string) =>
    (await db.query<{ id: string }>('SELECT id FROM applications WHERE person_id = $1', [personId])).rows[0]!.id;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    kit = await makeVault(db);
    world = await twoOrganisations(db, kit.vault);
    recruiter = world.actors.recruiterA as Actor & { kind: 'account' };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports nothing when the application is the recruiter’s own employer’s', async () => {
    const [read] = await kit.vault.read(recruiter, readApplicationMessage, [await applicationOf(world.applicantA.id)]);
    expect(read?.message).toBe('Bonjour, je suis motivée.');
    expect(await probes()).toBe(0);
  });

  it('reports the id of another employer’s application (control)', async () => {
    const read = await kit.vault.read(recruiter, readApplicationMessage, [await applicationOf(world.applicantB.id)]);
    expect(read).toEqual([]);
    expect(await probes()).toBe(1);
  });
});
