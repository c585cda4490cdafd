-- Scheduled jobs (saved-search alerts, declaration reminders…): one row per job, claimed by one
-- process at a time with a lease, so several servers share them and a crashed run is retried
-- once its lease ends. Plain SQL on both engines; no job holds personal data here.
CREATE TABLE scheduled_jobs (
  name text PRIMARY KEY,
  next_run_at timestamptz NOT NULL,
  leased_until timestamptz,
  last_run_at timestamptz,
  last_error text
);
