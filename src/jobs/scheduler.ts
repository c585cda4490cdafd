import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';

/** A job a domain schedules: its name, how often it runs, and what it does. */
export interface ScheduledJob<Deps> {
  /** A stable code: 'candidates.alerts'. */
  name: string;
  everyMs: number;
  /** Runs once; throws to be retried at the next turn. Returns a short count for the logs. */
  run(deps: Deps): Promise<number | void>;
}

/** A run's outcome, for logs and tests: ids and counts, never personal data. */
export interface JobOutcome {
  name: string;
  ok: boolean;
  count?: number;
  error?: string;
}

/** How long a claimed run may take before another process may claim it again. */
const LEASE_MS = 10 * 60_000;

/**
 * Runs the jobs that are due, each in at most one process at a time: a job's row is claimed by
 * one UPDATE that only succeeds while it is due and not leased, so two servers never run it
 * together and a run that died with its process is taken up again when its lease ends. A
 * failing job records its error code and is tried again at its next turn.
 *
 * Hand-written rather than pg-boss or graphile-worker: both need a server connection that
 * PGlite does not offer without a socket bridge, and these few periodic jobs need only this.
 */
export async function runDueJobs<Deps>(
  db: Db,
  clock: Clock,
  jobs: readonly ScheduledJob<Deps>[],
  deps: Deps,
): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const now = clock.now();
    await db.query('INSERT INTO scheduled_jobs (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      job.name,
      now,
    ]);
    const { rows } = await db.query(
      `UPDATE scheduled_jobs SET leased_until = $3
       WHERE name = $1 AND next_run_at <= $2 AND (leased_until IS NULL OR leased_until < $2) RETURNING name`,
      [job.name, now, new Date(now.getTime() + LEASE_MS)],
    );
    if (rows.length === 0) continue;
    try {
      const count = await job.run(deps);
      await finish(db, job, clock, null);
      outcomes.push({ name: job.name, ok: true, ...(typeof count === 'number' ? { count } : {}) });
    } catch (error) {
      const code = error instanceof AppError ? error.code : error instanceof Error ? error.name : 'inconnue';
      await finish(db, job, clock, code);
      outcomes.push({ name: job.name, ok: false, error: code });
    }
  }
  return outcomes;
}

async function finish(db: Db, job: ScheduledJob<unknown>, clock: Clock, error: string | null): Promise<void> {
  const now = clock.now();
  await db.query(
    `UPDATE scheduled_jobs SET leased_until = NULL, last_run_at = $2, next_run_at = $3, last_error = $4
     WHERE name = $1`,
    [job.name, now, new Date(now.getTime() + job.everyMs), error],
  );
}
