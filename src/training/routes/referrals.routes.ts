import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formFields, invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import { answerReferral, declare, DeclarationRefused, type Declaration } from '../declare.js';
import type { TrainingDeps } from '../deps.js';
import { referralPage, type DeclarationField } from '../pages/referral.page.js';
import { contactView, declarationPaths, eventView } from '../training.presenter.js';
import { exitOutcomes, interruptionReasons } from '../training.policy.js';
import { referralDetail } from '../trainees.js';
import { idParams, ofPage } from './access.js';

const dayField = (missing: string) => formFields.text(missing, 10).pipe(z.iso.date({ error: missing }));

const declarationFields = {
  entry: z.strictObject({ on: dayField('Indiquez la date d’entrée.') }),
  attendance: z.strictObject({
    month: formFields
      .text('Indiquez le mois, au format AAAA-MM.', 7)
      .pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Indiquez le mois, au format AAAA-MM.' })),
    daysPresent: z.coerce
      .number({ error: 'Indiquez le nombre de jours de présence.' })
      .int({ error: 'Indiquez un nombre entier de jours.' })
      .min(0, { error: 'Indiquez un nombre de jours entre 0 et 31.' })
      .max(31, { error: 'Indiquez un nombre de jours entre 0 et 31.' }),
  }),
  interruption: z.strictObject({
    on: dayField('Indiquez la date de l’interruption.'),
    reason: formFields.choice(interruptionReasons as [string, ...string[]], 'Choisissez le motif de l’interruption.'),
  }),
  resumption: z.strictObject({ on: dayField('Indiquez la date de reprise.') }),
  exit: z.strictObject({
    on: dayField('Indiquez la date de sortie.'),
    outcome: formFields.choice(exitOutcomes as [string, ...string[]], 'Choisissez le résultat de la formation.'),
  }),
};

const paths = declarationPaths;
const done = {
  accept: 'L’orientation est acceptée.',
  refuse: 'L’orientation est refusée.',
  entree: 'L’entrée est déclarée.',
  presence: 'La présence du mois est déclarée.',
  interruption: 'L’interruption est déclarée.',
  reprise: 'La reprise de la formation est déclarée.',
  sortie: 'La sortie est déclarée.',
  retard: 'La déclaration est enregistrée, hors du délai de trois jours.',
} as const;

/** A trainee's page: identity, contact on demand, answer, declarations. */
export function registerReferralRoutes(web: Web, deps: TrainingDeps): void {
  async function show(
    request: FastifyRequest,
    id: string,
    form: FormState<DeclarationField>,
    extra: { contact?: boolean; formKind?: keyof typeof paths; done?: string } = {},
  ) {
    const actor = actorOf(request);
    const detail = await referralDetail(deps, actor, id, { contact: extra.contact });
    const { referral, trainee, events } = detail;
    const contact = detail.contact ? contactView(detail.contact) : undefined;
    return referralPage({
      referralId: referral.referralId,
      sessionId: referral.sessionId,
      sessionTitle: referral.sessionTitle,
      status: referral.status,
      trainee,
      events: events.map(eventView),
      contact,
      form,
      formKind: extra.formKind,
      done: extra.done,
    });
  }
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  web.page(
    '/organisme/orientations/:id',
    {
      access: ofPage,
      params: idParams,
      query: z.strictObject({ fait: z.enum(Object.keys(done) as [keyof typeof done]).optional() }),
    },
    async (request, reply) =>
      reply.page(
        await show(request, request.params.id, emptyForm(reply.csrfToken()), {
          done: request.query.fait ? done[request.query.fait] : undefined,
        }),
      ),
  );
  // « Voir les coordonnées »: a POST, so that a link, a prefetch or a crawler never reads them;
  // the answer is this page with the contact, and the read is logged as training.contact.
  web.form(
    '/organisme/orientations/:id/coordonnees',
    { access: ofPage, params: idParams, fields: z.strictObject({}) },
    async (_values, request, reply) =>
      reply.page(await show(request, request.params.id, emptyForm(reply.csrfToken()), { contact: true })),
  );
  web.form(
    '/organisme/orientations/:id/reponse',
    {
      access: ofPage,
      params: idParams,
      fields: z.strictObject({ decision: formFields.choice(['accept', 'refuse'], 'Choisissez une réponse.') }),
    },
    async (values, request, reply) => {
      try {
        await answerReferral(deps, actorOf(request), request.params.id, values.decision);
      } catch (error) {
        if (error instanceof DeclarationRefused) {
          const page = await show(request, request.params.id, { ...emptyForm(reply.csrfToken()), error: error.reason });
          return reply.page(page, 409);
        }
        throw error;
      }
      return reply.redirect(`/organisme/orientations/${request.params.id}?fait=${values.decision}`, 303);
    },
  );
  for (const kind of Object.keys(paths) as (keyof typeof paths)[]) {
    web.form(
      `/organisme/orientations/:id/${paths[kind]}`,
      {
        access: ofPage,
        params: idParams,
        fields: declarationFields[kind],
        render: (form, request) =>
          show(request, idOf(request), form as FormState<DeclarationField>, { formKind: kind }),
      },
      async (values, request, reply) => {
        const declaration = { kind, ...values } as unknown as Declaration;
        try {
          const { late } = await declare(deps, actorOf(request), request.params.id, declaration);
          return reply.redirect(
            `/organisme/orientations/${request.params.id}?fait=${late ? 'retard' : paths[kind]}`,
            303,
          );
        } catch (error) {
          if (!(error instanceof DeclarationRefused)) throw error;
          if (error.field === 'state') invalid({}, { error: error.reason, status: 409 });
          invalid({ [error.field]: error.reason });
        }
      },
    );
  }
}
