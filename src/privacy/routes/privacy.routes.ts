import { z } from 'zod';
import type { DomainDeps } from '../../domains.js';
import { actorOf } from '../../identity/index.js';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import type { FormState } from '../../ui/index.js';
import { ownAccesses } from '../accesses.js';
import { eraseOwnAccount } from '../erase-account.js';
import { collectOwnData, exportDocument } from '../export.js';
import { accessesPage } from '../pages/accesses.page.js';
import { erasedPage, erasePage } from '../pages/erase.page.js';
import { myDataPage, readableDataPage } from '../pages/my-data.page.js';

const CITIZENS = ['candidate', 'job_seeker'] as const;
const page = access.page({ roles: CITIZENS });
/** Reading or deleting everything at once is a sensitive action: a recent second-factor check (DESIGN, promise 2). */
const sensitive = (returnTo: string) => access.page({ roles: CITIZENS, stepUp: true, returnTo });
const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** « Mes données » (export, deletion) and « Mes accès », for candidates and job seekers alike. */
export function registerPrivacyRoutes(web: Web, deps: DomainDeps): void {
  web.page('/mes-donnees', { access: page, menu: 'Mes données' }, async (request, reply) =>
    reply.page(myDataPage({ csrfToken: reply.csrfToken(), home: web.homeOf(request.session!.role) })),
  );

  web.page('/mes-donnees/lisible', { access: sensitive('/mes-donnees') }, async (request, reply) => {
    const sections = await collectOwnData(deps, actorOf(request));
    return reply.page(readableDataPage({ sections, at: when.format(deps.clock.now()) }));
  });

  web.form(
    '/mes-donnees/export',
    { access: sensitive('/mes-donnees'), fields: z.strictObject({}) },
    async (_values, request, reply) => {
      const now = deps.clock.now();
      const document = exportDocument(await collectOwnData(deps, actorOf(request)), now);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="mes-donnees-rempart-${now.toISOString().slice(0, 10)}.json"`,
        )
        .header('cache-control', 'no-store')
        .send(JSON.stringify(document, null, 2));
    },
  );

  const eraseForm = (form: FormState<'confirm'>, role: string) => erasePage(form, { jobSeeker: role === 'job_seeker' });
  web.page('/mes-donnees/suppression', { access: sensitive('/mes-donnees/suppression') }, async (request, reply) =>
    reply.page(eraseForm({ csrfToken: reply.csrfToken(), values: {}, errors: {} }, request.session!.role)),
  );
  web.form(
    '/mes-donnees/suppression',
    {
      access: sensitive('/mes-donnees/suppression'),
      fields: z.strictObject({ confirm: formFields.optionalText(3) }),
      render: (form, request) => eraseForm(form, request.session!.role),
    },
    async (values, request, reply) => {
      if (values.confirm !== 'oui') invalid({ confirm: 'Cochez la case pour confirmer la suppression.' });
      await eraseOwnAccount(deps, actorOf(request));
      return reply.redirect('/mes-donnees/supprime', 303);
    },
  );
  web.page('/mes-donnees/supprime', { access: access.public() }, async (_request, reply) => reply.page(erasedPage()));

  web.page(
    '/mes-acces',
    {
      access: page,
      menu: 'Mes accès',
      query: z.strictObject({ avant: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() }),
    },
    async (request, reply) => {
      const { accesses, next } = await ownAccesses(deps, actorOf(request), request.query.avant);
      return reply.page(accessesPage({ accesses, next, first: request.query.avant === undefined }));
    },
  );
}
