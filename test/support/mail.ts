import type { FastifyInstance } from 'fastify';
import type { Transporter } from 'nodemailer';
import { DEMO_MAILBOX_PATH } from '../../src/mail/index.js';

/** One message as the demo mailbox shows it. */
export interface ShownMail {
  to: string;
  subject: string;
  links: string[];
}

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Opens the demo mailbox as a person on the server's own machine would (loopback), once the
 * forms' queued work is done, which delivers the messages waiting and mints their links, and
 * returns what it shows.
 */
export async function openMailbox(app: FastifyInstance): Promise<ShownMail[]> {
  await app.afterReply.drain(); // the forms' lookups run after their answers
  const page = await app.inject({ url: DEMO_MAILBOX_PATH, remoteAddress: '127.0.0.1' });
  if (page.statusCode !== 200) throw new Error(`boîte de démonstration : ${page.statusCode}`);
  return page.body
    .split('<article')
    .slice(1)
    .map((article) => ({
      to: unescape(/<dd>([^<]*)<\/dd>/.exec(article)?.[1] ?? ''),
      subject: unescape(/<h2 class="fr-h5">([^<]*)<\/h2>/.exec(article)?.[1] ?? ''),
      links: [...article.matchAll(/<a href="([^"]+)">/g)].map((match) => unescape(match[1]!)),
    }));
}

/** The link in the newest message to `to` whose subject contains `subject`. */
export async function linkFromMailbox(app: FastifyInstance, to: string, subject: string): Promise<string> {
  const mail = (await openMailbox(app)).find((shown) => shown.to === to && shown.subject.includes(subject));
  const link = mail?.links[0];
  if (!link) throw new Error(`aucun lien « ${subject} » dans la boîte de démonstration`);
  return link;
}

/** A mail as a transport received it. */
export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
}

/** A transport that keeps what it is given, for mailer tests that need no SMTP server. */
export function captureTransport(): { transport: Transporter; sent: CapturedMail[] } {
  const sent: CapturedMail[] = [];
  const transport = {
    sendMail: async (mail: CapturedMail) => {
      sent.push({ to: mail.to, subject: mail.subject, text: mail.text });
      return { messageId: String(sent.length) };
    },
  } as unknown as Transporter;
  return { transport, sent };
}
