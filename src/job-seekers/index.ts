/* What other parts of the platform may use of the job seeker's space. */
export { registerJobSeekerRoutes } from './routes/job-seekers.routes.js';
export { jobSeekerSections } from './privacy.js';
