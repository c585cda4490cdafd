import { PDFDocument, StandardFonts } from 'pdf-lib';
import { seedCvs } from '../candidates/candidates.purposes.js';
import type { Vault } from '../vault/index.js';
import { seedActor } from './actor.js';

/** A one-page CV in PDF, with no metadata, for a demo candidate. */
async function demoCvPdf(fullName: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = [
    fullName,
    '',
    'Expérience',
    '2019 – aujourd’hui : adjoint administratif, mairie',
    '2015 – 2019 : agent d’accueil, caisse d’allocations familiales',
    '',
    'Formation',
    'Licence d’administration publique',
  ];
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
  const bytes = await demoCvPdf(candidate.fullName);
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
