export { runDueJobs, type JobOutcome, type ScheduledJob } from './scheduler.js';
