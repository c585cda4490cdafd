import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, type TestKit } from '../../test/support/fixtures.js';
import { addAccount } from '../../test/support/identity.js';
import { twoTrainingOrganisations } from '../../test/support/training.js';
import type { Db } from '../db/client.js';
import { runDueJobs } from '../jobs/index.js';
import { allJobs } from '../jobs.js';
import { systemRandom } from '../kernel/random.js';
import { createNotify } from '../mail/index.js';

describe.each(engines)('the daily reminder of declarations due (%s)', (engine) => {
  let db: Db;
  let kit: TestKit;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    world = await twoTrainingOrganisations(db, kit.vault);
  });
  afterAll(async () => db?.close());

  const outbox = async () =>
    (
      await db.query<{ account_id: string; template: string; params: unknown }>(
        'SELECT account_id, template, params FROM mail_outbox ORDER BY account_id',
      )
    ).rows;
  // Only this job: the others of src/jobs.ts (offer alerts…) have their own tests.
  const reminders = allJobs.filter((job) => job.name === 'training.declaration_reminders');
  const run = () =>
    runDueJobs(db, kit.clock, reminders, {
      platform: kit.platform,
      notify: createNotify({ clock: kit.clock, random: systemRandom }),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });

  it('sends nothing while nothing is due', async () => {
    expect(await run()).toEqual([{ name: 'training.declaration_reminders', ok: true, count: 0 }]);
    expect(await outbox()).toEqual([]);
  });

  it('mails each active user of an organisation that owes a declaration, once a day, naming nobody', async () => {
    // A accepts its trainee: the session started on 1 October, so the entry is overdue (20 November).
    await db.query("UPDATE referrals SET status = 'accepted' WHERE id = $1", [world.referralA]);
    const colleague = await addAccount(kit.vault, { role: 'of_manager', organisationId: world.orgA });
    const suspended = await addAccount(kit.vault, { role: 'of_user', organisationId: world.orgA });
    await db.query("UPDATE accounts SET status = 'suspended' WHERE id = $1", [suspended.id]);
    kit.clock.advance(11 * 60_000);
    expect((await run())[0]).toMatchObject({ ok: true, count: 2 });
    const sent = await outbox();
    const ofUserA = world.actors.ofUserA.kind === 'account' ? world.actors.ofUserA.accountId : '';
    expect(sent.map((m) => m.account_id).sort()).toEqual([ofUserA, colleague.id].sort());
    expect(sent.every((m) => m.template === 'declarations_overdue')).toBe(true);
    expect(JSON.stringify(sent)).not.toContain('Dupré');
    // Organisation B owes nothing: its RGC gets nothing.
    // Later the same day: no second message.
    kit.clock.advance(11 * 60_000);
    expect((await run())[0]).toMatchObject({ ok: true, count: 0 });
    expect(await outbox()).toHaveLength(2);
    // The next day, still overdue: a new reminder.
    kit.clock.advance(24 * 3_600_000);
    expect((await run())[0]).toMatchObject({ ok: true, count: 2 });
    expect(await outbox()).toHaveLength(4);
  });
});
