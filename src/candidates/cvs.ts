import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { AppError, isAppError } from '../kernel/errors.js';
import type { Random } from '../kernel/random.js';
import type { Actor, ReadPurpose, Vault } from '../vault/index.js';
import { addCv, MAX_CVS, ownCvs } from './candidates.purposes.js';
import { cvRowsOf, deleteCvOf } from './candidates.repo.js';
import { cleanCvPdf, type CvRefusal } from './cv-pdf.js';

/** One CV in a list: what the candidate (or a form that attaches one) shows. */
export interface CvSummary {
  id: string;
  /** The file name the candidate gave it. */
  label: string;
  sizeBytes: number;
  uploadedAt: Date;
}

/** A CV's content, to download. */
export interface CvFile {
  fileName: string;
  bytes: Buffer;
}

type CvDeps = { db: Db; vault: Vault };

/** The person's own id, or none for an actor that is not a candidate. */
function ownPerson(actor: Actor): string | null {
  return actor.kind === 'account' && actor.role === 'candidate' ? actor.personId : null;
}

/** The signed-in candidate's own CVs, newest first: plain sizes and dates, names read through the door. */
export async function listOwnCvs(deps: CvDeps, actor: Actor): Promise<CvSummary[]> {
  const personId = ownPerson(actor);
  if (!personId) return [];
  const rows = await cvRowsOf(deps.db, personId);
  if (rows.length === 0) return [];
  const names = await deps.vault.read(
    actor,
    ownCvs,
    rows.map((row) => row.id),
    { fields: ['fileName'] },
  );
  const byId = new Map(names.map((name) => [name.id, name.fileName]));
  return rows
    .filter((row) => byId.has(row.id))
    .map((row) => ({
      id: row.id,
      label: byId.get(row.id) ?? 'CV.pdf',
      sizeBytes: row.sizeBytes,
      uploadedAt: row.uploadedAt,
    }));
}

/**
 * One CV's name and content through `purpose` (the candidate's own, or a recruiter's read of
 * a CV attached to an application, declared by its domain on record `cv`): a logged read of the
 * door. Null when the purpose's scope does not reach it, exactly as when it does not exist.
 */
export async function readCv(
  vault: Vault,
  actor: Actor,
  purpose: ReadPurpose<'cv', 'fileName' | 'content'>,
  cvId: string,
): Promise<CvFile | null> {
  const [cv] = await vault.read(actor, purpose, [cvId]);
  if (!cv?.content) return null;
  return { fileName: cv.fileName ?? 'CV.pdf', bytes: Buffer.from(cv.content, 'base64') };
}

/** The candidate downloads one of their own CVs. */
export function downloadOwnCv(deps: CvDeps, actor: Actor, cvId: string): Promise<CvFile | null> {
  return readCv(deps.vault, actor, ownCvs, cvId);
}

/** A file name fit to keep and to send back: no path, no control character, ending in .pdf. */
export function cvFileName(given: string): string {
  const base = given.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f && char !== '"')
    .join('')
    .trim()
    .slice(0, 120);
  const named = clean.length > 0 ? clean : 'CV';
  return /\.pdf$/i.test(named) ? named : `${named}.pdf`;
}

/**
 * Adds a CV for the signed-in candidate: checked as a PDF by its content, stripped of its
 * metadata, then sealed through the door (content and name). Refused, with the reason the page
 * shows, when it is not a usable PDF or when five are already kept.
 */
export async function addOwnCv(
  deps: CvDeps & { clock: Clock; random: Random },
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
): Promise<{ ok: true; id: string } | { ok: false; refusal: CvRefusal | 'full' }> {
  const personId = ownPerson(actor);
  if (!personId) throw new AppError('FORBIDDEN', 'not a candidate');
  if ((await cvRowsOf(deps.db, personId)).length >= MAX_CVS) return { ok: false, refusal: 'full' };
  const cleaned = await cleanCvPdf(file.bytes);
  if (!cleaned.ok) return cleaned;
  const id = deps.random.uuid();
  const row = {
    id,
    personId,
    fileName: cvFileName(file.name),
    content: Buffer.from(cleaned.bytes).toString('base64'),
    sizeBytes: cleaned.bytes.length,
    uploadedAt: deps.clock.now(),
  };
  try {
    await deps.vault.write(actor, addCv, [row]);
  } catch (error) {
    // The scope holds the cap of five; against uploads at the same moment, the trigger of
    // migration 0017 does (a check violation).
    if (isAppError(error) && error.code === 'FORBIDDEN') return { ok: false, refusal: 'full' };
    if ((error as { code?: unknown }).code === '23514') return { ok: false, refusal: 'full' };
    throw error;
  }
  return { ok: true, id };
}

/** Deletes one of the candidate's own CVs; false for anyone else's, as for one that does not exist. */
export async function deleteOwnCv(deps: CvDeps, actor: Actor, cvId: string): Promise<boolean> {
  const personId = ownPerson(actor);
  return personId ? deleteCvOf(deps.db, personId, cvId) : false;
}
