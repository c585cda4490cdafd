import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault } from '../../test/support/fixtures.js';
import { twoTrainingOrganisations } from '../../test/support/training.js';
import type { Db, Queryable } from '../db/client.js';
import { duesByOrganisation, listDues } from './dues.repo.js';

describe.each(engines)('the declarations owed (%s)', (engine) => {
  let db: Db;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;
  const today = '2026-11-20';

  beforeAll(async () => {
    db = await openTestDb(engine);
    world = await twoTrainingOrganisations(db, (await makeVault(db)).vault);
    // Both accept their trainee: each session started on 1 October, so each entry is overdue.
    await db.query("UPDATE referrals SET status = 'accepted' WHERE id = ANY($1::uuid[])", [
      [world.referralA, world.referralB],
    ]);
  });
  afterAll(async () => db?.close());

  /** The database, counting the statements it is sent. */
  const counting = () => {
    const sent: string[] = [];
    const q: Queryable = {
      query: (sql, params, options) => {
        sent.push(sql);
        return db.query(sql, params, options);
      },
    };
    return { q, sent };
  };

  it('gives a page of one organisation with its total in one statement', async () => {
    const { q, sent } = counting();
    const page = await listDues(q, world.orgA, today, { limit: 10, offset: 0, overdue: true });
    expect(page).toEqual({
      rows: [
        {
          referralId: world.referralA,
          personId: world.traineeA.id,
          sessionId: world.sessionA,
          sessionTitle: 'Développeur web — A',
          kind: 'entry',
          period: '2026-10-01',
          dueOn: '2026-10-04',
        },
      ],
      total: 1,
    });
    expect(sent).toHaveLength(1);
  });

  it('still counts past the last page', async () => {
    expect(await listDues(db, world.orgA, today, { limit: 10, offset: 10, overdue: false })).toEqual({
      rows: [],
      total: 1,
    });
  });

  it('counts per organisation, for one or for all', async () => {
    expect(await duesByOrganisation(db, today, world.orgA)).toEqual([
      { organisationId: world.orgA, due: 1, overdue: 1 },
    ]);
    const all = await duesByOrganisation(db, today);
    expect(all.map((row) => row.organisationId).sort()).toEqual([world.orgA, world.orgB].sort());
  });
});
