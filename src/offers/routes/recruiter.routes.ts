import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DomainDeps } from '../../domains.js';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm, valueOf, type FormState } from '../../ui/index.js';
import { frenchDay, isoDay } from '../dates.js';
import { createDraft, editOwnOffer, listOwnOffers, readOwnOffer } from '../manage-offers.js';
import { article3Of, moveOwnOffer } from '../move-offer.js';
import { fieldsOf, formValuesOf, offerFormFields, type OfferFormField } from '../offer-form.js';
import { statuses } from '../offers.labels.js';
import {
  article3Labels,
  missingForPublication,
  oneMonthAfter,
  RECRUITERS,
  shortPublication,
} from '../offers.policy.js';
import { offerPageView, ownOfferView } from '../offers.presenter.js';
import { PAGE_SIZE } from '../offers.repo.js';
import { offerFormPage } from '../pages/offer-form.page.js';
import { ownOfferPage } from '../pages/own-offer.page.js';
import { ownOffersPage } from '../pages/own-offers.page.js';
import { publicationPage, type PublicationField } from '../pages/publication.page.js';

const done = {
  brouillon: 'Le brouillon est enregistré.',
  modifiee: 'Les modifications sont enregistrées.',
  publiee: 'L’offre est publiée.',
  cloturee: 'L’offre est clôturée : elle ne reçoit plus de candidatures.',
  archivee: 'L’offre est archivée.',
} as const;
const doneQuery = z.strictObject({ fait: z.enum(Object.keys(done) as [keyof typeof done]).optional() });
const listQuery = doneQuery.extend({
  statut: z.preprocess((value) => (value === '' ? undefined : value), z.enum(statuses).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
const idParam = z.strictObject({ id: z.uuid() });
const publicationFields = z.strictObject({
  until: z
    .string({ error: 'Indiquez la date de fin de publication.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Indiquez la date de fin de publication, par exemple 2026-12-31.' }),
  confirm: formFields.checkbox(),
});

type WithId = FastifyRequest<{ Params: { id: string } }>;

/**
 * A recruiter's offers (recruiter and recruiter manager, of the offer's own employer): list,
 * write a draft, edit, publish, close, archive. Every read and write is scoped to the account's
 * employer in SQL; another employer's offer answers as a missing one (404), on every route.
 */
export function registerRecruiterOfferRoutes(web: Web, deps: DomainDeps): void {
  const page = access.page({ roles: RECRUITERS });
  const formAt = (returnTo: string) => access.page({ roles: RECRUITERS, returnTo });

  web.page('/recrutement/offres', { access: page, query: listQuery, menu: 'Offres' }, async (request, reply) => {
    const { statut, page: current, fait } = request.query;
    const found = await listOwnOffers(deps, actorOf(request), { status: statut, page: current });
    return reply.page(
      ownOffersPage({
        offers: found.rows.map(ownOfferView),
        status: statut,
        page: current,
        pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
        total: found.total,
        info: fait ? done[fait] : undefined,
      }),
    );
  });

  const newAction = '/recrutement/offres/nouvelle';
  web.page(newAction, { access: page }, async (_request, reply) =>
    reply.page(
      offerFormPage({
        form: emptyForm(reply.csrfToken(), { vacancyKind: 'vacance', fullTime: 'on' }),
        action: newAction,
      }),
    ),
  );
  web.form(
    newAction,
    {
      access: formAt(newAction),
      fields: offerFormFields,
      render: (form) => offerFormPage({ form, action: newAction }),
    },
    async (values, request, reply) => {
      const id = await createDraft(deps, actorOf(request), fieldsOf(values));
      return reply.redirect(`/recrutement/offres/${id}?fait=brouillon`, 303);
    },
  );

  web.page('/recrutement/offres/:id', { access: page, params: idParam, query: doneQuery }, async (request, reply) => {
    const offer = await readOwnOffer(deps, actorOf(request), request.params.id);
    const info = request.query.fait ? done[request.query.fait] : undefined;
    return reply.page(
      ownOfferPage({
        id: offer.id,
        status: offer.status,
        offer: offerPageView(offer),
        csrfToken: reply.csrfToken(),
        info,
      }),
    );
  });

  const editForm = async (request: WithId, form: FormState<OfferFormField>) => {
    const offer = await readOwnOffer(deps, actorOf(request), request.params.id);
    const href = `/recrutement/offres/${offer.id}`;
    return offerFormPage({ form, action: `${href}/modification`, editing: { title: offer.title, href } });
  };
  web.page('/recrutement/offres/:id/modification', { access: page, params: idParam }, async (request, reply) => {
    const offer = await readOwnOffer(deps, actorOf(request), request.params.id);
    return reply.page(await editForm(request, emptyForm(reply.csrfToken(), formValuesOf(offer))));
  });
  web.form(
    '/recrutement/offres/:id/modification',
    {
      access: page,
      params: idParam,
      fields: offerFormFields,
      render: (form, request) => editForm(request as WithId, form),
    },
    async (values, request, reply) => {
      const saved = await editOwnOffer(deps, actorOf(request), request.params.id, fieldsOf(values));
      if (!saved) invalid({}, { error: 'Une offre clôturée ou archivée ne se modifie plus.', status: 409 });
      return reply.redirect(`/recrutement/offres/${request.params.id}?fait=modifiee`, 303);
    },
  );

  registerPublication(web, deps);

  const moves = [
    ['cloture', 'close', 'cloturee'],
    ['archivage', 'archive', 'archivee'],
  ] as const;
  for (const [path, move, outcome] of moves) {
    web.form(
      `/recrutement/offres/:id/${path}`,
      { access: page, params: idParam, fields: z.strictObject({}) },
      async (_values, request, reply) => {
        const result = await moveOwnOffer(deps, actorOf(request), request.params.id, move);
        const base = `/recrutement/offres/${request.params.id}`;
        return reply.redirect(result.kind === 'done' ? `${base}?fait=${outcome}` : base, 303);
      },
    );
  }
}

/** Publishing: the end date, the art. 3 completeness and the art. 4 month. */
function registerPublication(web: Web, deps: DomainDeps): void {
  const page = access.page({ roles: RECRUITERS });
  const render = async (request: WithId, form: FormState<PublicationField>) => {
    const offer = await readOwnOffer(deps, actorOf(request), request.params.id);
    const today = isoDay(deps.clock.now());
    const until = valueOf(form, 'until');
    const short =
      until !== undefined && shortPublication({ permanent: offer.contract_months === null, from: today, until });
    return publicationPage({
      id: offer.id,
      title: offer.title,
      form,
      shortUntil: short ? frenchDay(oneMonthAfter(today)) : undefined,
      missing: missingForPublication(article3Of(offer)).map((field) => article3Labels[field]),
    });
  };
  web.page('/recrutement/offres/:id/publication', { access: page, params: idParam }, async (request, reply) => {
    const until = oneMonthAfter(isoDay(deps.clock.now()));
    return reply.page(await render(request, emptyForm<PublicationField>(reply.csrfToken(), { until })));
  });
  web.form(
    '/recrutement/offres/:id/publication',
    {
      access: page,
      params: idParam,
      fields: publicationFields,
      render: (form, request) => render(request as WithId, form),
    },
    async (values, request, reply) => {
      if (values.until < isoDay(deps.clock.now())) invalid({ until: 'La fin de publication ne peut pas être passée.' });
      const outcome = await moveOwnOffer(deps, actorOf(request), request.params.id, 'publish', {
        until: values.until,
        confirmed: values.confirm,
      });
      if (outcome.kind === 'short_publication') {
        invalid(
          { confirm: 'Confirmez la publication pour moins d’un mois, ou choisissez une date plus lointaine.' },
          { status: 409 },
        );
      }
      if (outcome.kind === 'incomplete') invalid({}, { error: 'L’offre est incomplète.', status: 409 });
      if (outcome.kind === 'wrong_status')
        invalid({}, { error: 'Cette offre ne peut pas être publiée dans son état actuel.', status: 409 });
      return reply.redirect(`/recrutement/offres/${request.params.id}?fait=publiee`, 303);
    },
  );
}
