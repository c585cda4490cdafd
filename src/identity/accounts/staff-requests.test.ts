import { seedAccounts } from '../../seed/seed.purposes.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { makeVault, system } from '../../../test/support/fixtures.js';
import type { Db } from '../../db/client.js';
import { systemRandom } from '../../kernel/random.js';
import { captureTransport } from '../../../test/support/mail.js';
import { createLogger } from '../../http/logger.js';
import { captureLogs } from '../../http/test-helpers.js';
import { createMailer, createNotify } from '../../mail/index.js';
import { createLinkMinter } from '../links.js';
import type { Actor, Role } from '../../vault/index.js';
import { testAddressTagKey } from '../../http/test-helpers.js';
import { addressTag } from '../../crypto/address-tag.js';
import { argon2Hasher } from '../login/argon2-hasher.js';
import { createAfterReply } from './after-reply.js';
import { registerCitizen } from './registration.js';
import { createRequestThrottle } from './request-throttle.js';
import { createSession, findSession } from '../sessions/session-store.js';
import { approveStaffAccount, requestStaffAccount, type AccountsDeps } from './staff-requests.js';
import { liftSuspension, suspendAccount } from './suspensions.js';

describe.each(engines)('staff accounts need a second person, on %s', (engine) => {
  let db: Db;
  let deps: AccountsDeps;
  const orgA = randomUUID();
  const orgB = randomUUID();

  async function staff(role: Role, organisationId: string): Promise<Extract<Actor, { kind: 'account' }>> {
    const id = randomUUID();
    await deps.vault.write(system, seedAccounts, [
      {
        id,
        role,
        organisationId,
        personId: null,
        email: `${id}@demo.rempart.test`,
        displayName: role,
        passwordHash: null,
        status: 'active',
        createdBy: null,
        approvedBy: null,
        approvedAt: null,
      },
    ]);
    return {
      kind: 'account',
      accountId: id,
      role,
      organisationId,
      personId: null,
      sessionId: null,
      clientAddr: '192.0.2.1',
    };
  }

  beforeAll(async () => {
    db = await openTestDb(engine);
    const { vault, accessLog, clock } = await makeVault(db);
    deps = {
      db,
      vault,
      accessLog,
      clock,
      random: systemRandom,
      passwords: argon2Hasher,
      notify: createNotify({ clock, random: systemRandom }),
      publicUrl: 'http://127.0.0.1:3000',
      addressTagKey: testAddressTagKey,
    };
    for (const id of [orgA, orgB]) {
      await db.query("INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', $2)", [
        id,
        String(randomBytes(7).readUIntBE(0, 6)).padStart(14, '0').slice(0, 14),
      ]);
    }
  });
  afterAll(async () => {
    await db.close();
  });

  const request = (creator: Actor, organisationId = orgA) =>
    requestStaffAccount(deps, creator, {
      email: `${randomUUID()}@demo.rempart.test`,
      role: 'of_user',
      organisationId,
      displayName: 'Nouvel agent',
    });

  it('keeps a new account inactive, and never lets its creator approve it', async () => {
    const rgc = await staff('of_manager', orgA);
    const id = await request(rgc);
    // Written and logged as the RGC who asked, never as the platform (issue 7).
    const written = await db.query<{ actor_id: string | null; people: string[] }>(
      "SELECT actor_id, people FROM access_log WHERE action = 'create' AND purpose = 'account.request' AND $1 = ANY(people)",
      [id],
    );
    expect(written.rows).toEqual([{ actor_id: rgc.kind === 'account' ? rgc.accountId : 'x', people: [id] }]);
    const { rows } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [id]);
    expect(rows[0]!.status).toBe('pending');
    await expect(approveStaffAccount(deps, rgc, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Even a direct write cannot: the database refuses it too.
    await expect(
      db.query('UPDATE account_requests SET decided_by = requested_by WHERE account_id = $1', [id]),
    ).rejects.toThrow();
  });

  it('lets a second authorised person approve, which sends the invitation', async () => {
    const rgc = await staff('of_manager', orgA);
    const second = await staff('of_manager', orgA);
    const id = await request(rgc);
    await approveStaffAccount(deps, second, id);
    const outbox = await db.query<{ template: string; params: Record<string, string> }>(
      'SELECT template, params FROM mail_outbox WHERE account_id = $1',
      [id],
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]!.template).toBe('invitation');
    // The link is minted at delivery: the outbox names the role, and no token.
    expect(outbox.rows[0]!.params).toEqual({ role: 'of_user' });
    const { transport, sent } = captureTransport();
    const mintLink = createLinkMinter({ publicUrl: deps.publicUrl, clock: deps.clock, random: systemRandom });
    await createMailer({ ...deps, logger: createLogger({ level: 'silent' }), transport, mintLink }).deliverPending();
    expect(sent.find((mail) => mail.subject.includes('Invitation'))?.text).toMatch(
      /\nhttp:\/\/127\.0\.0\.1:3000\/invitation\/[A-Za-z0-9_-]{43}\n/,
    );
    await expect(approveStaffAccount(deps, second, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives another organisation’s manager nothing: no request, no approval, no suspension', async () => {
    const rgcA = await staff('of_manager', orgA);
    const rgcB = await staff('of_manager', orgB);
    const user = await staff('of_user', orgA);
    await expect(request(rgcB, orgA)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const id = await request(rgcA);
    await expect(approveStaffAccount(deps, rgcB, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(suspendAccount(deps, rgcB, user.accountId, 'misuse')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const advisor = await staff('advisor', orgA);
    await expect(request(advisor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('suspends an account and ends all its sessions at once, then reactivates it', async () => {
    const rgc = await staff('of_manager', orgA);
    const user = await staff('of_user', orgA);
    const now = deps.clock.now();
    const key = { kty: 'EC' as const, crv: 'P-256' as const, x: 'a'.repeat(43), y: 'b'.repeat(43) };
    const session = await createSession(db, {
      accountId: user.accountId,
      role: 'of_user',
      deviceKey: key,
      addrTag: addressTag(testAddressTagKey, '192.0.2.9'),
      userAgent: 'x',
      mfaAt: now,
      now,
      random: systemRandom,
    });
    expect(await findSession(db, session.cookie, now)).not.toBeNull();
    await suspendAccount(deps, rgc, user.accountId, 'compromise_suspected');
    expect(await findSession(db, session.cookie, now)).toBeNull();
    expect(await liftSuspension(deps, rgc, user.accountId)).toBe('lifted');
    // Reactivation does not revive old sessions: they were ended, not paused.
    expect(await findSession(db, session.cookie, now)).toBeNull();
  });

  it('records who suspended, at what level and why; a reason is required', async () => {
    const admin = await staff('admin', orgA);
    const user = await staff('of_user', orgA);
    await expect(suspendAccount(deps, admin, user.accountId, '')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(suspendAccount(deps, admin, user.accountId, 'unrecorded')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const advisor = await staff('advisor', orgA);
    await expect(suspendAccount(deps, advisor, user.accountId, 'misuse')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await suspendAccount(deps, admin, user.accountId, 'compromise_suspected')).toBe(true);
    const { rows } = await db.query(
      'SELECT level, suspended_by, reason FROM account_suspensions WHERE account_id = $1 AND lifted_at IS NULL',
      [user.accountId],
    );
    expect(rows).toEqual([{ level: 'platform', suspended_by: admin.accountId, reason: 'compromise_suspected' }]);
  });

  it('lets no RGC undo a platform suspension, and lifts one only with two people of the platform', async () => {
    const [admin, otherAdmin] = [await staff('admin', orgA), await staff('admin', orgA)];
    const officer = await staff('security_officer', orgA);
    const rgc = await staff('of_manager', orgA);
    const user = await staff('of_user', orgA);
    const status = async () =>
      (await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [user.accountId])).rows[0]!
        .status;
    await suspendAccount(deps, officer, user.accountId, 'investigation');
    // The account's own RGC, alone: refused, as the Missions Locales manager should have been.
    await expect(liftSuspension(deps, rgc, user.accountId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      detail: 'platform level',
    });
    // An RGC suspending again changes nothing: the platform's suspension stays in force.
    expect(await suspendAccount(deps, rgc, user.accountId, 'misuse')).toBe(false);
    expect(await liftSuspension(deps, admin, user.accountId)).toBe('requested');
    expect(await status()).toBe('suspended');
    await expect(liftSuspension(deps, admin, user.accountId)).rejects.toMatchObject({ detail: 'self-lift' });
    // The database refuses one person asking and confirming, whatever the code does.
    await expect(
      db.query(
        'UPDATE account_suspensions SET lifted_by = lift_requested_by, lifted_at = now() WHERE account_id = $1 AND lifted_at IS NULL',
        [user.accountId],
      ),
    ).rejects.toThrow(/check/i);
    expect(await liftSuspension(deps, otherAdmin, user.accountId)).toBe('lifted');
    expect(await status()).toBe('active');
  });

  it('lets an RGC lift its own suspension alone, until the platform takes it over', async () => {
    const rgc = await staff('of_manager', orgA);
    const admin = await staff('admin', orgA);
    const user = await staff('of_user', orgA);
    await suspendAccount(deps, rgc, user.accountId, 'departure');
    expect(await liftSuspension(deps, rgc, user.accountId)).toBe('lifted');
    await suspendAccount(deps, rgc, user.accountId, 'misuse');
    expect(await suspendAccount(deps, admin, user.accountId, 'compromise_suspected')).toBe(true);
    await expect(liftSuspension(deps, rgc, user.accountId)).rejects.toMatchObject({ detail: 'platform level' });
    // A suspension nobody recorded (the guard's) is the platform's too.
    const other = await staff('of_user', orgA);
    await db.query("UPDATE accounts SET status = 'suspended' WHERE id = $1", [other.accountId]);
    await expect(liftSuspension(deps, rgc, other.accountId)).rejects.toMatchObject({ detail: 'platform level' });
  });

  it('registers a citizen in one transaction: if the mail cannot be queued, nothing is left behind', async () => {
    const logs = captureLogs();
    const afterReply = createAfterReply({ logger: createLogger({ level: 'error', destination: logs.stream }) });
    const guards = { afterReply, throttle: createRequestThrottle({ secret: randomBytes(32), clock: deps.clock }) };
    const failing = { ...deps, ...guards, notify: () => Promise.reject(new Error('outbox unavailable')) };
    const email = `${randomUUID()}@exemple.fr`;
    const input = {
      kind: 'candidate' as const,
      lastName: 'Bérard',
      firstName: 'Inès',
      email,
      password: 'Une phrase de passe assez longue, 2026 !',
    };
    // The answer has left before the work runs; the failure is logged, without the address.
    expect(await registerCitizen(failing, input, '192.0.2.7')).toEqual({ ok: true });
    await afterReply.drain();
    expect(await deps.vault.findAccountIdByEmail(email)).toBeNull();
    expect(logs.entries().map((entry) => [entry.msg, entry.task])).toEqual([
      ['identity.after_reply_failed', 'account.registration'],
    ]);
    expect(logs.text()).not.toContain(email);
    await registerCitizen({ ...deps, ...guards }, input, '192.0.2.7');
    await afterReply.drain();
    const accountId = await deps.vault.findAccountIdByEmail(email);
    expect(accountId).not.toBeNull();
    // Self-registration acts as the person: the account is written and logged under its own id.
    const written = await db.query<{ actor_id: string | null; purpose: string }>(
      "SELECT actor_id, purpose FROM access_log WHERE action = 'create' AND purpose LIKE 'account.register%' AND actor_id = $1 ORDER BY seq",
      [accountId],
    );
    expect(written.rows.map((row) => row.purpose)).toEqual(['account.register_person', 'account.register']);
  });
});
