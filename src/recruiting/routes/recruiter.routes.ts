import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../identity/index.js';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import { countNewApplications } from '../recruiting.repo.js';
import { applicationCv, attachmentHeader } from '../cvs.js';
import { employerOf, type RecruitingDeps } from '../deps.js';
import {
  applicationPage,
  applicationsPage,
  recruiterHomePage,
  type MessageField,
  type StatusField,
} from '../pages/recruiter.page.js';
import {
  applicationStatuses,
  MAX_PAGE,
  PAGE_SIZE,
  recruiterStatuses,
  refusalReasonCodes,
} from '../recruiting.policy.js';
import { reviewDetailView, reviewRowView } from '../recruiting.presenter.js';
import { changeStatus, listApplications, reviewApplication, sendMessage, StatusRefused } from '../review.js';

export const RECRUITERS = ['recruiter', 'recruiter_manager'] as const;
const page = access.page({ roles: RECRUITERS });

export const listQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  // The empty choice of the select is sent as an empty value.
  statut: z.union([z.enum(applicationStatuses), z.literal('')]).optional(),
});
const idParams = z.strictObject({ id: z.uuid() });
const doneQuery = z.strictObject({ fait: z.enum(['statut', 'message']).optional() });

const statusFields = z.strictObject({
  statut: formFields.choice(recruiterStatuses, 'Choisissez un statut.'),
  motif: z.union([z.enum(refusalReasonCodes, { error: 'Choisissez un motif de la liste.' }), z.literal('')]).optional(),
});
const messageFields = z.strictObject({ message: formFields.text('Écrivez votre message.', 2000) });

const refusals: Record<StatusRefused['reason'], Partial<Record<StatusField | MessageField, string>>> = {
  withdrawn: { statut: 'La personne a retiré sa candidature.' },
  same: { statut: 'La candidature a déjà ce statut.' },
  reason: { motif: 'Un refus donne un motif de la liste, et seul un refus en donne un.' },
  moved: { statut: 'La candidature vient de changer de statut : rechargez la page.' },
};

const done = {
  statut: 'Le statut est enregistré ; la personne en est prévenue par courriel.',
  message: 'Votre message est envoyé ; la personne en est prévenue par courriel.',
};

/** The recruiter's home and the applications to their employer's offers. Ids of another employer answer 404. */
export function registerRecruiterRoutes(web: Web, deps: RecruitingDeps): void {
  web.home([...RECRUITERS], '/recrutement');
  web.page('/recrutement', { access: page, menu: 'Espace recrutement' }, async (request, reply) => {
    const actor = actorOf(request);
    const newApplications = await countNewApplications(deps.db, employerOf(actor));
    return reply.page(
      recruiterHomePage({ newApplications, manager: actor.kind === 'account' && actor.role === 'recruiter_manager' }),
    );
  });

  web.page(
    '/recrutement/candidatures',
    { access: page, query: listQuery, menu: 'Candidatures' },
    async (request, reply) => {
      const status = request.query.statut || undefined;
      const { items, total } = await listApplications(deps, actorOf(request), { page: request.query.page, status });
      return reply.page(
        applicationsPage({
          rows: items.map(reviewRowView),
          page: request.query.page,
          pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
          total,
          status,
          csrfToken: reply.csrfToken(),
        }),
      );
    },
  );

  const detail = async (
    request: FastifyRequest,
    id: string,
    forms: { statusForm: FormState<StatusField>; messageForm: FormState<MessageField>; info?: string },
  ) => applicationPage({ view: reviewDetailView(await reviewApplication(deps, actorOf(request), id)), ...forms });

  web.page(
    '/recrutement/candidatures/:id',
    { access: page, params: idParams, query: doneQuery },
    async (request, reply) =>
      reply.page(
        await detail(request, request.params.id, {
          statusForm: emptyForm(reply.csrfToken()),
          messageForm: emptyForm(reply.csrfToken()),
          info: request.query.fait ? done[request.query.fait] : undefined,
        }),
      ),
  );

  web.form(
    '/recrutement/candidatures/:id/statut',
    {
      access: page,
      params: idParams,
      fields: statusFields,
      render: (form, request) => {
        const id = (request.params as { id: string }).id;
        return detail(request, id, { statusForm: form, messageForm: emptyForm(form.csrfToken) });
      },
    },
    async (values, request, reply) => {
      try {
        await changeStatus(deps, actorOf(request), {
          id: request.params.id,
          status: values.statut,
          reason: values.motif || undefined,
        });
      } catch (error) {
        if (error instanceof StatusRefused) invalid(refusals[error.reason]);
        throw error;
      }
      return reply.redirect(`/recrutement/candidatures/${request.params.id}?fait=statut`, 303);
    },
  );

  // The attached CV, by a one-click form: a logged read of the door, never cached.
  web.form(
    '/recrutement/candidatures/:id/cv',
    { access: page, params: idParams, fields: z.strictObject({}) },
    async (_values, request, reply) => {
      const file = await applicationCv(deps, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );

  web.form(
    '/recrutement/candidatures/:id/message',
    {
      access: page,
      params: idParams,
      fields: messageFields,
      render: (form, request) => {
        const id = (request.params as { id: string }).id;
        return detail(request, id, { statusForm: emptyForm(form.csrfToken), messageForm: form });
      },
    },
    async (values, request, reply) => {
      try {
        await sendMessage(deps, actorOf(request), { id: request.params.id, body: values.message });
      } catch (error) {
        if (error instanceof StatusRefused) invalid({ message: 'La personne a retiré sa candidature.' });
        throw error;
      }
      return reply.redirect(`/recrutement/candidatures/${request.params.id}?fait=message`, 303);
    },
  );
}
