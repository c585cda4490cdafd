import { z } from 'zod';
import { actorOf } from '../../identity/index.js';
import { access, type Web } from '../../http/kit/index.js';
import type { RecruitingDeps } from '../deps.js';
import { PAGE_SIZE, recruiterStatuses, refusalReasonCodes } from '../recruiting.policy.js';
import { apiApplication, apiApplicationPageSchema, apiStatus, apiStatusSchema } from '../recruiting.presenter.js';
import { changeStatus, listApplications, ownApplication, StatusRefused } from '../review.js';
import { AppError } from '../../kernel/errors.js';
import { RECRUITERS, listQuery } from './recruiter.routes.js';

const idParams = z.strictObject({ id: z.uuid() });
const statusBody = z.strictObject({
  statut: z.enum(recruiterStatuses),
  motif: z.enum(refusalReasonCodes).optional(),
});

/**
 * The applications through the JSON API, for an employer's own recruitment software: the same
 * list and status changes as the pages, the same scope (its own employer's offers only; another
 * employer's id is not found), and a device proof on every request (access.api).
 */
export function registerRecruitingApi(web: Web, deps: RecruitingDeps): void {
  const api = access.api({ roles: RECRUITERS });
  web.api(
    'GET',
    '/api/v1/recrutement/candidatures',
    {
      access: api,
      query: listQuery,
      response: { 200: apiApplicationPageSchema },
      summary: 'Les candidatures aux offres de mon employeur',
      description: `Une page de ${PAGE_SIZE} candidatures, les plus récentes d’abord, filtrable par statut. Lecture journalisée des noms des personnes.`,
      tags: ['recrutement'],
    },
    async (request) => {
      const page = request.query.page;
      const { items, total } = await listApplications(deps, actorOf(request), {
        page,
        status: request.query.statut || undefined,
      });
      return {
        candidatures: items.map(apiApplication),
        page,
        pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        total,
      };
    },
  );
  web.api(
    'POST',
    '/api/v1/recrutement/candidatures/:id/statut',
    {
      access: api,
      params: idParams,
      body: statusBody,
      response: { 200: apiStatusSchema },
      summary: 'Changer le statut d’une candidature',
      description:
        'Statuts : reviewing, interview, accepted, rejected (avec un motif de la liste). La personne est prévenue par courriel.',
      tags: ['recrutement'],
    },
    async (request) => {
      const actor = actorOf(request);
      try {
        await changeStatus(deps, actor, {
          id: request.params.id,
          status: request.body.statut,
          reason: request.body.motif,
        });
      } catch (error) {
        if (error instanceof StatusRefused) throw new AppError('VALIDATION_FAILED', `status: ${error.reason}`);
        throw error;
      }
      return apiStatus(await ownApplication(deps, actor, request.params.id));
    },
  );
}
