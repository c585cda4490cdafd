import type { Logger } from 'pino';
import type { ScheduledJob } from './jobs/index.js';
import type { NotifyAccount } from './mail/index.js';
import type { Platform } from './platform.js';
import { offerAlertsJob } from './offers/index.js';
import { declarationReminders } from './training/index.js';

/** What a scheduled job gets: the platform, a way to queue mail, a logger. */
export interface JobDeps {
  platform: Platform;
  notify: NotifyAccount;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * Every domain's scheduled jobs, as `rempart serve` runs them (src/serve.ts, every 30 s). A
 * domain adds its own here; each acts as the platform, through purposes of its own.
 */
export const allJobs: readonly ScheduledJob<JobDeps>[] = [offerAlertsJob, declarationReminders];
