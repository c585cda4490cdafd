import { listManagedAccounts } from './accounts/managed-accounts.js';
import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import { AppError } from '../kernel/errors.js';
import type { Actor, Role } from '../vault/index.js';
import { actorOf } from './access.js';
import {
  approveStaffAccount,
  managedRoles,
  rejectStaffAccount,
  requestStaffAccount,
} from './accounts/staff-requests.js';
import { liftSuspension, openSuspensions, suspendAccount, suspensionLevel } from './accounts/suspensions.js';
import { bodyOf, sendPage, text } from './http-support.js';
import type { IdentityDeps } from './identity.routes.js';
import { managementPage, newAccountPage, type OrganisationChoice } from './pages/management.page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MANAGERS: readonly Role[] = ['admin', 'of_manager'];

const done: Record<string, string> = {
  demande: 'La demande est enregistrée. Une seconde personne habilitée doit maintenant l’approuver.',
  approuve: 'Le compte est approuvé : son titulaire reçoit un lien d’invitation par courriel.',
  refuse: 'La demande est refusée. Le compte ne pourra pas être activé.',
  suspendu: 'Le compte est suspendu, et toutes ses sessions sont fermées.',
  reactive: 'Le compte est réactivé.',
  'reactivation-demandee': 'La réactivation est demandée. Une seconde personne habilitée doit maintenant la confirmer.',
};

/** Refusals a manager may meet, by the detail of the domain's error. */
const refusals: Record<string, string> = {
  'self-approval': 'Vous avez demandé ce compte : une seconde personne habilitée doit l’approuver ou le refuser.',
  'self-lift': 'Vous avez demandé cette réactivation\u00a0: une seconde personne de la plateforme doit la confirmer.',
  'platform level':
    'Ce compte a été suspendu au niveau de la plateforme\u00a0: seuls deux administrateurs ou responsables de la sécurité peuvent le réactiver, l’un le demande et l’autre le confirme.',
  'reason required': 'Choisissez le motif de la suspension.',
};

/**
 * The approval queue and the accounts of an organisation, for an admin or an RGC. Creating,
 * approving, rejecting and reactivating need a step-up; suspending does not, so that stopping
 * a hijacked account is never slowed down. Ids travel in form bodies, never in URLs.
 */
export function registerManagementRoutes(
  forms: FastifyInstance,
  deps: IdentityDeps,
  guarded: { preValidation: preValidationHookHandler },
): void {
  const page = { schema: { hide: true }, config: { access: { level: 'page' as const, roles: MANAGERS } } };
  const sensitive = {
    schema: { hide: true },
    config: { access: { level: 'page' as const, roles: MANAGERS, stepUp: true, returnTo: '/gestion/comptes' } },
  };

  /** The organisations an actor may pick: all but citizens' for an admin, its own for an RGC. */
  async function organisationsFor(actor: Actor): Promise<OrganisationChoice[]> {
    if (actor.kind !== 'account') return [];
    const { rows } = await deps.db.query<OrganisationChoice>(
      actor.role === 'admin'
        ? 'SELECT id, name FROM organisations ORDER BY name LIMIT 1000'
        : 'SELECT id, name FROM organisations WHERE id = $1',
      actor.role === 'admin' ? [] : [actor.organisationId],
    );
    return rows;
  }

  async function showQueue(request: FastifyRequest, reply: FastifyReply, notice: { info?: string; error?: string }) {
    const actor = actorOf(request);
    const query = request.query as Record<string, string>;
    const admin = request.session!.role === 'admin';
    const chosen = admin
      ? UUID.test(query.organisation ?? '')
        ? query.organisation!
        : null
      : request.session!.organisationId;
    const pending = await listManagedAccounts(deps, actor, { organisationId: null, pendingOnly: true });
    const accounts = chosen
      ? await listManagedAccounts(deps, actor, { organisationId: chosen, pendingOnly: false })
      : null;
    const content = managementPage({
      csrfToken: reply.generateCsrf(),
      viewerId: request.session!.accountId,
      viewerLevel: suspensionLevel(actor) ?? 'organisation',
      pending,
      accounts,
      suspensions: await openSuspensions(
        deps.db,
        (accounts ?? []).map((account) => account.accountId),
      ),
      organisations: admin ? await organisationsFor(actor) : null,
      selectedOrganisation: chosen,
      ...notice,
    });
    return sendPage(reply, content, deps.mode, notice.error ? 403 : 200);
  }

  forms.get('/gestion/comptes', page, async (request, reply) => {
    const fait = (request.query as Record<string, string>).fait;
    return showQueue(request, reply, { info: fait ? done[fait] : undefined });
  });

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    error?: string,
  ) {
    const actor = actorOf(request);
    const content = newAccountPage({
      csrfToken: reply.generateCsrf(),
      roles: managedRoles(actor),
      organisations: await organisationsFor(actor),
      values,
      error,
    });
    return sendPage(reply, content, deps.mode, error ? 400 : 200);
  }
  forms.get('/gestion/comptes/nouveau', sensitive, async (request, reply) => showForm(request, reply));
  forms.post('/gestion/comptes/nouveau', { ...guarded, ...sensitive }, async (request, reply) => {
    const body = bodyOf(request);
    const values = {
      displayName: text(body.displayName).trim(),
      email: text(body.email).trim(),
      role: text(body.role),
      organisationId: text(body.organisationId),
    };
    const actor = actorOf(request);
    const role = managedRoles(actor).find((candidate) => candidate === values.role);
    if (!values.displayName || !EMAIL.test(values.email) || !role || !UUID.test(values.organisationId)) {
      const error =
        'Veuillez indiquer le prénom et le nom, une adresse électronique valide, un rôle et une organisation.';
      return showForm(request, reply, values, error);
    }
    if (await deps.vault.findAccountIdByEmail(values.email)) {
      return showForm(request, reply, values, 'Un compte utilise déjà cette adresse électronique.');
    }
    try {
      await requestStaffAccount(deps, actor, { ...values, role });
    } catch (error) {
      // The rule lives with the request itself: a role belongs to one kind of organisation.
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      const mismatch =
        'Ce rôle ne correspond pas à cette organisation : un recruteur appartient à un employeur, un utilisateur d’organisme de formation à un organisme, un conseiller à une agence.';
      return showForm(request, reply, values, mismatch);
    }
    return reply.redirect('/gestion/comptes?fait=demande', 303);
  });

  // Each action answers the outcome shown once it is done.
  type Act = (actor: Actor, accountId: string, body: Record<string, unknown>) => Promise<string>;
  const actions: [string, Act, typeof page][] = [
    ['/gestion/comptes/approuver', (a, id) => approveStaffAccount(deps, a, id).then(() => 'approuve'), sensitive],
    ['/gestion/comptes/refuser', (a, id) => rejectStaffAccount(deps, a, id).then(() => 'refuse'), sensitive],
    [
      '/gestion/comptes/suspendre',
      (a, id, body) => suspendAccount(deps, a, id, text(body.motif)).then(() => 'suspendu'),
      page,
    ],
    [
      '/gestion/comptes/reactiver',
      async (a, id) => ((await liftSuspension(deps, a, id)) === 'lifted' ? 'reactive' : 'reactivation-demandee'),
      sensitive,
    ],
  ];
  for (const [url, act, options] of actions) {
    forms.post(url, { ...guarded, ...options }, async (request, reply) => {
      const body = bodyOf(request);
      const accountId = text(body.account);
      if (!UUID.test(accountId)) throw new AppError('NOT_FOUND');
      if (accountId === request.session!.accountId) throw new AppError('FORBIDDEN', 'own account');
      try {
        return reply.redirect(`/gestion/comptes?fait=${await act(actorOf(request), accountId, body)}`, 303);
      } catch (error) {
        const refusal = error instanceof AppError && error.detail ? refusals[error.detail] : undefined;
        if (!refusal) throw error;
        return showQueue(request, reply, { error: refusal });
      }
    });
  }
}
