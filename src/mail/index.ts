/*
 * Mail: an outbox in the database, French templates, delivery over SMTP with nodemailer. The
 * outbox names an account, never an address; the address is read through the vault (and so
 * logged) only when a message is delivered or shown in the demo mailbox; a message's single-use
 * link is minted then too, and never stored.
 */
export { enqueueMail, createNotify, type OutgoingMail, type NotifyAccount } from './outbox.js';
export { createMailer, type Mailer, type MailerDeps, type DeliveryReport } from './mailer.js';
export {
  createSmtpTransport,
  parseSmtpUrl,
  smtpUrlSchema,
  mailFromSchema,
  DEFAULT_MAIL_FROM,
  type SmtpSettings,
} from './smtp.js';
export { registerDemoMailbox, DEMO_MAILBOX_PATH, type DemoMailboxDeps } from './demo-mailbox.js';
export { templates, isTemplateName, type TemplateName, type Block } from './templates.js';
export { renderMail, composeMail, type RenderedMail, type MailContent } from './render.js';
export { MailParamsError, mfaChangeLabels, type MfaChange, type ParamKind } from './params.js';
export { MAX_ATTEMPTS } from './retry.js';
