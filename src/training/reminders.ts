import type { JobDeps } from '../jobs.js';
import type { ScheduledJob } from '../jobs/index.js';
import { today } from './deps.js';
import { duesByOrganisation } from './dues.repo.js';

/**
 * The daily reminder of the declarations an organisation owes (each due within three days,
 * training.policy.ts): one message a day to each active user and RGC of an organisation with
 * declarations due or overdue. The message names nobody (the outbox is outside the vault): it
 * says there is work, and where. A row per organisation and day makes it once a day, whichever
 * process runs the job, on either engine.
 */
export async function sendDeclarationReminders(deps: Pick<JobDeps, 'platform' | 'notify'>): Promise<number> {
  const { db, clock } = deps.platform;
  const day = today({ clock });
  let sent = 0;
  for (const { organisationId, due, overdue } of await duesByOrganisation(db, day)) {
    sent += await db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO declaration_reminders (organisation_id, day, due, overdue, sent_to) VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT DO NOTHING RETURNING organisation_id`,
        [organisationId, day, due, overdue],
      );
      if (claimed.rows.length === 0) return 0;
      const { rows } = await tx.query<{ id: string }>(
        `SELECT id FROM accounts WHERE organisation_id = $1 AND role IN ('of_user', 'of_manager') AND status = 'active'
         ORDER BY id`,
        [organisationId],
      );
      for (const { id } of rows) {
        await deps.notify(tx, id, overdue > 0 ? 'declarations_overdue' : 'declarations_due', {});
      }
      await tx.query('UPDATE declaration_reminders SET sent_to = $3 WHERE organisation_id = $1 AND day = $2', [
        organisationId,
        day,
        rows.length,
      ]);
      return rows.length;
    });
  }
  return sent;
}

/** Runs every 10 minutes; sends at most once a day per organisation. */
export const declarationReminders: ScheduledJob<JobDeps> = {
  name: 'training.declaration_reminders',
  everyMs: 10 * 60_000,
  run: (deps) => sendDeclarationReminders(deps),
};
