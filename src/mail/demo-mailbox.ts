import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.js';
import { html, type SafeHtml } from '../http/html.js';
import { renderPage, type AppMode } from '../http/layout.js';
import { platformActor, type Actor, type Vault } from '../vault/index.js';
import { demoMailbox } from './mail.purposes.js';
import { blocksToHtml, composeMail, type MailContent } from './render.js';

/** What the demo mailbox reads from. */
export interface DemoMailboxDeps {
  mode: AppMode;
  db: Db;
  vault: Pick<Vault, 'read'>;
}

/** The page's address; it exists in demo mode only. */
export const DEMO_MAILBOX_PATH = '/demo/boite-mail';

const SHOWN = 100;
const mailboxActor: Actor = platformActor('demo-mailbox');
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

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
 * In production the route is not registered at all, so it answers 404 like any unknown page.
 * Each address shown is read through the vault, and so logged (purpose 'demo.mailbox').
 */
export function registerDemoMailbox(app: FastifyInstance, deps: DemoMailboxDeps): void {
  if (deps.mode !== 'demo') return;
  app.get(
    DEMO_MAILBOX_PATH,
    { schema: { hide: true }, config: { access: { level: 'public' } } },
    async (_request, reply) => {
      const messages = await loadMessages(deps);
      // The page holds live sign-in links: no cache may keep it.
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderPage({ title: 'Boîte mail de démonstration', main: mailboxMain(messages) }, deps.mode));
    },
  );
}

async function loadMessages(deps: DemoMailboxDeps): Promise<MessageView[]> {
  const { rows } = await deps.db.query<OutboxRow>(
    `SELECT id, account_id, template, params, created_at, sent_at, attempts FROM mail_outbox
     ORDER BY created_at DESC, id DESC LIMIT $1`,
    [SHOWN],
  );
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
      content: contentOf(row),
    });
  }
  return views;
}

function statusOf(row: OutboxRow): string {
  if (row.sent_at) return `envoyé le ${dateTime.format(new Date(row.sent_at))}`;
  if (row.attempts > 0) return `non envoyé (${row.attempts} tentative${row.attempts > 1 ? 's' : ''} en échec)`;
  return 'non envoyé : reste dans la boîte d’envoi';
}

function contentOf(row: OutboxRow): MailContent | null {
  try {
    return composeMail(row.template, row.params);
  } catch {
    return null;
  }
}

function mailboxMain(messages: readonly MessageView[]): SafeHtml {
  return html`<h1>Boîte mail de démonstration</h1>
    <div class="fr-callout fr-mb-4w">
      <p class="fr-callout__text">Boîte de démonstration : en production, les messages partent par SMTP.</p>
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
