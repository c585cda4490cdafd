import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addressTag } from '../../crypto/address-tag.js';
import { access, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { actorOf } from '../access.js';
import { readOwnContact } from '../contact.js';
import { meSchema, presentMe, presentSessions, sessionsSchema } from '../identity.presenter.js';
import { issueNonce } from '../sessions/nonce.js';
import { listSessions } from '../sessions/session-store.js';
import type { IdentityDeps } from './deps.js';

const nonceSchema = z.strictObject({ nonce: z.string() });

/** The account's live sessions, each compared with the network this request comes from. */
export function sessionsHere(deps: IdentityDeps, request: FastifyRequest) {
  const here = addressTag(deps.addressTagKey, request.ip);
  return listSessions(deps.db, request.session!.accountId, deps.clock.now(), here);
}

/** The device-proof endpoints of the page scripts, and the account's own API. */
export function registerSessionRoutes(web: Web, deps: IdentityDeps): void {
  web.api(
    'GET',
    '/session/nonce',
    { access: access.session(), hide: true, response: { 200: nonceSchema } },
    async (request) => ({
      nonce: issueNonce(deps.nonceKey, request.session!.id, deps.clock.now(), deps.random),
    }),
  );
  // The proof is in its header, checked by the access declaration; the request has no body.
  web.api(
    'POST',
    '/session/preuve',
    { access: access.device(), hide: true, body: z.null().optional(), response: {} },
    async (_request, reply) => reply.code(204).send(),
  );

  web.api(
    'GET',
    '/api/v1/moi',
    {
      access: access.api(),
      summary: 'Mon compte',
      description: 'Le compte de la session : identifiant, rôle, adresse électronique et nom. Lecture journalisée.',
      tags: ['compte'],
      response: { 200: meSchema },
    },
    async (request) => {
      const contact = await readOwnContact(deps.vault, actorOf(request));
      if (!contact) throw new AppError('NOT_FOUND');
      return presentMe(contact, request.session!.role);
    },
  );
  web.api(
    'GET',
    '/api/v1/sessions',
    {
      access: access.api(),
      summary: 'Mes sessions',
      description:
        'Les sessions ouvertes du compte, la session courante signalée, et pour chacune si elle utilise le même réseau que la requête.',
      tags: ['compte'],
      response: { 200: sessionsSchema },
    },
    async (request) => presentSessions(await sessionsHere(deps, request), request.session!.id),
  );
}
