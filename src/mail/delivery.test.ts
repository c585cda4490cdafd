import { seedAccounts } from '../seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, system, type TestKit } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { createLogger } from '../http/logger.js';
import { captureLogs, type LogCapture } from '../http/test-helpers.js';
import { createLinkMinter } from '../identity/links.js';
import { consumeToken } from '../identity/tokens.js';
import { systemRandom } from '../kernel/random.js';
import { createMailer, type Mailer } from './mailer.js';
import { createNotify, enqueueMail } from './outbox.js';
import { MailParamsError } from './params.js';
import { MAX_ATTEMPTS } from './retry.js';
import { createSmtpTransport } from './smtp.js';
import { startTestSmtpServer, type TestSmtpServer } from './test-helpers.js';

const RESET_LINK = /\nhttps:\/\/rempart\.test\/mot-de-passe\/nouveau\/([A-Za-z0-9_-]{43})\n/;

describe.each(engines)('mail delivery on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  let smtp: TestSmtpServer;
  let logs: LogCapture;
  let mailer: Mailer;
  let accountId: string;
  let email: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await db.close();
  });

  beforeEach(async () => {
    accountId = randomUUID();
    email = `eloise.${accountId.slice(0, 8)}@exemple.fr`;
    await kit.vault.write(system, seedAccounts, [
      {
        id: accountId,
        role: 'candidate',
        organisationId: null,
        personId: null,
        email,
        displayName: 'Éloïse Lefèvre',
        passwordHash: null,
        status: 'active',
        createdBy: null,
        approvedBy: null,
        approvedAt: null,
      },
    ]);
    await db.query('DELETE FROM mail_outbox');
    smtp.received.length = 0;
    logs = captureLogs();
    mailer = makeMailer(smtp.url);
  });
  afterEach(() => mailer.stop());

  function makeMailer(url: string | null): Mailer {
    return createMailer({
      db,
      vault: kit.vault,
      clock: kit.clock,
      random: systemRandom,
      logger: createLogger({ level: 'info', destination: logs.stream }),
      transport: url ? createSmtpTransport(url) : null,
      mintLink: createLinkMinter({ publicUrl: 'https://rempart.test', clock: kit.clock, random: systemRandom }),
    });
  }

  /** The token of the reset link a received message carries. */
  const tokenIn = (text: string | undefined) => RESET_LINK.exec(text ?? '')?.[1] ?? '';
  const opens = async (token: string) =>
    (await consumeToken(db, { token, purpose: 'reset_password', clock: kit.clock })) === accountId;

  const enqueueReset = (at = kit.clock.now()) =>
    db.transaction((tx) =>
      enqueueMail(tx, { id: randomUUID(), accountId, template: 'reset_password', params: {}, at }),
    );
  const outbox = async () =>
    (
      await db.query<{ attempts: number; sent_at: Date | null; next_attempt_at: Date; last_error: string | null }>(
        'SELECT * FROM mail_outbox',
      )
    ).rows;

  it('delivers a queued message in French, to the account’s address, with a link minted as it leaves', async () => {
    await enqueueReset();
    expect(await mailer.deliverPending()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual([email]);
    expect(mail?.from).toBe('ne-pas-repondre@rempart.localhost');
    expect(mail?.subject).toBe('[rempart] Réinitialisation de votre mot de passe');
    expect(mail?.text).toContain('Une réinitialisation du mot de passe de votre compte rempart a été demandée.');
    expect(mail?.text).toMatch(/Choisir un nouveau mot de passe :\n/);
    expect(mail?.raw).toMatch(/^Auto-Submitted: auto-generated/m);
    const [row] = await outbox();
    expect(row?.sent_at).toEqual(kit.clock.now());
    // The outbox never held the link; only the token's hash was stored, and the link opens.
    const token = tokenIn(mail?.text);
    expect(JSON.stringify(await outbox())).not.toContain(token);
    expect(await opens(token)).toBe(true);
    // Sent once: a second run finds nothing to do.
    expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
  });

  it('reads the address through the vault, which logs the read', async () => {
    const { rows: head } = await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM access_log');
    await enqueueReset();
    await mailer.deliverPending();
    const { rows } = await db.query<{ actor_id: string | null; purpose: string; fields: string[] }>(
      'SELECT actor_id, purpose, record, people, fields FROM access_log WHERE seq > $1',
      [head[0]?.seq],
    );
    // The platform reads the address alone, and the log says whose.
    expect(rows).toEqual([
      { actor_id: null, purpose: 'mail.deliver', record: 'account', people: [accountId], fields: ['email'] },
    ]);
  });

  it('keeps a refused message, backs off, and delivers it later', async () => {
    await enqueueReset();
    smtp.rejectNext(1);
    expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 1 });
    const [failed] = await outbox();
    expect(failed?.attempts).toBe(1);
    expect(failed?.sent_at).toBeNull();
    expect(failed?.last_error).toBe('EENVELOPE 550');
    const wait = (failed?.next_attempt_at.getTime() ?? 0) - kit.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThanOrEqual(60_000);

    expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
    kit.clock.advance(60_000);
    expect(await mailer.deliverPending()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((mail) => mail.to)).toEqual([[email]]);
    expect((await outbox())[0]?.attempts).toBe(1);
    // The refused try minted a link too, which the delivered one superseded.
    const { rows } = await db.query('SELECT 1 FROM account_tokens WHERE account_id = $1', [accountId]);
    expect(rows).toHaveLength(2);
    expect(await opens(tokenIn(smtp.received[0]?.text))).toBe(true);
  });

  it('doubles the wait after each failure and records only an error code', async () => {
    await enqueueReset();
    const closed = await startTestSmtpServer();
    await closed.close();
    const down = makeMailer(closed.url);
    expect(await down.deliverPending()).toEqual({ sent: 0, failed: 1 });
    kit.clock.advance(60_000);
    expect(await down.deliverPending()).toEqual({ sent: 0, failed: 1 });
    const [row] = await outbox();
    expect(row?.attempts).toBe(2);
    expect(row?.last_error).toMatch(/^[A-Z][A-Z0-9_]*$/);
    const wait = (row?.next_attempt_at.getTime() ?? 0) - kit.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(60_000);
    expect(wait).toBeLessThanOrEqual(120_000);
  });

  it('stops retrying after the last attempt but keeps the message', async () => {
    await enqueueReset();
    await db.query('UPDATE mail_outbox SET attempts = $1', [MAX_ATTEMPTS]);
    expect(await mailer.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(await outbox()).toHaveLength(1);
  });

  it('holds no e-mail address in the outbox, and logs ids only', async () => {
    await enqueueReset();
    await db.transaction((tx) =>
      createNotify({ clock: kit.clock, random: systemRandom })(tx, accountId, 'new_device_login', {
        when: kit.clock.now().toISOString(),
        device: 'Firefox sur Linux',
      }),
    );
    smtp.rejectNext(1);
    await mailer.deliverPending();
    await mailer.deliverPending();
    const rows = await outbox();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('@');
    expect(logs.text()).not.toContain('@');
    expect(logs.text()).not.toMatch(/[A-Za-z0-9_-]{43}/);
    expect(logs.text()).not.toContain('mot-de-passe/nouveau');
    expect(logs.entries().map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['mail.delivery_failed', 'mail.sent']),
    );
  });

  it('refuses parameters that do not fit, and queues nothing when the transaction rolls back', async () => {
    await expect(
      enqueueMail(db, { id: randomUUID(), accountId, template: 'reset_password', params: { link: email } }),
    ).rejects.toThrow(MailParamsError);
    await expect(
      enqueueMail(db, {
        id: randomUUID(),
        accountId,
        template: 'reset_password',
        params: { link: 'https://rempart.test/mot-de-passe/nouveau/x' },
      }),
    ).rejects.toThrow(/paramètres inconnus \(link\)/);
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, {
          id: randomUUID(),
          accountId,
          template: 'password_changed',
          params: { when: kit.clock.now().toISOString() },
        });
        throw new Error('the password change failed');
      }),
    ).rejects.toThrow('the password change failed');
    expect(await outbox()).toEqual([]);
  });

  it('leaves messages in the outbox, and mints nothing, when there is no SMTP server (demo)', async () => {
    await enqueueReset();
    expect(await makeMailer(null).deliverPending()).toEqual({ sent: 0, failed: 0 });
    const [row] = await outbox();
    expect(row?.attempts).toBe(0);
    expect(row?.sent_at).toBeNull();
    const { rows } = await db.query('SELECT 1 FROM account_tokens WHERE account_id = $1', [accountId]);
    expect(rows).toEqual([]);
  });

  it('delivers in the background once started', async () => {
    await enqueueReset();
    mailer.start(20);
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 5_000 });
    await mailer.stop();
  });
});
