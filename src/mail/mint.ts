import type { Queryable } from '../db/client.js';
import type { MintLink } from '../identity/links.js';
import { checkQueuedMail, composeMail, type MailContent } from './render.js';

/** What delivery needs of a queued message. */
export interface QueuedMail {
  account_id: string;
  template: string;
  params: Record<string, unknown>;
}

/**
 * A queued message as it leaves: a reset, verification or invitation message gets its
 * single-use link now, and the link goes nowhere but into the message. The outbox only ever
 * says which link to mint, so a copy of the database (files, dump, backup) opens nothing:
 * DESIGN.md, "usable secrets in a dump: 0" (issue 8, item 3). The parameters are checked first,
 * so a message that cannot be rendered mints nothing. Minting supersedes the account's
 * earlier unused link of the same purpose: if a delivery is retried, only the link of the
 * message that last left works.
 */
export async function composeForDelivery(q: Queryable, row: QueuedMail, mintLink: MintLink): Promise<MailContent> {
  const spec = checkQueuedMail(row.template, row.params);
  const link = spec.link ? await mintLink(q, { accountId: row.account_id, purpose: spec.link }) : undefined;
  return composeMail(row.template, row.params, link);
}
