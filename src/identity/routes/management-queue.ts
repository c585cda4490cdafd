import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/errors.js';
import type { Choice, FormState, PageContent } from '../../ui/index.js';
import type { Actor } from '../../vault/index.js';
import { access } from '../../http/kit/index.js';
import { actorOf } from '../access.js';
import { listManagedAccounts } from '../accounts/managed-accounts.js';
import { loadRequesters } from '../accounts/requesters.js';
import { openSuspensions, suspensionLevel } from '../accounts/suspensions.js';
import { managedAccountView } from '../identity.presenter.js';
import { managementPage } from '../pages/management.page.js';
import type { SuspendField } from '../pages/suspension.page.js';
import { MANAGERS } from './account.routes.js';
import type { IdentityDeps } from './deps.js';

/** What « Gestion des comptes » says once an action is done, by the `fait` of its address. */
export const done = {
  demande: 'La demande est enregistrée. Une seconde personne habilitée doit maintenant l’approuver.',
  approuve: 'Le compte est approuvé : son titulaire reçoit un lien d’invitation par courriel.',
  refuse: 'La demande est refusée. Le compte ne pourra pas être activé.',
  retire: 'Votre demande est retirée. Le compte ne pourra pas être activé.',
  suspendu: 'Le compte est suspendu, et toutes ses sessions sont fermées.',
  reactive: 'Le compte est réactivé.',
  'reactivation-demandee': 'La réactivation est demandée. Une seconde personne habilitée doit maintenant la confirmer.',
};
export type Outcome = keyof typeof done;

/** Refusals a manager may meet on the queue, by the detail of the domain's error. */
const refusals: Record<string, string> = {
  'self-approval': 'Vous avez demandé ce compte : une seconde personne habilitée doit l’approuver ou le refuser.',
  'self-lift': 'Vous avez demandé cette réactivation : une seconde personne de la plateforme doit la confirmer.',
  'platform level':
    'Ce compte a été suspendu au niveau de la plateforme : seuls deux administrateurs ou responsables de la sécurité peuvent le réactiver, l’un le demande et l’autre le confirme.',
};

/** The accesses of the management pages: the queue and suspending, and the rest behind a step-up. */
export const managerAccess = {
  page: access.page({ roles: MANAGERS }),
  sensitive: access.page({ roles: MANAGERS, stepUp: true, returnTo: '/gestion/comptes' }),
};

export interface Notice {
  info?: string;
  error?: string;
  organisation?: string;
  /** A suspension sent back for its reason. */
  suspension?: FormState<SuspendField>;
}

/** The queue page, shared by the management routes and the suspension routes. */
export interface ManagementQueue {
  /** The organisations an actor may pick: all for an admin, its own for an RGC. */
  organisationsFor(actor: Actor): Promise<Choice[]>;
  /** The queue and the chosen organisation's accounts, with a notice. */
  page(request: FastifyRequest, csrfToken: string, notice: Notice): Promise<PageContent>;
  show(request: FastifyRequest, reply: FastifyReply, notice: Notice, status?: number): Promise<FastifyReply>;
  /** The queue again with the reason the domain refused an action, or the error as it is. */
  refused(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<FastifyReply>;
}

export function managementQueue(deps: IdentityDeps): ManagementQueue {
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

  async function page(request: FastifyRequest, csrfToken: string, notice: Notice): Promise<PageContent> {
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
    const suspensions = await openSuspensions(
      deps.db,
      (accounts ?? []).map((account) => account.accountId),
    );
    const view = (list: typeof pending) =>
      list.map((account) => managedAccountView(account, session.accountId, requesters, suspensions));
    const [pendingViews, accountViews] = [view(pending), accounts ? view(accounts) : null];
    const suspending = notice.suspension?.values.account;
    return managementPage({
      csrfToken,
      viewerId: session.accountId,
      viewerLevel: suspensionLevel(actor) ?? 'organisation',
      pending: pendingViews,
      accounts: accountViews,
      organisations: admin ? await organisationsFor(actor) : null,
      selectedOrganisation: chosen,
      info: notice.info,
      error: notice.error,
      suspension: notice.suspension && {
        form: notice.suspension,
        who: [...pendingViews, ...(accountViews ?? [])].find((account) => account.accountId === suspending)?.name,
      },
    });
  }

  const show = async (request: FastifyRequest, reply: FastifyReply, notice: Notice, status = 200) =>
    reply.page(await page(request, reply.csrfToken(), notice), status);

  const refused = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const refusal = error instanceof AppError && error.detail ? refusals[error.detail] : undefined;
    if (!refusal) throw error;
    return show(request, reply, { error: refusal }, 403);
  };

  return { organisationsFor, page, show, refused };
}
