import { PDFDocument, StandardFonts } from 'pdf-lib';
import { seedCvs } from '../candidates/candidates.purposes.js';
import type { Db } from '../db/client.js';
import type { Vault } from '../vault/index.js';
import { seedActor } from './actor.js';
import type { Rng } from './rng.js';

const SHOWCASE_CAREER = [
  '2019 – aujourd’hui : adjoint administratif, mairie',
  '2015 – 2019 : agent d’accueil, caisse d’allocations familiales',
];
const POSTS = [
  'gestionnaire administratif, conseil départemental',
  'assistant de gestion, centre hospitalier',
  'agent d’accueil, préfecture',
  'secrétaire, collège',
  'technicien informatique, rectorat',
  'comptable, communauté de communes',
  'aide-soignant, EHPAD public',
  'agent d’entretien des espaces verts, mairie',
];
const DEGREES = [
  'Baccalauréat professionnel',
  'BTS Support à l’action managériale',
  'Licence professionnelle',
  'DUT Gestion',
];

/** A one-page CV in PDF, with no metadata: a heading, a career and a degree. */
async function demoCvPdf(heading: string, career: readonly string[], degree: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = [heading, '', 'Expérience', ...career, '', 'Formation', degree];
  lines.forEach((line, index) =>
    page.drawText(line, { x: 56, y: 780 - index * 22, size: index === 0 ? 18 : 12, font }),
  );
  return doc.save({ useObjectStreams: false });
}

/** Gives the showcase candidate one CV, so that « Mes CV » and an application have one to show. */
export async function seedDemoCv(
  vault: Vault,
  candidate: { personId: string; fullName: string; cvId: string },
  at: Date,
): Promise<void> {
  const bytes = await demoCvPdf(candidate.fullName, SHOWCASE_CAREER, 'Licence d’administration publique');
  await vault.write(seedActor, seedCvs, [
    {
      id: candidate.cvId,
      personId: candidate.personId,
      fileName: 'CV.pdf',
      content: Buffer.from(bytes).toString('base64'),
      sizeBytes: bytes.length,
      uploadedAt: at,
    },
  ]);
}

/**
 * Gives each person who applied to the demo employer's offers a CV, named in their
 * applications, so that the recruiter's « Télécharger le CV » has something to open (each
 * download a logged read). The CV names nobody: names stay in the people's envelopes.
 */
export async function seedApplicantCvs(
  db: Db,
  vault: Vault,
  input: { employerId: string; rng: Rng; at: Date },
): Promise<number> {
  const { rows } = await db.query<{ person_id: string }>(
    `SELECT DISTINCT a.person_id FROM applications a JOIN offers o ON o.id = a.offer_id
     WHERE o.employer_id = $1 AND a.cv_id IS NULL AND NOT EXISTS (SELECT 1 FROM cvs c WHERE c.person_id = a.person_id)
     ORDER BY a.person_id`,
    [input.employerId],
  );
  const cvs = [];
  for (const { person_id: personId } of rows) {
    const from = input.rng.int(2008, 2020);
    const career = [
      `${from} – aujourd’hui : ${input.rng.pick(POSTS)}`,
      `${from - input.rng.int(2, 6)} – ${from} : ${input.rng.pick(POSTS)}`,
    ];
    const bytes = await demoCvPdf('Curriculum vitae', career, input.rng.pick(DEGREES));
    cvs.push({
      id: input.rng.uuid(),
      personId,
      fileName: 'CV.pdf',
      content: Buffer.from(bytes).toString('base64'),
      sizeBytes: bytes.length,
      uploadedAt: input.at,
    });
  }
  for (let start = 0; start < cvs.length; start += 100) {
    await vault.write(seedActor, seedCvs, cvs.slice(start, start + 100));
  }
  await db.query(
    `UPDATE applications a SET cv_id = c.id FROM unnest($1::uuid[], $2::uuid[]) AS c(id, person_id)
     WHERE a.person_id = c.person_id AND a.cv_id IS NULL
       AND a.offer_id IN (SELECT id FROM offers WHERE employer_id = $3)`,
    [cvs.map((cv) => cv.id), cvs.map((cv) => cv.personId), input.employerId],
  );
  return cvs.length;
}

/** Names the showcase candidate's CV in each of their applications. */
export async function attachShowcaseCv(db: Db, candidate: { personId: string; cvId: string }): Promise<void> {
  await db.query('UPDATE applications SET cv_id = $2 WHERE person_id = $1 AND cv_id IS NULL', [
    candidate.personId,
    candidate.cvId,
  ]);
}
