import type { Db } from '../db/client.js';
import { access, type Web } from '../http/kit/index.js';
import { html, type AppMode, type SafeHtml } from '../ui/index.js';
import type { Actor, Vault } from '../vault/index.js';
import { blocksToHtml, composeMail, type MailContent } from './render.js';

/** What the demo mailbox reads from. */
export interface DemoMailboxDeps {
  mode: AppMode;
  db: Db;
  vault: Pick<Vault, 'readAccountContact'>;
}

/** The page's address; it exists in demo mode only. */
export const DEMO_MAILBOX_PATH = '/demo/boite-mail';

const SHOWN = 100;
const mailboxActor: Actor = { kind: 'system', task: 'demo.mailbox' };
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
export function registerDemoMailbox(web: Web, deps: DemoMailboxDeps): void {
  if (deps.mode !== 'demo') return;
  web.page(DEMO_MAILBOX_PATH, { access: access.public() }, async (_request, reply) => {
    const messages = await loadMessages(deps);
    // The page holds live sign-in links: no cache may keep it.
    reply.header('cache-control', 'no-store');
    return reply.page({ title: 'Boîte mail de démonstration', main: mailboxMain(messages) });
  });
}

async function loadMessages(deps: DemoMailboxDeps): Promise<MessageView[]> {
  const { rows } = await deps.db.query<OutboxRow>(
    `SELECT id, account_id, template, params, created_at, sent_at, attempts FROM mail_outbox
     ORDER BY created_at DESC, id DESC LIMIT $1`,
    [SHOWN],
  );
  // One audited read per recipient, not per message.
  const addresses = new Map<string, string>();
  const views: MessageView[] = [];
  for (const row of rows) {
    if (!addresses.has(row.account_id)) {
      const contact = await deps.vault.readAccountContact(mailboxActor, row.account_id, 'demo.mailbox');
      addresses.set(row.account_id, contact?.email ?? 'destinataire inconnu');
    }
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
