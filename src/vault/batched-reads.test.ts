import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, twoOrganisations, type TestKit } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { allPurposes } from '../purposes.js';
import { followTrainees } from '../training/training.purposes.js';
import { createVault, type Actor, type Vault } from './index.js';

/**
 * Reads that arrive together leave in one statement (batcher.ts): each request must still get
 * only its own rows, its own guard verdict, its own log entry, and its own failure.
 */
describe.each(engines)('reads merged into one statement, on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  let vault: Vault;
  let statements = 0;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  const accountOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    world = await twoOrganisations(db, kit.vault);
    vault = createVault({
      db,
      keyring: kit.keyring,
      clock: kit.clock,
      purposes: allPurposes,
      addressKey: kit.platform.keys.addressKey,
      onLogged: () => statements++,
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives each account its own rows and log entry, though they shared statements', async () => {
    const { actors, traineeA, traineeB } = world;
    const both = [traineeA.id, traineeB.id];
    const readers = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? actors.ofUserA : actors.ofManagerB));
    statements = 0;
    const results = await Promise.all(
      readers.map((actor) => vault.read(actor, followTrainees, both, { fields: ['lastName'] })),
    );
    // Fewer statements than reads: some were merged.
    expect(statements).toBeLessThan(readers.length);
    results.forEach((rows, i) => {
      const own = i % 2 === 0 ? traineeA : traineeB;
      expect(rows).toEqual([{ id: own.id, lastName: own.lastName }]);
    });
    for (const [actor, own, other] of [
      [actors.ofUserA, traineeA, traineeB],
      [actors.ofManagerB, traineeB, traineeA],
    ] as const) {
      const { rows } = await db.query<{ people: string[]; probed: string[]; outcome: string }>(
        "SELECT people, probed, outcome FROM access_log WHERE actor_id = $1 AND purpose = 'training.follow_up'",
        [accountOf(actor)],
      );
      expect(rows).toEqual(
        Array.from({ length: 6 }, () => ({ people: [own.id], probed: [other.id], outcome: 'allow' })),
      );
    }
  });

  it('fails only the request whose envelope was tampered with, not the others of its statement', async () => {
    const { actors, traineeA, traineeB } = world;
    // Another row's envelope moved into trainee A's: its id, bound into the envelope, no longer fits.
    const saved = await db.query<{ last_name_enc: Buffer }>('SELECT last_name_enc FROM people WHERE id = $1', [
      traineeA.id,
    ]);
    await db.query('UPDATE people SET last_name_enc = (SELECT last_name_enc FROM people WHERE id = $2) WHERE id = $1', [
      traineeA.id,
      traineeB.id,
    ]);
    try {
      const readers = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? actors.ofUserA : actors.ofManagerB));
      const results = await Promise.allSettled(
        readers.map((actor) => vault.read(actor, followTrainees, [traineeA.id, traineeB.id], { fields: ['lastName'] })),
      );
      results.forEach((result, i) => {
        if (i % 2 === 0) expect(result.status).toBe('rejected');
        else expect(result).toEqual({ status: 'fulfilled', value: [{ id: traineeB.id, lastName: traineeB.lastName }] });
      });
    } finally {
      await db.query('UPDATE people SET last_name_enc = $2 WHERE id = $1', [traineeA.id, saved.rows[0]!.last_name_enc]);
    }
  });
});
