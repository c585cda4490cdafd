import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { makeVault, type TestKit } from '../../../test/support/fixtures.js';
import { addAccount } from '../../../test/support/identity.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../vault/index.js';
import { listManagedAccounts } from './managed-accounts.js';

describe.each(engines)('the accounts a manager lists, through the door, on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  const training = randomUUID();
  const other = randomUUID();
  let admin: Actor;
  let rgc: Actor;
  const staff: string[] = [];

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    for (const [id, siret] of [
      [training, '11111111111111'],
      [other, '22222222222222'],
    ]) {
      await db.query("INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', $2)", [
        id,
        siret,
      ]);
    }
    const actor = async (role: 'admin' | 'of_manager', organisationId: string): Promise<Actor> => {
      const { id } = await addAccount(kit.vault, { role, organisationId });
      return {
        kind: 'account',
        accountId: id,
        role,
        organisationId,
        personId: null,
        sessionId: 's',
        clientAddr: '192.0.2.7',
      };
    };
    admin = await actor('admin', training);
    rgc = await actor('of_manager', training);
    for (const organisationId of [training, training, other]) {
      staff.push((await addAccount(kit.vault, { role: 'of_user', organisationId })).id);
    }
  });
  afterAll(async () => {
    await db.close();
  });

  const entries = async (actorId: string) =>
    (
      await db.query<{ purpose: string; record: string; people: string[]; fields: string[] }>(
        'SELECT purpose, record, people, fields FROM access_log WHERE actor_id = $1 ORDER BY seq',
        [actorId],
      )
    ).rows;
  const charged = async (actorId: string) =>
    (
      await db.query<{ person_id: string }>('SELECT person_id FROM guard_reads WHERE account_id = $1', [actorId])
    ).rows
      .map((row) => row.person_id)
      .sort();

  it('logs an admin’s listing with the ids of the accounts read, and charges them to its budget', async () => {
    const listed = await listManagedAccounts({ db, vault: kit.vault }, admin, {
      organisationId: training,
      pendingOnly: false,
    });
    const ids = listed.map((account) => account.accountId).sort();
    expect(ids).toEqual(
      [admin, rgc]
        .map((a) => (a.kind === 'account' ? a.accountId : ''))
        .concat(staff.slice(0, 2))
        .sort(),
    );
    expect(listed.every((account) => account.email.endsWith('@exemple.fr'))).toBe(true);
    const [entry] = await entries(admin.kind === 'account' ? admin.accountId : '');
    expect(entry).toEqual({
      purpose: 'account.manage',
      record: 'account',
      people: ids,
      fields: ['email', 'displayName'],
    });
    expect(await charged(admin.kind === 'account' ? admin.accountId : '')).toEqual(ids);
  });

  it('gives an RGC its own organisation only: another’s accounts are neither listed nor read', async () => {
    const own = await listManagedAccounts({ db, vault: kit.vault }, rgc, {
      organisationId: training,
      pendingOnly: false,
    });
    expect(own.map((account) => account.organisationId)).not.toContain(other);
    const elsewhere = await listManagedAccounts({ db, vault: kit.vault }, rgc, {
      organisationId: other,
      pendingOnly: false,
    });
    expect(elsewhere).toEqual([]);
    const rgcId = rgc.kind === 'account' ? rgc.accountId : '';
    expect((await entries(rgcId)).flatMap((entry) => entry.people)).not.toContain(staff[2]);
  });
});
