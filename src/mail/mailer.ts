import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { MintLink } from '../identity/links.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { platformActor, type Vault } from '../vault/index.js';
import { deliverMail } from './mail.purposes.js';
import { backoffMs, deliveryErrorCode, LEASE_MS, MAX_ATTEMPTS } from './retry.js';
import { composeForDelivery } from './mint.js';
import { renderContent } from './render.js';
import { DEFAULT_MAIL_FROM } from './smtp.js';

/** What the mailer is built from. */
export interface MailerDeps {
  db: Db;
  vault: Pick<Vault, 'read'>;
  clock: Clock;
  random: Random;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The SMTP transport, or null in embedded demo mode: messages then stay in the outbox. */
  transport: Transporter | null;
  /** The sender (MAIL_FROM); {@link DEFAULT_MAIL_FROM} when not set. */
  from?: string;
  /** Mints the single-use link of a reset, verification or invitation message, at delivery. */
  mintLink: MintLink;
}

/** What one delivery run did. */
export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Delivers the outbox over SMTP. */
export interface Mailer {
  /** Sends up to `limit` due messages; each failure is kept and retried later, with backoff. */
  deliverPending(options?: { limit?: number }): Promise<DeliveryReport>;
  /** Delivers every `intervalMs` in the background, without keeping the process alive. */
  start(intervalMs: number): void;
  /** Stops the background loop and waits for the run in progress, if any. */
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  account_id: string;
  template: string;
  params: Record<string, unknown>;
  attempts: number;
}

// The platform reads the address to deliver a mail: an audited read like any other (promise 5).
const mailActor = platformActor('mail');
const DEFAULT_LIMIT = 50;

/**
 * Builds the outbox's delivery. Each due message is leased for a few minutes by one short
 * statement (`FOR UPDATE SKIP LOCKED`, which PGlite and PostgreSQL both support), then sent
 * with no transaction open: SMTP may take seconds, and on PGlite an open transaction would hold
 * the only connection. If the process dies mid-send the lease runs out and the message is sent
 * again, with a fresh link: delivery is at least once. A message's link is minted as it is sent
 * and never stored (mint.ts). Logs carry ids and error codes only, never an address.
 */
export function createMailer(deps: MailerDeps): Mailer {
  const from = deps.from ?? DEFAULT_MAIL_FROM;

  async function claim(limit: number): Promise<OutboxRow[]> {
    const now = deps.clock.now();
    const { rows } = await deps.db.query<OutboxRow>(
      `UPDATE mail_outbox SET next_attempt_at = $2
       WHERE id IN (SELECT id FROM mail_outbox
                    WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $3
                    ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id, account_id, template, params, attempts`,
      [now, new Date(now.getTime() + LEASE_MS), MAX_ATTEMPTS, limit],
    );
    return rows;
  }

  async function send(transport: Transporter, row: OutboxRow): Promise<void> {
    const [contact] = await deps.vault.read(mailActor, deliverMail, [row.account_id], { fields: ['email'] });
    if (!contact?.email) throw Object.assign(new Error('no contact'), { code: 'NO_CONTACT' });
    // Minted last, just before sending: the link lives in this message and nowhere else.
    const mail = renderContent(await composeForDelivery(deps.db, row, deps.mintLink));
    await transport.sendMail({
      from,
      to: contact.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // RFC 3834 §5: a notice, so that auto-responders do not answer it.
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'fr' },
    });
  }

  async function deliverOne(transport: Transporter, row: OutboxRow): Promise<boolean> {
    const log = { messageId: row.id, accountId: row.account_id, template: row.template };
    try {
      await send(transport, row);
    } catch (error) {
      const attempts = row.attempts + 1;
      const code = deliveryErrorCode(error);
      const next = new Date(deps.clock.now().getTime() + backoffMs(attempts, deps.random));
      await deps.db.query('UPDATE mail_outbox SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1', [
        row.id,
        attempts,
        next,
        code,
      ]);
      const level = attempts >= MAX_ATTEMPTS ? 'error' : 'warn';
      deps.logger[level]({ ...log, attempts, errorCode: code }, 'mail.delivery_failed');
      return false;
    }
    await deps.db.query('UPDATE mail_outbox SET sent_at = $2, last_error = NULL WHERE id = $1', [
      row.id,
      deps.clock.now(),
    ]);
    deps.logger.info(log, 'mail.sent');
    return true;
  }

  async function deliverPending(options: { limit?: number } = {}): Promise<DeliveryReport> {
    const report = { sent: 0, failed: 0 };
    if (!deps.transport) return report;
    for (const row of await claim(options.limit ?? DEFAULT_LIMIT)) {
      if (await deliverOne(deps.transport, row)) report.sent += 1;
      else report.failed += 1;
    }
    return report;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return; // a slow run is not doubled by the next tick
    running = deliverPending()
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error({ errorCode: deliveryErrorCode(error) }, 'mail.run_failed'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    deliverPending,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
