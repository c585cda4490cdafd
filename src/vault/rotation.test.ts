import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, person, system, testMasterKey, twoOrganisations } from '../../test/support/fixtures.js';
import { envelopeKeyVersion } from '../crypto/envelope.js';
import { Keyring } from '../crypto/keyring.js';
import type { Db } from '../db/client.js';
import { systemRandom } from '../kernel/random.js';
import { encryptedColumns } from './catalogue.js';
import { seedPeople } from '../seed/seed.purposes.js';
import { followTrainees, traineeContact } from '../training/training.purposes.js';
import { allPurposes } from '../purposes.js';
import { createVault } from './index.js';
import { rotateKeys } from './rotation.js';

/** Counts the envelopes of the whole schema by key version. */
async function versions(db: Db): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const [table, { columns }] of Object.entries(encryptedColumns)) {
    const { rows } = await db.query<Record<string, Uint8Array | null>>(`SELECT ${columns.join(', ')} FROM ${table}`);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (value) counts.set(envelopeKeyVersion(value), (counts.get(envelopeKeyVersion(value)) ?? 0) + 1);
      }
    }
  }
  return counts;
}

describe.each(engines)('key rotation on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('re-encrypts everything, survives an interruption, keeps serving and loses nothing', async () => {
    const { vault, keyring, accessLog, clock, platform } = await makeVault(db);
    const world = await twoOrganisations(db, vault);
    const many = Array.from({ length: 450 }, (_, i) => person({ firstName: `Prénom${i}`, lastName: 'Bérénice' }));
    await vault.write(system, seedPeople, many);
    const before = await versions(db);
    expect([...before.keys()]).toEqual([1]);

    // A second server that loaded its keys before the rotation keeps writing with version 1.
    const staleKeyring = await Keyring.load(db, testMasterKey, systemRandom, clock);
    const staleVault = createVault({
      db,
      keyring: staleKeyring,
      clock,
      purposes: allPurposes,
      addressKey: platform.keys.addressKey,
    });

    let batches = 0;
    const first = await rotateKeys({
      db,
      keyring,
      accessLog,
      batchSize: 100,
      settleMs: 0,
      onProgress: () => void batches++,
      shouldStop: () => batches >= 3,
    });
    expect(first).toMatchObject({ version: 2, resumed: false, interrupted: true });

    const readsDuring: string[] = [];
    const latecomer = person({ lastName: 'Tardif', firstName: 'Gaëlle' });
    const second = await rotateKeys({
      db,
      keyring,
      accessLog,
      batchSize: 100,
      settleMs: 0,
      onProgress: async () => {
        if (readsDuring.length === 0) {
          await staleVault.write(system, seedPeople, [latecomer]);
          const [view] = await vault.read(world.actors.ofUserA, followTrainees, [world.traineeA.id]);
          readsDuring.push(view!.lastName!);
        }
      },
    });
    expect(second).toMatchObject({ version: 2, resumed: true, interrupted: false });
    expect(readsDuring).toEqual(['Dupré']);

    const after = await versions(db);
    expect([...after.keys()]).toEqual([2]);
    const total = (map: Map<number, number>) => [...map.values()].reduce((a, b) => a + b, 0);
    expect(total(after)).toBe(total(before) + 8); // the latecomer’s eight envelopes

    const [trainee] = await vault.read(world.actors.ofUserA, followTrainees, [world.traineeA.id]);
    const [contact] = await vault.read(world.actors.ofUserA, traineeContact, [world.traineeA.id]);
    expect(trainee).toMatchObject({ lastName: 'Dupré' });
    expect(contact).toMatchObject({ email: world.traineeA.email, address: world.traineeA.address });

    const third = await rotateKeys({ db, keyring, accessLog, settleMs: 0 });
    expect(third).toMatchObject({ version: 3, resumed: false, interrupted: false });
    expect([...(await versions(db)).keys()]).toEqual([3]);
  });
});
