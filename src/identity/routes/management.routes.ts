import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { roleTitle, roles } from '../../kernel/roles.js';
import { emptyForm, type Choice, type FormState } from '../../ui/index.js';
import type { Actor } from '../../vault/index.js';
import { actorOf } from '../access.js';
import { listManagedAccounts } from '../accounts/managed-accounts.js';
import { loadRequesters } from '../accounts/requesters.js';
import {
  approveStaffAccount,
  managedRoles,
  reactivateAccount,
  rejectStaffAccount,
  requestStaffAccount,
  suspendAccount,
  withdrawStaffRequest,
} from '../accounts/staff-requests.js';
import { managedAccountView } from '../identity.presenter.js';
import { managementPage, newAccountPage, type NewAccountField } from '../pages/management.page.js';
import { MANAGERS } from './account.routes.js';
import type { IdentityDeps } from './deps.js';
import { accountField } from './schemas.js';

const done = {
  demande: 'La demande est enregistrée. Une seconde personne habilitée doit maintenant l’approuver.',
  approuve: 'Le compte est approuvé : son titulaire reçoit un lien d’invitation par courriel.',
  refuse: 'La demande est refusée. Le compte ne pourra pas être activé.',
  retire: 'Votre demande est retirée. Le compte ne pourra pas être activé.',
  suspendu: 'Le compte est suspendu, et toutes ses sessions sont fermées.',
  reactive: 'Le compte est réactivé.',
};

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
});

const MISMATCH =
  'Ce rôle ne correspond pas à cette organisation : un recruteur appartient à un employeur, un utilisateur d’organisme de formation à un organisme, un conseiller à une agence.';
const SELF_DECISION = 'Vous avez demandé ce compte : une seconde personne habilitée doit l’approuver ou le refuser.';

/**
 * The approval queue and the accounts of an organisation, for an admin or an RGC. Creating,
 * approving, rejecting and reactivating need a step-up, and resume after it; suspending does
 * not, so that stopping a hijacked account is never slowed down. Ids travel in form bodies,
 * never in URLs.
 */
export function registerManagementRoutes(web: Web, deps: IdentityDeps): void {
  const page = access.page({ roles: MANAGERS });
  const sensitive = access.page({ roles: MANAGERS, stepUp: true, returnTo: '/gestion/comptes' });

  /** The organisations an actor may pick: all for an admin, its own for an RGC. */
  async function organisationsFor(actor: Actor): Promise<Choice[]> {
    if (actor.kind !== 'account') return [];
    const { rows } = await deps.db.query<{ id: string; name: string }>(
      actor.role === 'admin'
        ? 'SELECT id, name FROM organisations ORDER BY name LIMIT 1000'
        : 'SELECT id, name FROM organisations WHERE id = $1',
      actor.role === 'admin' ? [] : [actor.organisationId],
    );
    return rows.map((row) => ({ value: row.id, label: row.name }));
  }

  async function showQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    notice: { info?: string; error?: string; organisation?: string },
    status = 200,
  ) {
    const actor = actorOf(request);
    const session = request.session!;
    const admin = session.role === 'admin';
    const chosen = admin ? notice.organisation || null : session.organisationId;
    const listed = { organisationId: chosen, pendingOnly: false };
    const pending = await listManagedAccounts(deps, actor, { organisationId: null, pendingOnly: true });
    const accounts = chosen ? await listManagedAccounts(deps, actor, listed) : null;
    const requesters = await loadRequesters(
      deps.db,
      pending.flatMap((account) => (account.pendingRequest ? [account.pendingRequest.requestedBy] : [])),
    );
    const view = (list: typeof pending) =>
      list.map((account) => managedAccountView(account, session.accountId, requesters));
    const content = managementPage({
      csrfToken: reply.csrfToken(),
      viewerId: session.accountId,
      pending: view(pending),
      accounts: accounts ? view(accounts) : null,
      organisations: admin ? await organisationsFor(actor) : null,
      selectedOrganisation: chosen,
      info: notice.info,
      error: notice.error,
    });
    return reply.page(content, status);
  }

  web.page(
    '/gestion/comptes',
    { access: page, query: queueQuery, menu: 'Gestion des comptes' },
    async (request, reply) =>
      showQueue(request, reply, {
        info: request.query.fait ? done[request.query.fait] : undefined,
        organisation: request.query.organisation,
      }),
  );

  async function newAccount(request: FastifyRequest, form: FormState<NewAccountField>) {
    const actor = actorOf(request);
    const roleChoices = managedRoles(actor).map((role) => ({ value: role, label: roleTitle(role) }));
    return newAccountPage({ form, roles: roleChoices, organisations: await organisationsFor(actor) });
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

  for (const [url, act, outcome, rights, resume] of [
    ['/gestion/comptes/approuver', approveStaffAccount, 'approuve', sensitive, 'approuver la demande de compte'],
    ['/gestion/comptes/refuser', rejectStaffAccount, 'refuse', sensitive, 'refuser la demande de compte'],
    ['/gestion/comptes/retirer', withdrawStaffRequest, 'retire', page, undefined],
    ['/gestion/comptes/suspendre', suspendAccount, 'suspendu', page, undefined],
    ['/gestion/comptes/reactiver', reactivateAccount, 'reactive', sensitive, 'réactiver le compte'],
  ] as const) {
    web.form(url, { access: rights, fields: accountField, resume }, async (values, request, reply) => {
      if (values.account === request.session!.accountId) throw new AppError('FORBIDDEN', 'own account');
      try {
        await act(deps, actorOf(request), values.account);
      } catch (error) {
        if (!(error instanceof AppError) || error.detail !== 'self-approval') throw error;
        return showQueue(request, reply, { error: SELF_DECISION }, 403);
      }
      return reply.redirect(`/gestion/comptes?fait=${outcome}`, 303);
    });
  }
}
