/*
 * What other domains may use of the candidate's space: a candidate's own CVs (to attach one to
 * an application), and one CV's content through the caller's own purpose on record `cv` (a
 * recruiter's download of the CV attached to an application: a logged read of the door).
 */
export { listOwnCvs, readCv, type CvFile, type CvSummary } from './cvs.js';
export { MAX_CVS } from './candidates.purposes.js';
export { MAX_CV_BYTES } from './cv-pdf.js';
export { registerCandidatesRoutes } from './routes/candidates.routes.js';
export { candidateCareerSection, candidateCvSection, candidateProfileSection } from './privacy.section.js';
