import { z } from 'zod';
import type { DomainDeps } from '../../domains.js';
import { actorOf } from '../../identity/index.js';
import { access, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import type { FormState } from '../../ui/index.js';
import { MAX_CVS } from '../candidates.purposes.js';
import { cvView } from '../candidates.presenter.js';
import { MAX_CV_BYTES, cvRefusalText } from '../cv-pdf.js';
import { addOwnCv, deleteOwnCv, downloadOwnCv, listOwnCvs } from '../cvs.js';
import { cvsPage } from '../pages/cvs.page.js';
import { CANDIDATE } from './profile.routes.js';

const own = access.page({ roles: CANDIDATE, returnTo: '/candidat/cv' });
const oneCv = z.strictObject({ cv: z.uuid({ error: 'Choisissez un CV de la liste.' }) });
const notices = {
  ajout: 'Votre CV est enregistré, sans ses métadonnées.',
  suppression: 'Le CV est supprimé.',
} as const;

/** A file name in a Content-Disposition header (RFC 6266), accents kept through RFC 8187. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** « Mes CV »: list, upload, download and delete one's own CVs. */
export function registerCvRoutes(web: Web, deps: DomainDeps): void {
  const page = async (request: Parameters<typeof actorOf>[0], form: FormState<'cv'>, info?: string) =>
    cvsPage({ form, cvs: (await listOwnCvs(deps, actorOf(request))).map(cvView), max: MAX_CVS, info });

  web.page(
    '/candidat/cv',
    { access: own, menu: 'Mes CV', query: z.strictObject({ fait: z.enum(['ajout', 'suppression']).optional() }) },
    async (request, reply) => {
      const info = request.query.fait ? notices[request.query.fait] : undefined;
      return reply.page(await page(request, { csrfToken: reply.csrfToken(), values: {}, errors: {} }, info));
    },
  );

  web.upload(
    '/candidat/cv',
    {
      access: own,
      fields: z.strictObject({}),
      fileField: 'cv',
      maxBytes: MAX_CV_BYTES,
      render: (form, request) => page(request, form as FormState<'cv'>),
    },
    async (_values, upload, request, reply) => {
      if (upload.kind === 'none') invalid({ cv: cvRefusalText.empty });
      if (upload.kind === 'too_large') invalid({ cv: cvRefusalText.too_large }, { status: 413 });
      const added = await addOwnCv(deps, actorOf(request), upload.file);
      if (!added.ok) {
        const text =
          added.refusal === 'full'
            ? `Vous avez déjà ${MAX_CVS} CV : supprimez-en un pour en ajouter un autre.`
            : cvRefusalText[added.refusal];
        invalid({ cv: text }, { status: added.refusal === 'too_large' ? 413 : 422 });
      }
      return reply.redirect('/candidat/cv?fait=ajout', 303);
    },
  );

  web.form('/candidat/cv/telechargement', { access: own, fields: oneCv }, async (values, request, reply) => {
    const file = await downloadOwnCv(deps, actorOf(request), values.cv);
    if (!file) throw new AppError('NOT_FOUND', 'cv');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachment(file.fileName))
      .header('cache-control', 'no-store')
      .send(file.bytes);
  });

  web.form('/candidat/cv/suppression', { access: own, fields: oneCv }, async (values, request, reply) => {
    if (!(await deleteOwnCv(deps, actorOf(request), values.cv))) throw new AppError('NOT_FOUND', 'cv');
    return reply.redirect('/candidat/cv?fait=suppression', 303);
  });
}
