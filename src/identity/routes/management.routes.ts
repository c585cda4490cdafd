import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formFields, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { roleTitle, roles } from '../../kernel/roles.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import type { Actor } from '../../vault/index.js';
import { actorOf } from '../access.js';
import {
  approveStaffAccount,
  managedRoles,
  rejectStaffAccount,
  requestStaffAccount,
  withdrawStaffRequest,
} from '../accounts/staff-requests.js';
import { newAccountPage, type NewAccountField } from '../pages/management.page.js';
import type { IdentityDeps } from './deps.js';
import { done, managementQueue, managerAccess, type Outcome } from './management-queue.js';
import { accountField } from './schemas.js';
import { registerSuspensionRoutes } from './suspension.routes.js';
import { choosableRequestReasons, requestReasons } from '../accounts/request-reasons.js';

const queueQuery = z.strictObject({
  fait: z.enum(Object.keys(done) as [keyof typeof done, ...(keyof typeof done)[]]).optional(),
  // The empty choice of the select is sent as an empty value.
  organisation: z.union([z.uuid(), z.literal('')]).optional(),
});

const newAccountFields = z.strictObject({
  displayName: formFields.text('Indiquez le prénom et le nom de la personne.', 200),
  email: formFields.email(),
  role: formFields.choice(roles, 'Choisissez un rôle.'),
  organisationId: formFields.id('Choisissez une organisation.'),
  reason: formFields.choice(choosableRequestReasons, 'Choisissez le motif de la demande.'),
});

const MISMATCH =
  'Ce rôle ne correspond pas à cette organisation : un recruteur appartient à un employeur, un utilisateur d’organisme de formation à un organisme, un conseiller à une agence.';

/**
 * The approval queue and the accounts of an organisation, for an admin or an RGC. Creating,
 * approving and rejecting need a step-up, and resume after it; withdrawing one's own request
 * does not. Suspending and reactivating are in suspension.routes.ts. Ids travel in form bodies,
 * never in URLs.
 */
export function registerManagementRoutes(web: Web, deps: IdentityDeps): void {
  const { page, sensitive } = managerAccess;
  const queue = managementQueue(deps);

  web.page(
    '/gestion/comptes',
    { access: page, query: queueQuery, menu: 'Gestion des comptes' },
    async (request, reply) =>
      queue.show(request, reply, {
        info: request.query.fait ? done[request.query.fait] : undefined,
        organisation: request.query.organisation,
      }),
  );

  async function newAccount(request: FastifyRequest, form: FormState<NewAccountField>) {
    const actor = actorOf(request);
    const roleChoices = managedRoles(actor).map((role) => ({ value: role, label: roleTitle(role) }));
    const reasons = choosableRequestReasons.map((reason) => ({ value: reason, label: requestReasons[reason] }));
    return newAccountPage({ form, roles: roleChoices, reasons, organisations: await queue.organisationsFor(actor) });
  }
  web.page('/gestion/comptes/nouveau', { access: sensitive }, async (request, reply) =>
    reply.page(await newAccount(request, emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/gestion/comptes/nouveau',
    {
      access: sensitive,
      fields: newAccountFields,
      render: (form, request) => newAccount(request, form),
      resume: 'envoyer la demande de compte',
    },
    async (values, request, reply) => {
      const actor = actorOf(request);
      if (!managedRoles(actor).includes(values.role)) invalid({ role: 'Vous ne pouvez pas demander ce rôle.' });
      if (await deps.vault.findAccountIdByEmail(values.email)) {
        invalid({ email: 'Un compte utilise déjà cette adresse électronique.' });
      }
      try {
        await requestStaffAccount(deps, actor, values);
      } catch (error) {
        // The rule lives with the request itself: a role belongs to one kind of organisation.
        if (error instanceof AppError && error.code === 'VALIDATION_FAILED') invalid({ organisationId: MISMATCH });
        throw error;
      }
      return reply.redirect('/gestion/comptes?fait=demande', 303);
    },
  );

  const decisions: [string, (actor: Actor, accountId: string) => Promise<Outcome>, boolean, string | undefined][] = [
    [
      '/gestion/comptes/approuver',
      (actor, id) => approveStaffAccount(deps, actor, id).then(() => 'approuve'),
      true,
      'approuver la demande de compte',
    ],
    [
      '/gestion/comptes/refuser',
      (actor, id) => rejectStaffAccount(deps, actor, id).then(() => 'refuse'),
      true,
      'refuser la demande de compte',
    ],
    [
      '/gestion/comptes/retirer',
      (actor, id) => withdrawStaffRequest(deps, actor, id).then(() => 'retire'),
      false,
      undefined,
    ],
  ];
  for (const [url, decide, stepUp, resume] of decisions) {
    web.form(
      url,
      { access: stepUp ? sensitive : page, fields: accountField, resume },
      async (values, request, reply) => {
        if (values.account === request.session!.accountId) throw new AppError('FORBIDDEN', 'own account');
        try {
          return reply.redirect(`/gestion/comptes?fait=${await decide(actorOf(request), values.account)}`, 303);
        } catch (error) {
          return queue.refused(request, reply, error);
        }
      },
    );
  }
  registerSuspensionRoutes(web, deps, queue);
}
