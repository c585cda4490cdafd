import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../identity/index.js';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import { ownCvChoices, ownsCv } from '../cvs.js';
import type { RecruitingDeps } from '../deps.js';
import {
  apply,
  ApplyRefused,
  listOwnApplications,
  offerToApply,
  ownApplicationDetail,
  withdraw,
} from '../own-applications.js';
import { applyPage, ownApplicationPage, ownApplicationsPage, type ApplyField } from '../pages/candidate.page.js';
import { candidateMayWithdraw, MAX_PAGE, PAGE_SIZE } from '../recruiting.policy.js';
import { ownDetailView, ownRowView } from '../recruiting.presenter.js';

const page = access.page({ roles: ['candidate'] });
const listQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  fait: z.enum(['envoyee']).optional(),
});
const offerQuery = z.strictObject({ offre: z.string().trim().min(1).max(64) });
const idParams = z.strictObject({ id: z.uuid() });
const detailQuery = z.strictObject({ fait: z.enum(['retrait']).optional() });
const applyFields = z.strictObject({
  message: formFields.text('Écrivez quelques lignes au recruteur.', 2000),
  cv: z.union([z.uuid(), z.literal('aucun')], { error: 'Choisissez un CV, ou « Postuler sans CV ».' }),
});

/** The candidate's applications: apply, follow, read the recruiter's messages, withdraw. */
export function registerCandidateRoutes(web: Web, deps: RecruitingDeps): void {
  web.page(
    '/candidat/candidatures',
    { access: page, query: listQuery, menu: 'Mes candidatures' },
    async (request, reply) => {
      const { rows, total } = await listOwnApplications(deps, actorOf(request), request.query.page);
      return reply.page(
        ownApplicationsPage({
          rows: rows.map(ownRowView),
          page: request.query.page,
          pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
          info: request.query.fait ? 'Votre candidature est envoyée au recruteur.' : undefined,
        }),
      );
    },
  );

  const applyForm = async (request: FastifyRequest, reference: string, form: FormState<ApplyField>) =>
    applyPage({
      offer: await offerToApply(deps, reference),
      cvs: await ownCvChoices(deps, actorOf(request)),
      form,
    });
  web.page('/candidat/candidatures/nouvelle', { access: page, query: offerQuery }, async (request, reply) =>
    reply.page(await applyForm(request, request.query.offre, emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/candidat/candidatures/nouvelle',
    {
      access: page,
      query: offerQuery,
      fields: applyFields,
      render: (form, request) => applyForm(request, (request.query as { offre: string }).offre, form),
    },
    async (values, request, reply) => {
      const actor = actorOf(request);
      const cvId = values.cv === 'aucun' ? null : values.cv;
      try {
        await apply(deps, actor, { reference: request.query.offre, message: values.message, cvId }, (id) =>
          ownsCv(deps, actor, id),
        );
      } catch (error) {
        if (error instanceof ApplyRefused) {
          if (error.reason === 'cv') invalid({ cv: 'Choisissez un de vos CV.' });
          invalid(
            {},
            { error: 'Vous avez déjà postulé à cette offre : suivez-la dans « Mes candidatures ».', status: 409 },
          );
        }
        throw error;
      }
      return reply.redirect('/candidat/candidatures?fait=envoyee', 303);
    },
  );

  web.page(
    '/candidat/candidatures/:id',
    { access: page, params: idParams, query: detailQuery },
    async (request, reply) => {
      const detail = await ownApplicationDetail(deps, actorOf(request), request.params.id);
      return reply.page(
        ownApplicationPage({
          view: ownDetailView(detail, candidateMayWithdraw(detail.row.status)),
          csrfToken: reply.csrfToken(),
          info: request.query.fait ? 'Votre candidature est retirée.' : undefined,
        }),
      );
    },
  );
  web.form(
    '/candidat/candidatures/:id/retrait',
    { access: page, params: idParams, fields: z.strictObject({}) },
    async (_values, request, reply) => {
      const withdrawn = await withdraw(deps, actorOf(request), request.params.id);
      return reply.redirect(`/candidat/candidatures/${request.params.id}${withdrawn ? '?fait=retrait' : ''}`, 303);
    },
  );
}
