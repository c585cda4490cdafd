import { z } from 'zod';
import type { Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { AppError } from '../../kernel/errors.js';
import { answerReferral, declare, DeclarationRefused, type Declaration } from '../declare.js';
import type { TrainingDeps } from '../deps.js';
import { sessionView, traineeView } from '../training.presenter.js';
import { exitOutcomes, interruptionReasons } from '../training.policy.js';
import { fundings } from '../training.repo.js';
import { sessionsPage } from '../sessions.js';
import { traineePage } from '../trainees.js';
import { idParams, ofApi, pageQuery } from './access.js';

/*
 * The organisation's management software: its sessions, its trainees page by page and its
 * declarations, with the same scope as the pages (the vault's training.follow_up), a device
 * proof on every request (access.api), zod in and out, and no bulk export: a capped page size.
 */

const tags = ['organisme'];
const day = z.iso.date();
const statuses = ['referred', 'accepted', 'refused', 'entered', 'interrupted', 'exited', 'declined'] as const;

const paging = z.strictObject({ page: z.number().int(), taille: z.number().int(), total: z.number().int() });
const sessionSchema = z.strictObject({
  id: z.uuid(),
  title: z.string(),
  formacode: z.string().nullable(),
  place: z.string(),
  departement: z.string(),
  startsOn: day,
  endsOn: day,
  capacity: z.number().int(),
  funding: z.enum(fundings),
  referrals: z.number().int(),
  open: z.number().int(),
  seatsTaken: z.number().int().describe('Places prises : stagiaires acceptés ou en formation'),
});
const traineeSchema = z.strictObject({
  referralId: z.uuid(),
  sessionId: z.uuid(),
  status: z.enum(statuses),
  lastName: z.string(),
  firstName: z.string(),
  franceTravailId: z.string().nullable(),
});
const declarationBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entry'), on: day }),
  z.strictObject({
    kind: z.literal('attendance'),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    daysPresent: z.number().int().min(0).max(31),
  }),
  z.strictObject({ kind: z.literal('interruption'), on: day, reason: z.enum(interruptionReasons) }),
  // After an interruption « avec report » only (reason `of_postponed`).
  z.strictObject({ kind: z.literal('resumption'), on: day }),
  z.strictObject({ kind: z.literal('exit'), on: day, outcome: z.enum(exitOutcomes) }),
]);
const accepted = z.strictObject({ ok: z.literal(true), late: z.boolean() });

/** A refused declaration or answer, in the catalogue's words (the French reason in the message). */
function refused(error: unknown): never {
  if (error instanceof DeclarationRefused) throw new AppError('VALIDATION_FAILED', error.reason);
  throw error;
}

export function registerTrainingApi(web: Web, deps: TrainingDeps): void {
  web.api(
    'GET',
    '/api/v1/organisme/sessions',
    {
      access: ofApi,
      query: z.strictObject({ page: pageQuery.page }),
      response: { 200: z.strictObject({ sessions: z.array(sessionSchema), pagination: paging }) },
      summary: 'Les sessions de l’organisme, page par page',
      tags,
    },
    async (request) => {
      const page = await sessionsPage(deps, actorOf(request), request.query.page);
      return {
        sessions: page.rows.map(sessionView),
        pagination: { page: page.page, taille: page.size, total: page.total },
      };
    },
  );
  web.api(
    'GET',
    '/api/v1/organisme/stagiaires',
    {
      access: ofApi,
      query: z.strictObject({ ...pageQuery, session: z.uuid().optional() }),
      response: { 200: z.strictObject({ stagiaires: z.array(traineeSchema), pagination: paging }) },
      summary:
        'Les stagiaires orientés vers les sessions de l’organisme (nom, prénom, identifiant France Travail), page par page',
      description:
        'Une page de 10 personnes au plus, quelle que soit la taille demandée ; au plus 10 personnes nouvelles par seconde ' +
        '(au-delà, la lecture est refusée avec STEP_UP_REQUIRED : comptez une page par seconde) ; ' +
        'chaque lecture est enregistrée dans le journal des accès.',
      tags,
    },
    async (request) => {
      const { trainees } = await traineePage(deps, actorOf(request), {
        sessionId: request.query.session,
        page: request.query.page,
        size: request.query.taille,
      });
      return {
        stagiaires: trainees.rows.map(traineeView),
        pagination: { page: trainees.page, taille: trainees.size, total: trainees.total },
      };
    },
  );
  web.api(
    'POST',
    '/api/v1/organisme/orientations/:id/reponse',
    {
      access: ofApi,
      params: idParams,
      body: z.strictObject({ decision: z.enum(['accept', 'refuse']) }),
      response: { 200: z.strictObject({ ok: z.literal(true) }) },
      summary: 'Accepter ou refuser une orientation',
      tags,
    },
    async (request) => {
      await answerReferral(deps, actorOf(request), request.params.id, request.body.decision).catch(refused);
      return { ok: true as const };
    },
  );
  web.api(
    'POST',
    '/api/v1/organisme/orientations/:id/declarations',
    {
      access: ofApi,
      params: idParams,
      body: declarationBody,
      response: { 200: accepted },
      summary: 'Déclarer une entrée, une présence mensuelle, une interruption ou une sortie',
      description: 'Chaque déclaration est due dans les trois jours ; `late` dit si elle arrive hors délai.',
      tags,
    },
    async (request) => {
      const { late } = await declare(deps, actorOf(request), request.params.id, request.body as Declaration).catch(
        refused,
      );
      return { ok: true as const, late };
    },
  );
}
