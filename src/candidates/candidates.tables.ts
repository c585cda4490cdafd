import { domainTable, plain, sealedText } from '../vault/fields.js';

/** The candidates' sealed table: their CVs. */
export const candidatesTables = {
  cv: domainTable({
    table: 'cvs',
    idColumn: 'id',
    // The content is the PDF in base64; the file name says who it is, so it is sealed too.
    fields: { fileName: sealedText(), content: sealedText() },
    plain: {
      personId: plain<string>('person_id', 'uuid'),
      sizeBytes: plain<number>('size_bytes', 'integer'),
      uploadedAt: plain<Date>('uploaded_at', 'timestamptz'),
    },
    concerns: { record: 'person', sql: 'SELECT person_id FROM written' },
  }),
};
