import { PDFDocument, PDFName } from 'pdf-lib';

/** The most bytes a CV may have (issue 9: 2 Mo). */
export const MAX_CV_BYTES = 2 * 1024 * 1024;

/** Why a file is not taken as a CV, in words the candidate reads under the field. */
export type CvRefusal = 'empty' | 'too_large' | 'not_pdf' | 'unreadable' | 'encrypted' | 'no_page';

export const cvRefusalText: Record<CvRefusal, string> = {
  empty: 'Choisissez un fichier PDF.',
  too_large:
    'Ce fichier dépasse 2 Mo. Réduisez sa taille (par exemple en l’enregistrant de nouveau en PDF) et recommencez.',
  not_pdf: 'Ce fichier n’est pas un PDF, quel que soit son nom. Enregistrez votre CV au format PDF et recommencez.',
  unreadable: 'Ce PDF est endommagé ou illisible. Enregistrez-le de nouveau au format PDF et recommencez.',
  encrypted: 'Ce PDF est protégé par un mot de passe. Enregistrez-en une version sans protection et recommencez.',
  no_page: 'Ce PDF ne contient aucune page.',
};

/** A PDF file starts with its header (ISO 32000-1 § 7.5.2); a name ending in .pdf proves nothing. */
const PDF_HEADER = Buffer.from('%PDF-');

/** Keys of a page that hold metadata rather than what the page shows (ISO 32000-1 § 14.3, 14.5). */
const PAGE_METADATA = ['Metadata', 'PieceInfo', 'LastModified'];

/**
 * Checks that `bytes` are a PDF by their content (the header, then a full parse with pdf-lib), and
 * returns a copy that keeps the pages and drops the metadata: the document information
 * dictionary (title, author, subject, keywords, creator, producer, dates), the catalogue's XMP
 * stream and each page's own, and any object no page uses. A new document receives copies of
 * the pages, so nothing unreferenced (an earlier revision's metadata) is carried over (GDPR
 * art. 5(1)(c): data minimisation; the author's name and software need not travel with a CV).
 */
export async function cleanCvPdf(
  bytes: Uint8Array,
): Promise<{ ok: true; bytes: Uint8Array; pages: number } | { ok: false; refusal: CvRefusal }> {
  if (bytes.length === 0) return { ok: false, refusal: 'empty' };
  if (bytes.length > MAX_CV_BYTES) return { ok: false, refusal: 'too_large' };
  if (!Buffer.from(bytes.subarray(0, PDF_HEADER.length)).equals(PDF_HEADER)) return { ok: false, refusal: 'not_pdf' };
  try {
    const source = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    if (source.isEncrypted) return { ok: false, refusal: 'encrypted' };
    const count = source.getPageCount();
    if (count === 0) return { ok: false, refusal: 'no_page' };
    for (const page of source.getPages()) {
      for (const key of PAGE_METADATA) page.node.delete(PDFName.of(key));
    }
    const clean = await PDFDocument.create({ updateMetadata: false });
    for (const page of await clean.copyPages(source, source.getPageIndices())) clean.addPage(page);
    // Without object streams every dictionary stays readable in the file, so a scan can check it.
    return {
      ok: true,
      bytes: await clean.save({ updateFieldAppearances: false, useObjectStreams: false }),
      pages: count,
    };
  } catch (error) {
    // pdf-lib parses leniently and fails late on a broken file: any failure is an unreadable PDF.
    const encrypted = error instanceof Error && /encrypt/i.test(error.message);
    return { ok: false, refusal: encrypted ? 'encrypted' : 'unreadable' };
  }
}
