import { html, toHtmlString, type SafeHtml } from '../ui/html.js';
import { checkParams, displayParam, MailParamsError } from './params.js';
import { closing, isTemplateName, templates, type Block } from './templates.js';

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
 * Checks the parameters against the template and builds its paragraphs, closing included.
 * Throws {@link MailParamsError} for an unknown template or parameters that do not fit.
 */
export function composeMail(template: string, params: Readonly<Record<string, unknown>>): MailContent {
  if (!isTemplateName(template)) throw new MailParamsError(`Modèle de message inconnu : ${template}.`);
  const spec = templates[template];
  checkParams(template, spec.params, params);
  const shown = Object.fromEntries(
    Object.entries(spec.params).map(([name, kind]) => [name, displayParam(kind, params[name] as string)]),
  );
  return { subject: spec.subject, blocks: [...spec.body(shown), ...closing] };
}

/** Renders a message as plain text and HTML. Every parameter is escaped in the HTML. */
export function renderMail(template: string, params: Readonly<Record<string, unknown>>): RenderedMail {
  const { subject, blocks } = composeMail(template, params);
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
