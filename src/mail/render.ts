import { html, toHtmlString, type SafeHtml } from '../ui/html.js';
import { checkParams, displayParam, isLink, MailParamsError } from './params.js';
import { closing, isTemplateName, templates, type Block, type TemplateSpec } from './templates.js';

/** A message ready to send: the same words as plain text and as simple HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A message as its subject and paragraphs, for the demo mailbox to lay out. */
export interface MailContent {
  subject: string;
  blocks: Block[];
}

/**
 * The template's spec, once its queued parameters are checked: what `enqueueMail` accepts.
 * Throws {@link MailParamsError} for an unknown template or parameters that do not fit.
 */
export function checkQueuedMail(template: string, params: Readonly<Record<string, unknown>>): TemplateSpec {
  if (!isTemplateName(template)) throw new MailParamsError(`Modèle de message inconnu : ${template}.`);
  const spec: TemplateSpec = templates[template];
  checkParams(template, spec.params, params);
  return spec;
}

/**
 * Checks the parameters against the template and builds its paragraphs, closing included.
 * `link` is the single-use link minted at delivery: required by a template that carries one,
 * refused by the others. Throws {@link MailParamsError} when anything does not fit.
 */
export function composeMail(template: string, params: Readonly<Record<string, unknown>>, link?: string): MailContent {
  const spec = checkQueuedMail(template, params);
  if (spec.link ? link === undefined || !isLink(link) : link !== undefined) {
    throw new MailParamsError(`${template} : lien ${spec.link ? 'manquant ou invalide' : 'inattendu'}.`);
  }
  const shown = Object.fromEntries(
    Object.entries(spec.params).map(([name, kind]) => [name, displayParam(kind, params[name] as string)]),
  );
  return { subject: spec.subject, blocks: [...spec.body(shown, link ?? ''), ...closing] };
}

/** Renders a message as plain text and HTML. Every parameter is escaped in the HTML. */
export function renderMail(template: string, params: Readonly<Record<string, unknown>>, link?: string): RenderedMail {
  return renderContent(composeMail(template, params, link));
}

/** A composed message as plain text and HTML. */
export function renderContent({ subject, blocks }: MailContent): RenderedMail {
  return { subject, text: blocksToText(blocks), html: toHtmlString(mailDocument(subject, blocks)) };
}

/** The paragraphs as plain text: a link is its label, then the address alone on its line. */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map((block) => (typeof block === 'string' ? block : `${block.label} :\n${block.href}`)).join('\n\n');
}

/**
 * The paragraphs as HTML. A link also shows its address in clear, so a reader can see where it
 * leads before opening it (and copy it when the mail client hides links).
 */
export function blocksToHtml(blocks: readonly Block[]): SafeHtml {
  return html`${blocks.map((block) =>
    typeof block === 'string'
      ? html`<p>${block}</p>`
      : html`<p><a href="${block.href}">${block.label}</a><br />${block.href}</p>`,
  )}`;
}

function mailDocument(subject: string, blocks: readonly Block[]): SafeHtml {
  return html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body>
        ${blocksToHtml(blocks)}
      </body>
    </html> `;
}
