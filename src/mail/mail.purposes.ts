import { readPurpose, type AnyPurpose } from '../vault/index.js';

/** The mailer addresses a message to its account at delivery: the outbox holds no address. */
export const deliverMail = readPurpose({
  name: 'mail.deliver',
  record: 'account',
  roles: 'platform',
  subject: 'none',
  fields: ['email', 'displayName'],
  scope: 'SELECT id FROM accounts WHERE id = ANY(:ids)',
  pageCap: 50,
});

/** In demo mode, the mailbox on the loopback shows the messages the platform would have sent. */
export const demoMailbox = readPurpose({
  name: 'mail.demo_mailbox',
  record: 'account',
  roles: 'platform',
  subject: 'none',
  fields: ['email'],
  scope: 'SELECT id FROM accounts WHERE id = ANY(:ids)',
  pageCap: 100,
});

export const mailPurposes: readonly AnyPurpose[] = [deliverMail, demoMailbox];
