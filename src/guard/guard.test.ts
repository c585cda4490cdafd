import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, ownerOf } from '../../test/support/databases.js';
import { deviceSession } from '../../test/support/device-session.js';
import { makeVault, person, seededAccount, system, type TestKit } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { createDeviceClient } from '../identity/client/proof-client.js';
import { seedAccounts, seedPeople } from '../seed/seed.purposes.js';
import { followPortfolio, searchPortfolio } from '../advising/advising.purposes.js';
import { followTrainees, traineeContact } from '../training/training.purposes.js';
import type { Actor, Role } from '../vault/index.js';
import { noteAccountRequest, recordSignal } from './signals.js';
import { liftSwitch, setSwitch } from './switches.js';
import { allPurposes } from '../purposes.js';
import { createVault } from '../vault/index.js';

/*
 * One test per rule of the guard (guard_decide and guard_check, migrations 0021 and 0022), on
 * both engines. Each test makes its own organisation and accounts, so that budgets and signals
 * start from nothing.
 */

type AccountActor = Extract<Actor, { kind: 'account' }>;

describe.each(engines)('the guard on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  const MINUTE = 60_000;

  beforeAll(async () => {
    db = await openTestDb(engine, { guard: 'as-shipped' });
    kit = await makeVault(db);
  });
  afterAll(() => db.close());

  /** A training organisation with its manager, a user with a live session, and `n` trainees. */
  async function organisation(n: number) {
    const orgId = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', $2)", [
      orgId,
      String(Date.now()).padStart(14, '0').slice(-14),
    ]);
    const account = (role: Role) => seededAccount(kit.vault, role, orgId);
    const manager = await account('of_manager');
    const user = await account('of_user');
    await deviceSession(db, {
      accountId: user.accountId,
      role: 'of_user',
      device: await createDeviceClient(),
      addr: '192.0.2.1',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131',
      now: new Date(kit.clock.now().getTime() - 60 * MINUTE),
    });
    const sessionId = randomUUID();
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
       VALUES ($1, $2, 'Soudeur', '69', 'Lyon', '2026-09-01', '2027-02-28', 200)`,
      [sessionId, orgId],
    );
    const trainees = Array.from({ length: n }, () => person());
    await kit.vault.write(system, seedPeople, trainees);
    for (const trainee of trainees) {
      await db.query('INSERT INTO referrals (id, session_id, person_id) VALUES ($1, $2, $3)', [
        randomUUID(),
        sessionId,
        trainee.id,
      ]);
    }
    return { orgId, manager, user, ids: trainees.map((t) => t.id) };
  }

  const status = async (accountId: string) =>
    (await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [accountId])).rows[0]!.status;
  const signals = async (accountId: string) =>
    (
      await db.query<{ kind: string }>('SELECT kind FROM guard_signals WHERE account_id = $1 ORDER BY id', [accountId])
    ).rows.map((row) => row.kind);
  const liveSessions = async (accountId: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND ended_at IS NULL',
        [accountId],
      )
    ).rows[0]!.n;
  /** The person at the keyboard answers the step-up: a fresh second-factor check in their session. */
  const answerStepUp = async (accountId: string) => {
    kit.clock.advance(1000);
    await db.query('UPDATE sessions SET mfa_at = $2 WHERE account_id = $1 AND ended_at IS NULL', [
      accountId,
      kit.clock.now(),
    ]);
  };
  /** Thirty past days of files read, as guard_totals keeps them. */
  const pastDays = async (accountId: string, total: (day: number) => number) => {
    for (let d = 1; d <= 30; d++) {
      const day = new Date(kit.clock.now().getTime() - d * 24 * 60 * MINUTE).toISOString().slice(0, 10);
      await db.query("INSERT INTO guard_totals (account_id, day, class, total) VALUES ($1, $2, 'file', $3)", [
        accountId,
        day,
        total(d),
      ]);
    }
  };
  const openFiles = async (actor: AccountActor, ids: string[]) => {
    for (const id of ids) await kit.vault.read(actor, traineeContact, [id]);
  };

  it('asks for a step-up past the window’s budget of files, doubles it once answered, and suspends past it again', async () => {
    const { user, manager, ids } = await organisation(25);
    kit.clock.advance(MINUTE);
    await openFiles(user, ids.slice(0, 10)); // of_user: 10 files per 10 minutes
    await expect(kit.vault.read(user, traineeContact, [ids[10]!])).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    // Refused, so not charged: re-reading what was read costs nothing meanwhile… but a step-up is awaited.
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    expect(await signals(user.accountId)).toEqual(['budget', 'refused']);

    await answerStepUp(user.accountId);
    kit.clock.advance(1000);
    await openFiles(user, ids.slice(10, 20));
    await expect(kit.vault.read(user, traineeContact, [ids[20]!])).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    expect(await status(user.accountId)).toBe('suspended');
    expect(await liveSessions(user.accountId)).toBe(0);
    const alert = await db.query<{ detail: Record<string, unknown>; account_id: string }>(
      "SELECT detail, account_id FROM security_alerts WHERE kind = 'guard.suspended' AND account_id = $1",
      [user.accountId],
    );
    expect(alert.rows).toHaveLength(1);
    expect(alert.rows[0]!.detail).toEqual({
      compte: user.accountId,
      role: 'of_user',
      finalite: 'training.contact',
      // The kinds of its signals, stamped with the platform's clock (the test's is days behind).
      signaux: 'budget, budget_again, refused',
    });
    const mail = await db.query<{ account_id: string; template: string }>(
      "SELECT account_id, template FROM mail_outbox WHERE template = 'guard_suspension' AND account_id = $1",
      [manager.accountId],
    );
    expect(mail.rows).toHaveLength(1);
    // Suspended: the door refuses the account's reads from now on, even of people already read.
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  /**
   * A vault whose door statements each wait at a gate of their own until `release` lets the
   * oldest waiting ones go (or `openAll` every one, now and to come): `reached` counts the
   * reads' statements that got there and `searched` the searches', so a test knows what is in
   * flight (src/vault/batcher.ts).
   */
  function gatedVault() {
    const waiting: (() => void)[] = [];
    let open = false;
    let reached = 0;
    let searched = 0;
    const gated = new Proxy(db, {
      get(target, prop) {
        if (prop === 'query')
          return async (...args: Parameters<Db['query']>) => {
            // A read's statement decides with guard_decide, a search's entry with guard_check.
            const read = args[0].includes('guard_decide(');
            if (read || args[0].includes('guard_check(')) {
              if (read) reached++;
              else searched++;
              if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
            }
            return target.query(...args);
          };
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const vault = createVault({
      db: gated,
      keyring: kit.keyring,
      clock: kit.clock,
      purposes: allPurposes,
      addressKey: kit.platform.keys.addressKey,
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    return {
      vault,
      reached: () => reached,
      searched: () => searched,
      /** Lets the oldest waiting statement go, and waits for what follows from it to settle. */
      release: async () => {
        waiting.shift()?.();
        await settle();
      },
      openAll: () => {
        open = true;
        waiting.splice(0).forEach((go) => go());
      },
      until: async (n: number) => {
        while (reached < n) await new Promise((resolve) => setTimeout(resolve, 10));
      },
    };
  }

  it('decides one account’s reads merged into one statement one after the other', async () => {
    const { user, manager, ids } = await organisation(12);
    const elsewhere = await organisation(1);
    kit.clock.advance(MINUTE);
    await openFiles(user, ids.slice(0, 10)); // of_user: 10 files per 10 minutes
    // Two managers' reads hold the two statements in flight, so the user's next two files
    // leave together in the next one. A statement looks its accounts' contexts up once
    // (migration 0022); the second file must still see that the first asked for a step-up (a
    // 'refused' read), not the context from before it (a second 'budget').
    const gate = gatedVault();
    const first = [
      gate.vault.read(manager, traineeContact, [ids[0]!]),
      gate.vault.read(elsewhere.manager, traineeContact, [elsewhere.ids[0]!]),
    ];
    await gate.until(2);
    const files = Promise.allSettled(ids.slice(10, 12).map((id) => gate.vault.read(user, traineeContact, [id])));
    await new Promise((resolve) => setTimeout(resolve, 300));
    gate.openAll();
    await Promise.all(first);
    const results = await files;
    expect(gate.reached()).toBe(3);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'))).toEqual([
      'STEP_UP_REQUIRED',
      'STEP_UP_REQUIRED',
    ]);
    expect(await signals(user.accountId)).toEqual(['budget', 'refused']);
  });

  it('keeps one account’s reads out of two statements in flight at once', async () => {
    const { user, manager, ids } = await organisation(4);
    const elsewhere = await organisation(1);
    kit.clock.advance(MINUTE);
    // The user has been at work this hour: the hour worked and the day's counter exist.
    await openFiles(user, [ids[2]!]);
    const gate = gatedVault();
    // Two other accounts hold both statements in flight; the user's first two files queue.
    const others = [
      gate.vault.read(manager, traineeContact, [ids[3]!]),
      gate.vault.read(elsewhere.manager, traineeContact, [elsewhere.ids[0]!]),
    ];
    await gate.until(2);
    const mine = [ids[0]!, ids[1]!].map((id) => gate.vault.read(user, traineeContact, [id]));
    await gate.release(); // a slot frees: the user's two files leave together, and wait there
    expect(gate.reached()).toBe(3);
    // Two more files of the user's, the same people in the other order, while the first two
    // are in flight. A slot frees; they must not take it. In a second statement beside the
    // first, each statement could charge a person the other charges next, and PostgreSQL would
    // fail one of them, a second later, to end the deadlock (a race of a few milliseconds,
    // which this test does not try to win: it checks that the second statement never forms).
    mine.push(...[ids[1]!, ids[0]!].map((id) => gate.vault.read(user, traineeContact, [id])));
    await gate.release();
    expect(gate.reached()).toBe(3);
    gate.openAll();
    const results = await Promise.allSettled([...others, ...mine]);
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
    // Once the first statement ended, the last two left together.
    expect(gate.reached()).toBe(4);
    expect(await signals(user.accountId)).toEqual([]);
  });

  it('keeps a search and a read of one account out of two statements in flight at once', async () => {
    const agency = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'agency', 'Agence')", [agency]);
    const advisor = await seededAccount(kit.vault, 'advisor', agency);
    const seekers = [person({ franceTravailId: '5550003Z' }), person()];
    await kit.vault.write(system, seedPeople, seekers);
    for (const seeker of seekers) {
      await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [advisor.accountId, seeker.id]);
    }
    kit.clock.advance(MINUTE);
    const gate = gatedVault();
    const read = gate.vault.read(advisor, followPortfolio, [seekers[1]!.id]);
    await gate.until(1);
    // The advisor's search while the read is in flight: its page, but not its entry.
    const search = gate.vault.search(advisor, searchPortfolio, { franceTravailId: '5550003Z' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gate.searched()).toBe(0);
    await gate.release(); // the read ends; the search's entry goes, and waits at the gate
    expect(gate.searched()).toBe(1);
    // Now a read of the advisor's while the search's entry is in flight: it waits in turn.
    const second = gate.vault.read(advisor, followPortfolio, [seekers[0]!.id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gate.reached()).toBe(1);
    gate.openAll();
    const results = await Promise.allSettled([read, search, second]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(gate.reached()).toBe(2);
    expect(((await search) as { records: unknown[] }).records).toHaveLength(1);
  });

  it('frees the window as it slides: the same pace spread over time never asks for anything', async () => {
    const { user, ids } = await organisation(30);
    await pastDays(user.accountId, () => 20); // a daily budget of 1.5 × 20 = 30 files
    for (const batch of [ids.slice(0, 8), ids.slice(8, 16), ids.slice(16, 24)]) {
      kit.clock.advance(11 * MINUTE);
      await openFiles(user, batch);
    }
    expect(await signals(user.accountId)).toEqual([]);
  });

  it('learns the daily budget from the account’s own past days, between the floor and the cap', async () => {
    const { user, ids } = await organisation(40);
    const today = new Date(kit.clock.now());
    // Thirty past days of 4 to 6 files: p99 ≈ 6, × 1.5 = 9, below the floor of 10, so the floor holds.
    await pastDays(user.accountId, (d) => 4 + (d % 3));
    await openFiles(user, ids.slice(0, 8));
    kit.clock.advance(11 * MINUTE);
    await openFiles(user, ids.slice(8, 10));
    await expect(kit.vault.read(user, traineeContact, [ids[10]!])).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    const budget = await db.query<{ evidence: Record<string, number> }>(
      "SELECT evidence FROM guard_signals WHERE account_id = $1 AND kind = 'budget'",
      [user.accountId],
    );
    expect(budget.rows[0]!.evidence).toMatchObject({ jour: 11, plafond_jour: 10 });

    // A busier history (p99 of 20 a day) lifts the budget to 1.5 × 20 = 30, under the cap of 60.
    await db.query('UPDATE guard_totals SET total = 20 WHERE account_id = $1 AND day < $2', [
      user.accountId,
      today.toISOString().slice(0, 10),
    ]);
    await answerStepUp(user.accountId);
    kit.clock.advance(11 * MINUTE);
    await openFiles(user, ids.slice(10, 12));
    expect((await signals(user.accountId)).filter((kind) => kind === 'budget')).toHaveLength(1);
  });

  it('counts lists apart from files, and re-reads of the day cost nothing', async () => {
    const { user, ids } = await organisation(30);
    const readPages = async () => {
      for (const page of [ids.slice(0, 10), ids.slice(10, 20), ids.slice(20, 30)]) {
        kit.clock.advance(2000); // a person's pace: a page of ten names, then the next
        await kit.vault.read(user, followTrainees, page);
      }
    };
    await readPages();
    await readPages();
    await openFiles(user, ids.slice(0, 5));
    const totals = await db.query<{ class: string; total: number }>(
      'SELECT class, total FROM guard_totals WHERE account_id = $1 ORDER BY class',
      [user.accountId],
    );
    expect(totals.rows).toEqual([
      { class: 'file', total: 5 },
      { class: 'list', total: 30 },
    ]);
  });

  it('refuses a page of new names within a second of the last: faster than a person reads', async () => {
    const { user, ids } = await organisation(40);
    kit.clock.advance(MINUTE);
    await kit.vault.read(user, followTrainees, ids.slice(0, 10));
    // Two reads of the same names, or of a page already read today, are no new names.
    kit.clock.advance(250);
    await kit.vault.read(user, followTrainees, ids.slice(0, 10));
    kit.clock.advance(250);
    await expect(kit.vault.read(user, followTrainees, ids.slice(10, 20))).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
    });
    const pace = await db.query<{ evidence: Record<string, number> }>(
      "SELECT evidence FROM guard_signals WHERE account_id = $1 AND kind = 'pace'",
      [user.accountId],
    );
    // (counted up to one past the pace: 20 fresh people within the second, of which 11 are enough to refuse)
    expect(pace.rows[0]!.evidence).toMatchObject({ personnes: 11, plafond: 10, classe: 'list' });
    // Refused, so not charged: the day's total holds the first page only.
    const totals = await db.query<{ total: number }>(
      "SELECT total FROM guard_totals WHERE account_id = $1 AND class = 'list'",
      [user.accountId],
    );
    expect(totals.rows[0]!.total).toBe(10);
    // A script that cannot answer keeps asking: refused reads add up to a suspension.
    for (let i = 0; i < 5; i++) {
      kit.clock.advance(250);
      await kit.vault.read(user, followTrainees, ids.slice(20, 30)).catch(() => undefined);
    }
    expect(await status(user.accountId)).toBe('suspended');

    // The person at the keyboard, a page every two seconds, is never asked.
    const other = await organisation(40);
    for (const page of [0, 10, 20, 30]) {
      kit.clock.advance(2000);
      await kit.vault.read(other.user, followTrainees, other.ids.slice(page, page + 10));
    }
    expect(await signals(other.user.accountId)).toEqual([]);
  });

  it('records ids asked out of scope, asks for a step-up when they run on, then suspends', async () => {
    const { user, ids } = await organisation(1);
    const stranger = () => [randomUUID()];
    await expect(kit.vault.read(user, traineeContact, stranger())).resolves.toEqual([]);
    await expect(kit.vault.read(user, traineeContact, stranger())).resolves.toEqual([]);
    // The third probe within the window looks enumerated: 3 × 10 + 40 = 70, a step-up.
    await expect(kit.vault.read(user, traineeContact, stranger())).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    // 70, then 80 with the refused read, 90 with the next probe, and the one after reaches 100.
    await expect(kit.vault.read(user, traineeContact, stranger())).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await expect(kit.vault.read(user, traineeContact, stranger())).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    expect(await signals(user.accountId)).toEqual([
      'out_of_scope',
      'out_of_scope',
      'out_of_scope',
      'enumeration',
      'refused',
      'out_of_scope',
      'out_of_scope',
    ]);
    const evidence = await db.query<{ evidence: Record<string, unknown> }>(
      "SELECT evidence FROM guard_signals WHERE account_id = $1 AND kind = 'out_of_scope' LIMIT 1",
      [user.accountId],
    );
    expect(evidence.rows[0]!.evidence).toEqual({ finalite: 'training.contact', demandes: 1, hors_perimetre: 1 });
  });

  it('asks for a step-up on a search so broad it selects nearly everyone, before anything leaves', async () => {
    const owner = await ownerOf(db);
    const agency = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'agency', 'Agence')", [agency]);
    const actor = await seededAccount(kit.vault, 'advisor', agency);
    const advisorId = actor.accountId;
    const seekers = Array.from({ length: 4 }, () => person({ franceTravailId: '5550001Z' }));
    await kit.vault.write(system, seedPeople, seekers);
    for (const seeker of seekers) {
      await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [advisorId, seeker.id]);
    }
    await owner.query("UPDATE guard_settings SET value = 4 WHERE name = 'broad_search_breadth'");
    try {
      await expect(kit.vault.search(actor, searchPortfolio, { franceTravailId: '5550001Z' })).rejects.toMatchObject({
        code: 'STEP_UP_REQUIRED',
      });
      const last = await db.query<{ outcome: string; people: string[]; breadth: number }>(
        'SELECT outcome, people, breadth FROM access_log WHERE actor_id = $1 ORDER BY seq DESC LIMIT 1',
        [advisorId],
      );
      expect(last.rows[0]).toMatchObject({ outcome: 'step_up', breadth: 4 });
      expect(await signals(advisorId)).toEqual(['broad_search']);
    } finally {
      await owner.query("UPDATE guard_settings SET value = 200 WHERE name = 'broad_search_breadth'");
      await owner.close();
    }
  });

  it('judges a search’s breadth against what its scope covers in all: broad at its share, not below', async () => {
    const owner = await ownerOf(db);
    const agency = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'agency', 'Agence')", [agency]);
    const actor = await seededAccount(kit.vault, 'advisor', agency);
    // A portfolio of 8: 4 share an identifier, so a search by it matches half the portfolio.
    const seekers = Array.from({ length: 8 }, (_, i) =>
      person({ franceTravailId: i < 4 ? '5550002Z' : `5551${i}00Z` }),
    );
    await kit.vault.write(system, seedPeople, seekers);
    for (const seeker of seekers) {
      await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [actor.accountId, seeker.id]);
    }
    await owner.query("UPDATE guard_settings SET value = 4 WHERE name = 'broad_search_breadth'");
    try {
      // 4 matches of 8 is under a share of 60 %: past the fixed threshold, but not broad.
      await owner.query("UPDATE guard_settings SET value = 0.6 WHERE name = 'broad_search_share'");
      const found = await kit.vault.search(actor, searchPortfolio, { franceTravailId: '5550002Z' });
      expect(found.records).toHaveLength(4);
      expect(await signals(actor.accountId)).toEqual([]);
      // At a share of 50 %, the same search is broad.
      await owner.query("UPDATE guard_settings SET value = 0.5 WHERE name = 'broad_search_share'");
      kit.clock.advance(1000);
      await expect(kit.vault.search(actor, searchPortfolio, { franceTravailId: '5550002Z' })).rejects.toMatchObject({
        code: 'STEP_UP_REQUIRED',
      });
      expect(await signals(actor.accountId)).toEqual(['broad_search']);
    } finally {
      await owner.query("UPDATE guard_settings SET value = 200 WHERE name = 'broad_search_breadth'");
      await owner.query("UPDATE guard_settings SET value = 0.05 WHERE name = 'broad_search_share'");
      await owner.close();
    }
  });

  it('notes fresh files read at an hour the account never works, once its habits are known', async () => {
    const { user, ids } = await organisation(5);
    const today = new Date(kit.clock.now());
    for (let d = 1; d <= 12; d++) {
      const day = new Date(today.getTime() - d * 24 * 60 * MINUTE).toISOString().slice(0, 10);
      for (const hour of [9, 10, 11, 14, 15, 16]) {
        await db.query('INSERT INTO guard_hours (account_id, day, hour) VALUES ($1, $2, $3)', [
          user.accountId,
          day,
          hour,
        ]);
      }
    }
    const saved = kit.clock.now();
    kit.clock.set(new Date(saved.getTime() + 14 * 60 * MINUTE)); // 10:00 UTC + 14 h: 01:00 in Paris
    try {
      await openFiles(user, ids.slice(0, 1));
      expect(await signals(user.accountId)).toEqual(['off_hours']);
      kit.clock.set(new Date(saved.getTime() + 24 * 60 * MINUTE)); // the next day at the usual hour
      await openFiles(user, ids.slice(1, 2));
      expect(await signals(user.accountId)).toEqual(['off_hours']);
    } finally {
      kit.clock.set(saved);
    }
  });

  it('takes a session used from a new place as a signal, answered by the step-up there', async () => {
    const { user, ids } = await organisation(2);
    await recordSignal(db, user.accountId, 'new_context', kit.clock.now(), { motif: 'navigateur' });
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    kit.clock.advance(1000);
    await answerStepUp(user.accountId);
    kit.clock.advance(1000);
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).resolves.toHaveLength(1);
  });

  it('notes a manager asking for several accounts in a short time', async () => {
    const { manager } = await organisation(0);
    for (let i = 0; i < 2; i++) {
      const id = randomUUID();
      await kit.vault.write(system, seedAccounts, [
        {
          id,
          role: 'of_user',
          organisationId: manager.organisationId,
          personId: null,
          email: `${id}@demo.rempart.test`,
          displayName: 'x',
          passwordHash: null,
          status: 'pending',
          createdBy: manager.accountId,
          approvedBy: null,
          approvedAt: null,
        },
      ]);
      await db.query('INSERT INTO account_requests (account_id, requested_by, requested_at) VALUES ($1, $2, $3)', [
        id,
        manager.accountId,
        kit.clock.now(),
      ]);
      await noteAccountRequest(db, manager.accountId, kit.clock.now());
    }
    expect(await signals(manager.accountId)).toEqual(['account_burst']);
  });

  it('closes reads by kill switch at the organisation’s and the surface’s level, lifted by two people only', async () => {
    const { orgId, user, ids } = await organisation(2);
    const platformOrg = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'platform', 'Plateforme')", [platformOrg]);
    const officer = () => seededAccount(kit.vault, 'security_officer', platformOrg);
    const first = await officer();
    const second = await officer();
    const deps = { db, clock: kit.clock, random: kit.platform.random, accessLog: kit.accessLog };

    const switchId = await setSwitch(deps, first, { level: 'organisation', target: orgId, reason: 'incident' });
    expect(await liveSessions(user.accountId)).toBe(0);
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'ACCESS_CLOSED' });
    expect(await liftSwitch(deps, first, switchId)).toBe('requested');
    await expect(liftSwitch(deps, first, switchId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'ACCESS_CLOSED' });
    expect(await liftSwitch(deps, second, switchId)).toBe('lifted');
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).resolves.toHaveLength(1);

    const surface = await setSwitch(deps, first, { level: 'surface', target: 'of_portal', reason: 'incident' });
    await expect(kit.vault.read(user, followTrainees, ids)).rejects.toMatchObject({ code: 'ACCESS_CLOSED' });
    const closed = await db.query<{ outcome: string }>(
      'SELECT outcome FROM access_log WHERE actor_id = $1 ORDER BY seq DESC LIMIT 1',
      [user.accountId],
    );
    expect(closed.rows[0]!.outcome).toBe('closed');
    await liftSwitch(deps, second, surface);
    await liftSwitch(deps, first, surface);
    await expect(kit.vault.read(user, followTrainees, ids)).resolves.toHaveLength(2);
    // Only the platform's security people hold the switch.
    await expect(setSwitch(deps, user, { level: 'surface', target: 'pool', reason: 'incident' })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
  });

  it('fails closed: without its store, or without a budget, no read passes', async () => {
    const { user, ids } = await organisation(2);
    const owner = await ownerOf(db);
    try {
      await owner.exec('REVOKE INSERT ON guard_reads FROM rempart_app');
      await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'AUDIT_FAILED' });
      await owner.exec('GRANT INSERT ON guard_reads TO rempart_app');
      await owner.exec('REVOKE SELECT ON guard_settings FROM rempart_app');
      await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({ code: 'AUDIT_FAILED' });
      await owner.exec('GRANT SELECT ON guard_settings TO rempart_app');
      await owner.query("DELETE FROM guard_budgets WHERE class = 'file' AND role IN ('of_user', '*')");
      await expect(kit.vault.read(user, traineeContact, [ids[0]!])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await owner.query("DELETE FROM guard_purposes WHERE name = 'training.follow_up'");
      await expect(kit.vault.read(user, followTrainees, ids)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await owner.exec('GRANT INSERT ON guard_reads TO rempart_app; GRANT SELECT ON guard_settings TO rempart_app');
      await owner.query(
        `INSERT INTO guard_budgets (role, class, per_window, per_day, floor_day) VALUES
         ('*', 'file', 10, 60, 10), ('of_user', 'file', 10, 60, 10) ON CONFLICT DO NOTHING`,
      );
      await owner.query(
        "INSERT INTO guard_purposes (name, class, surface) VALUES ('training.follow_up', 'list', 'of_portal') ON CONFLICT DO NOTHING",
      );
      await owner.close();
    }
    await expect(kit.vault.read(user, traineeContact, [ids[0]!])).resolves.toHaveLength(1);
  });
});
