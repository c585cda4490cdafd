import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { deviceSession } from '../../test/support/device-session.js';
import { makeVault, system, twoOrganisations, type TestKit } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { createDeviceClient } from '../identity/client/proof-client.js';
import { readApplicationMessage } from '../recruiting/recruiting.purposes.js';
import { followTrainees } from '../training/training.purposes.js';
import type { Actor } from '../vault/index.js';
import { CANARY_MARK } from '../vault/canaries.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');

describe.each(engines)('canary people on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;

  beforeAll(async () => {
    db = await openTestDb(engine, { guard: 'as-shipped' });
    kit = await makeVault(db);
    world = await twoOrganisations(db, kit.vault);
  });
  afterAll(() => db.close());

  const state = async (accountId: string) => {
    const account = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [accountId]);
    const suspension = await db.query<{ level: string; reason: string; suspended_by: string | null }>(
      'SELECT level, reason, suspended_by FROM account_suspensions WHERE account_id = $1 AND lifted_at IS NULL',
      [accountId],
    );
    const live = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND ended_at IS NULL',
      [accountId],
    );
    const alerts = await db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM security_alerts WHERE kind = 'guard.canary_read' AND detail->>'compte' = $1",
      [accountId],
    );
    const journal = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM access_log WHERE action = 'auth.account.suspended' AND purpose = $1",
      [`account:${accountId}`],
    );
    return {
      status: account.rows[0]!.status,
      suspension: suspension.rows[0] ?? null,
      liveSessions: live.rows[0]!.n,
      alerts: alerts.rows.map((row) => row.detail),
      journaled: journal.rows[0]!.n,
    };
  };

  it('leaves an account alone while it reads ordinary people (the control)', async () => {
    const reader = world.actors.ofUserA;
    const [trainee] = await kit.vault.read(reader, followTrainees, [world.traineeA.id]);
    expect(trainee?.lastName).toBe('Dupré');
    expect(await state(idOf(reader))).toMatchObject({ status: 'active', suspension: null, alerts: [] });
  });

  it('suspends an account that reads a canary, at the platform level, ends its sessions, journals it and alerts once', async () => {
    const reader = world.actors.ofUserA;
    const accountId = idOf(reader);
    await deviceSession(db, {
      accountId,
      role: 'of_user',
      device: await createDeviceClient(),
      addr: '192.0.2.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131',
      now: kit.clock.now(),
    });
    expect((await state(accountId)).liveSessions).toBe(1);
    await kit.vault.markCanaries(system, [world.traineeA.id]);

    // The read that trips the wire fails: nothing it read leaves.
    await expect(kit.vault.read(reader, followTrainees, [world.traineeA.id])).rejects.toMatchObject({
      code: 'ACCOUNT_SUSPENDED',
    });
    const after = await state(accountId);
    expect(after.status).toBe('suspended');
    expect(after.suspension).toEqual({ level: 'platform', reason: 'compromise_suspected', suspended_by: null });
    expect(after.liveSessions).toBe(0);
    expect(after.journaled).toBe(1);
    expect(after.alerts).toEqual([{ compte: accountId, role: 'of_user', finalite: 'training.follow_up', canaris: 1 }]);
    // The log says what happened: the read was refused, and no entry names the canary as read.
    const entries = await db.query<{ outcome: string; people: string[] }>(
      "SELECT outcome, people FROM access_log WHERE actor_id = $1 AND purpose = 'training.follow_up' AND $2 = ANY(people)",
      [accountId, world.traineeA.id],
    );
    expect(entries.rows.map((row) => row.outcome)).toEqual(['allow', 'deny']); // the control's read, then this one

    // A second read before anyone looks is refused again, logged `deny` by the guard (the account
    // is suspended), and adds no second alert, suspension or journal entry.
    await expect(kit.vault.read(reader, followTrainees, [world.traineeA.id])).rejects.toMatchObject({
      code: 'ACCOUNT_SUSPENDED',
    });
    expect(await state(accountId)).toMatchObject({ alerts: [after.alerts[0]], journaled: 1 });
    const last = await db.query<{ outcome: string }>(
      'SELECT outcome FROM access_log WHERE actor_id = $1 ORDER BY seq DESC LIMIT 1',
      [accountId],
    );
    expect(last.rows[0]!.outcome).toBe('deny');
  });

  it('does not suspend for a canary asked out of scope: that id reaches nobody', async () => {
    // traineeA is a canary since the test above, in organisation A; B's manager asks for it.
    const reader = world.actors.ofManagerB;
    expect(await kit.vault.read(reader, followTrainees, [world.traineeA.id])).toEqual([]);
    expect(await state(idOf(reader))).toMatchObject({ status: 'active', suspension: null, alerts: [] });
  });

  it('watches the marks another process plants within a minute, and not the first seeds’ marks', async () => {
    const reader = world.actors.ofManagerB;
    const accountId = idOf(reader);
    const plant = (label: string) =>
      db.query('INSERT INTO canary_marks (mark) VALUES ($1)', [kit.keyring.mark(label, world.traineeB.id)]);
    // A mark of the first seeds, whose canaries sat in ordinary lists: not watched.
    await plant('canary');
    kit.clock.advance(61_000);
    await kit.vault.read(reader, followTrainees, [world.traineeB.id]);
    expect((await state(accountId)).status).toBe('active');
    // Planted by another process: seen once the marks are reloaded, within the minute.
    await plant(CANARY_MARK);
    await kit.vault.read(reader, followTrainees, [world.traineeB.id]);
    expect((await state(accountId)).status).toBe('active');
    kit.clock.advance(61_000);
    await expect(kit.vault.read(reader, followTrainees, [world.traineeB.id])).rejects.toMatchObject({
      code: 'ACCOUNT_SUSPENDED',
    });
    expect((await state(accountId)).status).toBe('suspended');
  });

  it('stops before a read of a record planted with a canary, asked by its own id, and logs it deny', async () => {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM applications WHERE person_id = $1', [
      world.applicantA.id,
    ]);
    const application = rows[0]!.id;
    // Marked as the recruiters' canary's application is (src/seed/canaries/recruiting.ts).
    await kit.vault.markCanaries(system, [application]);
    // Asked from another employer, it reaches nobody: no suspension.
    expect(await kit.vault.read(world.actors.managerB, readApplicationMessage, [application])).toEqual([]);
    expect((await state(idOf(world.actors.managerB))).status).toBe('active');
    const reader = world.actors.recruiterA;
    await expect(kit.vault.read(reader, readApplicationMessage, [application])).rejects.toMatchObject({
      code: 'ACCOUNT_SUSPENDED',
    });
    expect((await state(idOf(reader))).status).toBe('suspended');
    const entries = await db.query<{ outcome: string }>(
      "SELECT outcome FROM access_log WHERE actor_id = $1 AND purpose = 'recruiting.application_message'",
      [idOf(reader)],
    );
    expect(entries.rows.map((row) => row.outcome)).toEqual(['deny']);
  });

  it('watches reads by accounts only: the platform’s own reads of a canary trip nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM account_suspensions');
    await kit.vault.read(system, followTrainees, [world.traineeA.id]).catch(() => []);
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM account_suspensions');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
