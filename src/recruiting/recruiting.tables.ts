import { domainTable, plain, sealedText } from '../vault/fields.js';
import type { ApplicationStatus } from '../vault/index.js';

/** Recruiting's sealed tables: an application's message, and the messages of its history. */
export const recruitingTables = {
  application: domainTable({
    table: 'applications',
    idColumn: 'id',
    fields: { message: sealedText() },
    plain: {
      offerId: plain<string>('offer_id', 'uuid'),
      personId: plain<string>('person_id', 'uuid'),
      status: plain<ApplicationStatus>('status', 'text'),
      submittedAt: plain<Date>('submitted_at', 'timestamptz'),
      cvId: plain<string | null>('cv_id', 'uuid'),
    },
    concerns: { record: 'person', sql: 'SELECT person_id FROM written' },
  }),
  applicationEvent: domainTable({
    table: 'application_events',
    idColumn: 'id',
    fields: { body: sealedText() },
    plain: {
      applicationId: plain<string>('application_id', 'uuid'),
      kind: plain<'status' | 'message'>('kind', 'text'),
      status: plain<ApplicationStatus | null>('status', 'text'),
      refusalReason: plain<string | null>('refusal_reason', 'text'),
      authorId: plain<string | null>('author_id', 'uuid'),
      createdAt: plain<Date>('created_at', 'timestamptz'),
    },
    concerns: {
      record: 'person',
      sql: 'SELECT a.person_id FROM written w JOIN applications a ON a.id = w.application_id',
    },
  }),
};
