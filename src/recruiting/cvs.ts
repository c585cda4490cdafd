import { listOwnCvs, readCv, type CvFile } from '../candidates/index.js';
import { AppError } from '../kernel/errors.js';
import type { Choice } from '../ui/index.js';
import type { Actor } from '../vault/index.js';
import type { RecruitingDeps } from './deps.js';
import { readApplicationCv } from './recruiting.purposes.js';
import { ownApplication } from './review.js';

/*
 * CVs belong to the candidates domain (h7, migration 0011): a candidate attaches one of their
 * own to an application; the recruiter downloads the one attached, as a logged read of the door
 * through recruiting's own purpose on record `cv`.
 */

const size = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} Ko`;

/** The candidate's own CVs, as choices of the application form. */
export async function ownCvChoices(deps: RecruitingDeps, actor: Actor): Promise<Choice[]> {
  return (await listOwnCvs(deps, actor)).map((cv) => ({
    value: cv.id,
    label: cv.label,
    hint: `PDF, ${size(cv.sizeBytes)}`,
  }));
}

/** Whether `cvId` is one of the candidate's own CVs. */
export async function ownsCv(deps: RecruitingDeps, actor: Actor, cvId: string): Promise<boolean> {
  return (await listOwnCvs(deps, actor)).some((cv) => cv.id === cvId);
}

/** The CV attached to one of the employer's applications; NOT_FOUND otherwise (another employer's included). */
export async function applicationCv(deps: RecruitingDeps, actor: Actor, applicationId: string): Promise<CvFile> {
  const row = await ownApplication(deps, actor, applicationId);
  const file = row.cv_id ? await readCv(deps.vault, actor, readApplicationCv, row.cv_id) : null;
  if (!file) throw new AppError('NOT_FOUND', 'cv');
  return file;
}

/** A file name in a Content-Disposition header (RFC 6266), its accents kept through RFC 8187. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
