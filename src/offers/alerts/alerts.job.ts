import type { JobDeps } from '../../jobs.js';
import type { ScheduledJob } from '../../jobs/index.js';
import { storedCriteria } from '../criteria.js';
import { countNewMatches, markAlerted, searchesToAlert } from './saved-searches.repo.js';

const BATCH = 200;

/**
 * Saved-search alerts: for each candidate's saved search, the published offers that match it
 * and appeared since its last alert; one e-mail per search that has some, through the outbox,
 * queued in the same transaction as the search's new watermark, so a crash neither loses an
 * alert nor sends it twice. The mail names a count, never the criteria (what a person looks
 * for is theirs: the outbox is a plain table). Plain SQL, the same on both engines; acts as
 * the platform, and reads no personal data.
 */
export const offerAlertsJob: ScheduledJob<JobDeps> = {
  name: 'offers.alerts',
  everyMs: 15 * 60_000,
  async run({ platform, notify }) {
    const { db, clock } = platform;
    const until = clock.now();
    let sent = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await searchesToAlert(db, after, BATCH);
      for (const search of batch) {
        const criteria = storedCriteria.safeParse(search.criteria);
        if (!criteria.success) continue;
        const count = await countNewMatches(db, criteria.data, { since: search.alerted_up_to, until });
        await db.transaction(async (tx) => {
          if (count > 0) await notify(tx, search.account_id, 'offer_alert', { count: String(count) });
          await markAlerted(tx, search.id, until);
        });
        if (count > 0) sent += 1;
      }
      if (batch.length < BATCH) return sent;
      after = batch[batch.length - 1]!.id;
    }
  },
};
