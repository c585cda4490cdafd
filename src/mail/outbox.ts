import type { Queryable } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { checkQueuedMail } from './render.js';
import type { TemplateName } from './templates.js';

/** A message to queue: to an account (never an address), by template, with its parameters. */
export interface OutgoingMail {
  id: string;
  accountId: string;
  template: TemplateName;
  /**
   * Dates, device labels, role and change codes: never personal data, never a secret. A
   * message's single-use link is minted at delivery, so it is not a parameter.
   */
  params: Record<string, string>;
  /** When it is queued, from the caller's clock; the database's clock otherwise. */
  at?: Date;
}

/**
 * Queues a message in the outbox, inside the caller's transaction when `q` is one: the notice
 * of a password change is queued if, and only if, the change commits. The parameters are
 * checked against the template first (they must fit it exactly and hold no '@'), so a message
 * that could not be rendered, or that would put personal data in the outbox, is refused here.
 * The recipient's address is looked up through the vault, and a link minted, only at delivery.
 */
export async function enqueueMail(q: Queryable, message: OutgoingMail): Promise<void> {
  checkQueuedMail(message.template, message.params);
  await q.query(
    `INSERT INTO mail_outbox (id, account_id, template, params, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4::jsonb, coalesce($5::timestamptz, now()), coalesce($5::timestamptz, now()))`,
    [message.id, message.accountId, message.template, JSON.stringify(message.params), message.at ?? null],
  );
}

/** How the identity flows send a notice (see `Notify` in src/identity/login/deps.ts). */
export type NotifyAccount = (
  q: Queryable,
  accountId: string,
  template: string,
  params: Record<string, string>,
) => Promise<void>;

/**
 * The notice sender the composition root hands to other domains: queues a message with a fresh
 * id and the injected clock's time. An unknown template name is refused like bad parameters.
 */
export function createNotify(deps: { clock: Clock; random: Random }): NotifyAccount {
  return (q, accountId, template, params) =>
    enqueueMail(q, {
      id: deps.random.uuid(),
      accountId,
      template: template as TemplateName,
      params,
      at: deps.clock.now(),
    });
}
