import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cleanCvPdf, MAX_CV_BYTES } from './cv-pdf.js';
import { samplePdf } from './testing.js';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('a CV is a PDF by its content, and leaves its metadata behind', () => {
  it('refuses a file named like a PDF whose content is not one', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await cleanCvPdf(png)).toEqual({ ok: false, refusal: 'not_pdf' });
    expect(await cleanCvPdf(Buffer.from('Jean Dupont, CV\n'))).toEqual({ ok: false, refusal: 'not_pdf' });
  });

  it('refuses a file that only starts like a PDF, an empty one, and one over 2 Mo', async () => {
    expect(await cleanCvPdf(Buffer.from('%PDF-1.7\nrien de plus'))).toEqual({ ok: false, refusal: 'unreadable' });
    expect(await cleanCvPdf(new Uint8Array())).toEqual({ ok: false, refusal: 'empty' });
    const big = Buffer.concat([await samplePdf(), Buffer.alloc(MAX_CV_BYTES)]);
    expect(await cleanCvPdf(big)).toEqual({ ok: false, refusal: 'too_large' });
  });

  it('keeps every page and drops the title, author, producer, dates and XMP', async () => {
    const original = await samplePdf({ pages: 3 });
    // Control: the sample does carry what must go.
    expect(latin1(original)).toContain('Jean Dupont');
    expect(latin1(original)).toContain('/Metadata');
    const before = await PDFDocument.load(original, { updateMetadata: false });
    expect(before.getAuthor()).toBe('Jean Dupont');

    const result = await cleanCvPdf(original);
    if (!result.ok) throw new Error(result.refusal);
    expect(result.pages).toBe(3);
    const after = await PDFDocument.load(result.bytes, { updateMetadata: false });
    expect(after.getPageCount()).toBe(3);
    expect([after.getTitle(), after.getAuthor(), after.getSubject(), after.getKeywords()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([after.getCreator(), after.getProducer(), after.getCreationDate(), after.getModificationDate()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(after.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    const text = latin1(result.bytes);
    for (const gone of ['Jean Dupont', 'Traitement de texte', 'x:xmpmeta', '/Metadata', '/Author', '/Producer']) {
      expect(text).not.toContain(gone);
    }
    // What the pages show is still there: the font the text is drawn with, and the page size.
    expect(after.getPage(0).getSize()).toEqual(before.getPage(0).getSize());
    expect(text).toContain(StandardFonts.Helvetica);
  });
});
