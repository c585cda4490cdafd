import { domainTable, plain, sealedText } from '../vault/fields.js';
import type { ExitOutcome, InterruptionReason, ReferralEventKind } from '../vault/index.js';

/** The training organisations' sealed table: their declarations, with a detail in free text. */
export const trainingTables = {
  referralEvent: domainTable({
    table: 'referral_events',
    idColumn: 'id',
    fields: { detail: sealedText() },
    plain: {
      referralId: plain<string>('referral_id', 'uuid'),
      kind: plain<ReferralEventKind>('kind', 'text'),
      occurredOn: plain<string>('occurred_on', 'date'),
      declaredBy: plain<string | null>('declared_by', 'uuid'),
      reason: plain<InterruptionReason | null>('reason', 'text'),
      outcome: plain<ExitOutcome | null>('outcome', 'text'),
      daysPresent: plain<number | null>('days_present', 'integer'),
    },
    concerns: {
      record: 'person',
      sql: 'SELECT r.person_id FROM written w JOIN referrals r ON r.id = w.referral_id',
    },
  }),
};
