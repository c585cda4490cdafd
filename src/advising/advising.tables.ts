import { domainTable, plain, sealedText } from '../vault/fields.js';

/** The advisors' sealed table: a referral, with the advisor's note for the training organisation. */
export const advisingTables = {
  referral: domainTable({
    table: 'referrals',
    idColumn: 'id',
    // The note (migration 0014): free text about the person.
    fields: { note: sealedText() },
    plain: {
      sessionId: plain<string>('session_id', 'uuid'),
      personId: plain<string>('person_id', 'uuid'),
      referredBy: plain<string | null>('referred_by', 'uuid'),
      referredAt: plain<Date>('referred_at', 'timestamptz'),
    },
    concerns: { record: 'person', sql: 'SELECT person_id FROM written' },
  }),
};
