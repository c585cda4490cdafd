import type { Db } from '../db/client.js';
import { access, type Web } from '../http/kit/index.js';
import { html, type AppMode, type SafeHtml } from '../ui/index.js';
import type { MintLink } from '../identity/links.js';
import type { Clock } from '../kernel/clock.js';
import { platformActor, type Actor, type Vault } from '../vault/index.js';
import { fromLoopback } from './loopback.js';
import { demoMailbox } from './mail.purposes.js';
import { composeForDelivery } from './mint.js';
import { MailParamsError } from './params.js';
import { blocksToHtml, checkQueuedMail, composeMail, type MailContent } from './render.js';
import { MAX_ATTEMPTS } from './retry.js';

/** What the demo mailbox reads from. */
export interface DemoMailboxDeps {
  mode: AppMode;
  db: Db;
  clock: Clock;
  vault: Pick<Vault, 'read'>;
  /** Mints a message's single-use link when the mailbox receives it (see mint.ts). */
  mintLink: MintLink;
}

/** The page's address; it exists in demo mode only. */
export const DEMO_MAILBOX_PATH = '/demo/boite-mail';

const SHOWN = 100;
const mailboxActor: Actor = platformActor('demo-mailbox');
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const LINK_NOT_KEPT =
  'Ce message portait un lien à usage unique. Il ne s’affiche qu’à la remise du message et n’est gardé nulle part ensuite : au besoin, demandez un nouveau lien.';

interface OutboxRow {
  id: string;
  account_id: string;
  template: string;
  params: Record<string, unknown>;
  created_at: Date;
  sent_at: Date | null;
  attempts: number;
}

/** One message as the page shows it: only the fields named here reach the template. */
interface MessageView {
  to: string;
  createdAt: string;
  status: string;
  content: MailContent | null;
}

/**
 * In demo mode, adds GET /demo/boite-mail: the outbox, newest first, as each recipient would
 * read it, so the sign-up, invitation and reset links can be followed without an SMTP server.
 * The page is where those messages are delivered: a message not yet sent is marked sent when
 * the page first shows it, and its link is minted then. The link is kept in this process's
 * memory only, to show it again on reload, never in the database (issue 8, item 3).
 * Only a client on the server's own machine sees it (`fromLoopback`); others get a 404.
 * In production the route is not registered at all, so it answers 404 like any unknown page.
 * Each address shown is read through the vault, and so logged (purpose 'demo.mailbox').
 */
export function registerDemoMailbox(web: Web, deps: DemoMailboxDeps): void {
  if (deps.mode !== 'demo') return;
  const delivered = new Map<string, MailContent>();
  web.page(DEMO_MAILBOX_PATH, { access: access.public() }, async (request, reply) => {
    // Every recipient's address and live links: for the person at the server only (issue 8,
    // item 4). Anyone else gets the catalogue's 404, as for a page that does not exist.
    if (!fromLoopback(request)) return reply.callNotFound();
    const messages = await loadMessages(deps, delivered);
    // The page holds live sign-in links: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return reply.page({ title: 'Boîte mail de démonstration', main: mailboxMain(messages) });
  });
}

async function loadMessages(deps: DemoMailboxDeps, delivered: Map<string, MailContent>): Promise<MessageView[]> {
  const { rows } = await deps.db.query<OutboxRow>(
    `SELECT id, account_id, template, params, created_at, sent_at, attempts FROM mail_outbox
     ORDER BY created_at DESC, id DESC LIMIT $1`,
    [SHOWN],
  );
  const ids = new Set(rows.map((row) => row.id));
  for (const id of delivered.keys()) if (!ids.has(id)) delivered.delete(id);
  for (const row of rows) if (!row.sent_at) await deliverHere(deps, row, delivered);
  // One audited read for all the recipients shown, not one per message.
  const recipients = [...new Set(rows.map((row) => row.account_id))];
  const contacts = await deps.vault.read(mailboxActor, demoMailbox, recipients);
  const addresses = new Map(contacts.map((contact) => [contact.id, contact.email ?? 'destinataire inconnu']));
  const views: MessageView[] = [];
  for (const row of rows) {
    views.push({
      to: addresses.get(row.account_id) ?? '',
      createdAt: dateTime.format(new Date(row.created_at)),
      status: statusOf(row),
      content: delivered.get(row.id) ?? contentOf(row),
    });
  }
  return views;
}

/**
 * Delivers one message to this page, as the SMTP mailer would: one transaction claims it (a
 * message another process is sending, or gave up on, is left alone) and mints its link, so
 * two viewers cannot both deliver it. A message that cannot be rendered stays in the outbox.
 */
async function deliverHere(deps: DemoMailboxDeps, row: OutboxRow, delivered: Map<string, MailContent>) {
  const now = deps.clock.now();
  try {
    const content = await deps.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `UPDATE mail_outbox SET sent_at = $2, last_error = NULL
         WHERE id = $1 AND sent_at IS NULL AND next_attempt_at <= $2 AND attempts < $3 RETURNING id`,
        [row.id, now, MAX_ATTEMPTS],
      );
      return claimed.rows.length === 0 ? null : composeForDelivery(tx, row, deps.mintLink);
    });
    if (!content) return;
    delivered.set(row.id, content);
    row.sent_at = now;
  } catch (error) {
    if (!(error instanceof MailParamsError)) throw error;
  }
}

function statusOf(row: OutboxRow): string {
  if (row.sent_at) return `remis le ${dateTime.format(new Date(row.sent_at))}`;
  if (row.attempts > 0) return `non remis (${row.attempts} tentative${row.attempts > 1 ? 's' : ''} en échec)`;
  return 'non remis : reste dans la boîte d’envoi';
}

/** A message this process did not deliver: its words, but never a link (none is kept). */
function contentOf(row: OutboxRow): MailContent | null {
  try {
    const spec = checkQueuedMail(row.template, row.params);
    if (spec.link) return { subject: spec.subject, blocks: [LINK_NOT_KEPT] };
    return composeMail(row.template, row.params);
  } catch {
    return null;
  }
}

function mailboxMain(messages: readonly MessageView[]): SafeHtml {
  return html`<h1>Boîte mail de démonstration</h1>
    <div class="fr-callout fr-mb-4w">
      <p class="fr-callout__text">
        Boîte de démonstration : en production, les messages partent par SMTP. Un message arrive ici la première fois
        que cette page l’affiche ; son lien à usage unique est créé à ce moment et n’est gardé qu’en mémoire, jusqu’à
        l’arrêt du serveur, jamais dans la base de données.
      </p>
    </div>
    ${
      messages.length === 0
        ? html`<p>Aucun message pour l’instant.</p>`
        : html`<p>${messages.length} message${messages.length > 1 ? 's' : ''}, du plus récent au plus ancien.</p>
            <ul class="fr-raw-list">
              ${messages.map((message) => html`<li class="fr-mb-4w">${messageArticle(message)}</li>`)}
            </ul>`
    }`;
}

function messageArticle(message: MessageView): SafeHtml {
  return html`<article class="fr-p-3w fr-background-alt--grey">
    <h2 class="fr-h5">${message.content?.subject ?? 'Message illisible (modèle inconnu ou paramètres invalides)'}</h2>
    <dl>
      <dt class="fr-text--bold">Destinataire</dt>
      <dd>${message.to}</dd>
      <dt class="fr-text--bold">Date</dt>
      <dd>${message.createdAt}</dd>
      <dt class="fr-text--bold">État</dt>
      <dd>${message.status}</dd>
    </dl>
    ${message.content ? html`<div class="fr-mt-2w">${blocksToHtml(message.content.blocks)}</div>` : null}
  </article>`;
}
