import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domains.js';
import { access, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm, type FormState, type PageContent } from '../../ui/index.js';
import { accountFile } from '../account-file.js';
import { loadCharts } from '../charts.js';
import { readHolder } from '../holder.js';
import { OFFICERS } from '../officer.js';
import { overview } from '../overview.js';
import { accountPage } from '../pages/account.page.js';
import { chartsPage } from '../pages/charts.page.js';
import { consolePage } from '../pages/console.page.js';
import { switchableOrganisations } from '../security.repo.js';
import { registerSecurityActions } from './actions.routes.js';
import { accountParams, done, holderFields, noticeQuery, type SwitchField } from './schemas.js';

const require = createRequire(import.meta.url);

/** Chart.js's one-file build, from the package installed with the platform (never a CDN). */
const chartJsFile = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/** Who reads the console: security officers only (see officer.ts). */
export const officerPage = access.page({ roles: OFFICERS });

/** The console's home, shown again by its forms with their errors or a refusal. */
export interface ConsoleHome {
  render(
    request: FastifyRequest,
    csrfToken: string,
    notice: { info?: string; error?: string; form?: FormState<SwitchField> },
  ): Promise<PageContent>;
}

export function consoleHome(deps: DomainDeps): ConsoleHome {
  return {
    async render(request, csrfToken, notice) {
      const [open, organisations] = await Promise.all([
        overview(deps, actorOf(request)),
        switchableOrganisations(deps.db),
      ]);
      return consolePage({
        overview: open,
        csrfToken,
        switchForm: notice.form ?? emptyForm(csrfToken),
        organisations: organisations.map((row) => ({ value: row.id, label: row.name })),
        info: notice.info,
        error: notice.error,
      });
    },
  };
}

/**
 * The security officers' console (issue 11): the open alerts, suspensions and kill switches,
 * the volumes read, an account's file; the decisions are in actions.routes.ts. Every route is
 * the officers' only, and every use case checks it again.
 */
export function registerSecurityRoutes(web: Web, deps: DomainDeps): void {
  web.home(OFFICERS, '/securite');
  web.script('chart.js', chartJsFile);
  web.script('graphiques-securite.js', path.join(import.meta.dirname, '../static/graphiques-securite.js'));
  const home = consoleHome(deps);

  web.page(
    '/securite',
    { access: officerPage, query: noticeQuery, menu: 'Console de sécurité' },
    async (request, reply) => {
      const info = request.query.fait ? done[request.query.fait] : undefined;
      return reply.page(await home.render(request, reply.csrfToken(), { info }));
    },
  );

  web.page('/securite/consultations', { access: officerPage, menu: 'Volumes consultés' }, async (request, reply) =>
    reply.page(chartsPage(await loadCharts(deps, actorOf(request)))),
  );

  web.page(
    '/securite/comptes/:id',
    { access: officerPage, params: accountParams, query: noticeQuery },
    async (request, reply) => {
      const file = await accountFile(deps, actorOf(request), request.params.id);
      const info = request.query.fait ? done[request.query.fait] : undefined;
      return reply.page(accountPage({ file, csrfToken: reply.csrfToken(), info }));
    },
  );

  // The holder's name and e-mail, on demand: a read through the vault, logged as the officer's.
  web.form(
    '/securite/comptes/:id/titulaire',
    { access: officerPage, params: accountParams, fields: holderFields },
    async (_values, request, reply: FastifyReply) => {
      const actor = actorOf(request);
      const file = await accountFile(deps, actor, request.params.id);
      const holder = await readHolder(deps, actor, request.params.id);
      return reply.page(accountPage({ file, csrfToken: reply.csrfToken(), holder }));
    },
  );

  registerSecurityActions(web, deps, home);
}
