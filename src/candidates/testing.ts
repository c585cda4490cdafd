import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

/**
 * A small CV in PDF for the tests, carrying what a word processor leaves in one: a title, an
 * author, a producer and creator, dates, keywords, and an XMP stream on the catalogue and on its
 * first page.
 */
export async function samplePdf(options: { pages?: number; author?: string } = {}): Promise<Buffer> {
  const author = options.author ?? 'Jean Dupont';
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= (options.pages ?? 1); n++) {
    doc.addPage([595, 842]).drawText(`Expérience, page ${n}`, { x: 50, y: 780, size: 14, font });
  }
  doc.setTitle(`CV de ${author}`);
  doc.setAuthor(author);
  doc.setSubject('Candidature');
  doc.setKeywords(['CV', author]);
  doc.setCreator('Traitement de texte 12');
  doc.setProducer('Traitement de texte 12 PDF');
  doc.setCreationDate(new Date('2026-01-05T10:00:00Z'));
  doc.setModificationDate(new Date('2026-01-06T10:00:00Z'));
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${author}</dc:creator></x:xmpmeta>`;
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  doc.getPage(0).node.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(xmp)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
