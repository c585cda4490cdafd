import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../src/identity/index.js';
import type { Db } from '../src/db/client.js';
import { openTestDb } from './support/databases.js';
import { identityApp } from './support/identity.js';

const MANAGERS = 'roles=admin,of_manager';
const RECRUITERS = 'roles=recruiter,recruiter_manager';
const OF = 'roles=of_user,of_manager';
const OFFICERS = 'roles=security_officer';
const DECISION = 'stepUp returnTo=/securite';

/**
 * Every route of the platform, with the access it declares and the parts of the request it
 * validates with zod (`p` params, `q` query string, `b` body; `form` for a route that takes
 * form bodies). A new route changes this list on purpose: add it here, with the access you
 * mean it to have, and the review sees both.
 */
const EXPECTED: readonly (readonly [string, string, string])[] = [
  ['GET /dsfr/*', 'static', ''],
  ['GET /favicon.svg', 'public', ''],
  ['GET /favicon.ico', 'public', ''],
  ['GET /static/appareil.js', 'public', ''],
  ['GET /static/cles.js', 'public', ''],
  ['GET /static/reprise.js', 'public', ''],
  ['GET /static/webauthn.js', 'public', ''],
  ['GET /health', 'public', ''],
  ['GET /api/v1', 'public', ''],
  ['GET /api/openapi.json', 'public', ''],
  ['GET /session/nonce', 'session', 'q'],
  ['POST /session/preuve', 'device', 'q b'],
  ['GET /api/v1/moi', 'api', 'q'],
  ['GET /api/v1/sessions', 'api', 'q'],
  ['GET /connexion', 'public', 'q'],
  ['POST /connexion', 'public', 'q b form'],
  ['GET /connexion/verification', 'public', 'q'],
  ['POST /connexion/verification', 'public', 'q b form'],
  ['POST /connexion/secours', 'public', 'q b form'],
  ['POST /deconnexion', 'page', 'q b form'],
  ['GET /inscription', 'public', 'q'],
  ['POST /inscription', 'public', 'q b form'],
  ['GET /inscription/confirmer/:token', 'public', 'p q'],
  ['GET /mot-de-passe-oublie', 'public', 'q'],
  ['POST /mot-de-passe-oublie', 'public', 'q b form'],
  ['GET /mot-de-passe/nouveau/:token', 'public', 'p q'],
  ['POST /mot-de-passe/nouveau', 'public', 'q b form'],
  ['GET /compte/mot-de-passe', 'page', 'q'],
  ['POST /compte/mot-de-passe', 'page', 'q b form'],
  ['GET /espace', 'page', 'q'],
  ['GET /compte', 'page', 'q'],
  ['GET /compte/sessions', 'page', 'q'],
  ['POST /compte/sessions/fin', 'page', 'q b form'],
  ['GET /compte/totp', 'page stepUp', 'q'],
  ['POST /compte/totp', 'page stepUp returnTo=/compte/totp', 'q b form'],
  ['POST /connexion/cle/options', 'public', 'q b'],
  ['POST /connexion/cle', 'public', 'q b'],
  ['GET /compte/cles', 'page', 'q'],
  ['POST /compte/cles/options', 'page stepUp returnTo=/compte/cles', 'q b'],
  ['POST /compte/cles', 'page stepUp returnTo=/compte/cles', 'q b'],
  ['POST /compte/cles/supprimer', 'page stepUp returnTo=/compte/cles', 'q b form'],
  ['POST /compte/totp/supprimer', 'page stepUp returnTo=/compte/cles', 'q b form'],
  ['GET /compte/verification', 'page verification', 'q'],
  ['POST /compte/verification', 'page verification', 'q b form'],
  ['POST /compte/verification/cle/options', 'page verification', 'q b'],
  ['POST /compte/verification/cle', 'page verification', 'q b'],
  ['GET /compte/reprise', 'page', 'q'],
  ['GET /invitation/:token', 'public', 'p q'],
  ['POST /invitation/mot-de-passe', 'public', 'q b form'],
  ['POST /invitation/cle/options', 'public', 'q b'],
  ['POST /invitation/cle', 'public', 'q b'],
  ['POST /invitation/totp', 'public', 'q b form'],
  ['GET /gestion/comptes', `page ${MANAGERS}`, 'q'],
  ['GET /gestion/comptes/nouveau', `page ${MANAGERS} stepUp returnTo=/gestion/comptes`, 'q'],
  ['POST /gestion/comptes/nouveau', `page ${MANAGERS} stepUp returnTo=/gestion/comptes`, 'q b form'],
  ['POST /gestion/comptes/approuver', `page ${MANAGERS} stepUp returnTo=/gestion/comptes`, 'q b form'],
  ['POST /gestion/comptes/refuser', `page ${MANAGERS} stepUp returnTo=/gestion/comptes`, 'q b form'],
  ['POST /gestion/comptes/retirer', `page ${MANAGERS}`, 'q b form'],
  ['POST /gestion/comptes/suspendre', `page ${MANAGERS}`, 'q b form'],
  ['POST /gestion/comptes/reactiver', `page ${MANAGERS} stepUp returnTo=/gestion/comptes`, 'q b form'],
  ['GET /', 'public', 'q'],
  ['GET /accessibilite', 'public', 'q'],
  ['GET /donnees-personnelles', 'public', 'q'],
  ['GET /demo/boite-mail', 'public', 'q'],
  // Offers (src/offers/): the public search and pages, alerts, a recruiter's offers.
  ['GET /offres/alertes', 'page roles=candidate', 'q'],
  ['GET /offres/alertes/nouvelle', 'page roles=candidate', 'q'],
  ['POST /offres/alertes/nouvelle', 'page roles=candidate returnTo=/offres/alertes', 'q b form'],
  ['POST /offres/alertes/suppression', 'page roles=candidate returnTo=/offres/alertes', 'q b form'],
  ['GET /offres', 'public', 'q'],
  ['GET /offres/:reference', 'public', 'p q'],
  ['GET /recrutement/offres', 'page roles=recruiter,recruiter_manager', 'q'],
  ['GET /recrutement/offres/nouvelle', 'page roles=recruiter,recruiter_manager', 'q'],
  [
    'POST /recrutement/offres/nouvelle',
    'page roles=recruiter,recruiter_manager returnTo=/recrutement/offres/nouvelle',
    'q b form',
  ],
  ['GET /recrutement/offres/:id', 'page roles=recruiter,recruiter_manager', 'p q'],
  ['GET /recrutement/offres/:id/modification', 'page roles=recruiter,recruiter_manager', 'p q'],
  ['POST /recrutement/offres/:id/modification', 'page roles=recruiter,recruiter_manager', 'p q b form'],
  ['GET /recrutement/offres/:id/publication', 'page roles=recruiter,recruiter_manager', 'p q'],
  ['POST /recrutement/offres/:id/publication', 'page roles=recruiter,recruiter_manager', 'p q b form'],
  ['POST /recrutement/offres/:id/cloture', 'page roles=recruiter,recruiter_manager', 'p q b form'],
  ['POST /recrutement/offres/:id/archivage', 'page roles=recruiter,recruiter_manager', 'p q b form'],
  ['GET /candidat', 'page roles=candidate', 'q'],
  ['GET /candidat/profil', 'page roles=candidate returnTo=/candidat/profil', 'q'],
  ['GET /candidat/profil/identite', 'page roles=candidate returnTo=/candidat/profil/identite', 'q'],
  ['POST /candidat/profil/identite', 'page roles=candidate returnTo=/candidat/profil/identite', 'q b form'],
  ['GET /candidat/profil/parcours', 'page roles=candidate returnTo=/candidat/profil/parcours', 'q'],
  ['POST /candidat/profil/parcours', 'page roles=candidate returnTo=/candidat/profil/parcours', 'q b form'],
  ['POST /candidat/profil/parcours/retrait', 'page roles=candidate returnTo=/candidat/profil', 'q b form'],
  ['GET /candidat/profil/souhaits', 'page roles=candidate returnTo=/candidat/profil/souhaits', 'q'],
  ['POST /candidat/profil/souhaits', 'page roles=candidate returnTo=/candidat/profil/souhaits', 'q b form'],
  ['GET /candidat/profil/vivier', 'page roles=candidate returnTo=/candidat/profil/vivier', 'q'],
  ['POST /candidat/profil/vivier', 'page roles=candidate returnTo=/candidat/profil/vivier', 'q b form'],
  ['GET /candidat/cv', 'page roles=candidate returnTo=/candidat/cv', 'q'],
  ['POST /candidat/cv', 'page roles=candidate returnTo=/candidat/cv', 'q b upload'],
  ['POST /candidat/cv/telechargement', 'page roles=candidate returnTo=/candidat/cv', 'q b form'],
  ['POST /candidat/cv/suppression', 'page roles=candidate returnTo=/candidat/cv', 'q b form'],
  ['GET /mes-donnees', 'page roles=candidate,job_seeker', 'q'],
  ['GET /mes-donnees/lisible', 'page roles=candidate,job_seeker stepUp returnTo=/mes-donnees', 'q'],
  ['POST /mes-donnees/export', 'page roles=candidate,job_seeker stepUp returnTo=/mes-donnees', 'q b form'],
  ['GET /mes-donnees/suppression', 'page roles=candidate,job_seeker stepUp returnTo=/mes-donnees/suppression', 'q'],
  [
    'POST /mes-donnees/suppression',
    'page roles=candidate,job_seeker stepUp returnTo=/mes-donnees/suppression',
    'q b form',
  ],
  ['GET /mes-donnees/supprime', 'public', 'q'],
  ['GET /mes-acces', 'page roles=candidate,job_seeker', 'q'],
  // Recruiting (issue 9): the recruiter's home and applications, the candidate's, the pool, the API.
  ['GET /recrutement', `page ${RECRUITERS}`, 'q'],
  ['GET /recrutement/candidatures', `page ${RECRUITERS}`, 'q'],
  ['GET /recrutement/candidatures/:id', `page ${RECRUITERS}`, 'p q'],
  ['POST /recrutement/candidatures/:id/statut', `page ${RECRUITERS}`, 'p q b form'],
  ['POST /recrutement/candidatures/:id/cv', `page ${RECRUITERS}`, 'p q b form'],
  ['POST /recrutement/candidatures/:id/message', `page ${RECRUITERS}`, 'p q b form'],
  ['GET /candidat/candidatures', 'page roles=candidate', 'q'],
  ['GET /candidat/candidatures/nouvelle', 'page roles=candidate', 'q'],
  ['POST /candidat/candidatures/nouvelle', 'page roles=candidate', 'q b form'],
  ['GET /candidat/candidatures/:id', 'page roles=candidate', 'p q'],
  ['POST /candidat/candidatures/:id/retrait', 'page roles=candidate', 'p q b form'],
  ['GET /recrutement/vivier', 'page roles=recruiter_manager', 'q'],
  ['POST /recrutement/vivier/profil', 'page roles=recruiter_manager', 'q b form'],
  ['GET /api/v1/recrutement/candidatures', `api ${RECRUITERS}`, 'q'],
  ['POST /api/v1/recrutement/candidatures/:id/statut', `api ${RECRUITERS}`, 'p q b'],
  // The training organisations' portal (src/training/).
  ['GET /organisme', `page ${OF}`, 'q'],
  ['GET /organisme/declarations', `page ${OF}`, 'q'],
  ['GET /organisme/securite', 'page roles=of_manager', 'q'],
  ['POST /organisme/securite', 'page roles=of_manager stepUp returnTo=/organisme/securite', 'q b form'],
  ['GET /organisme/sessions', `page ${OF}`, 'q'],
  ['GET /organisme/sessions/nouvelle', `page ${OF}`, 'q'],
  ['POST /organisme/sessions/nouvelle', `page ${OF}`, 'q b form'],
  ['GET /organisme/sessions/:id', `page ${OF}`, 'p q'],
  ['POST /organisme/sessions/:id/reunions', `page ${OF}`, 'p q b form'],
  ['GET /organisme/sessions/import', `page ${OF}`, 'q'],
  ['POST /organisme/sessions/import', `page ${OF}`, 'q b form'],
  ['POST /organisme/sessions/import/lot', `page ${OF}`, 'q b'],
  ['GET /static/import-sessions.js', 'public', ''],
  ['GET /organisme/orientations/:id', `page ${OF}`, 'p q'],
  ['POST /organisme/orientations/:id/coordonnees', `page ${OF}`, 'p q b form'],
  ['POST /organisme/orientations/:id/reponse', `page ${OF}`, 'p q b form'],
  ['POST /organisme/orientations/:id/entree', `page ${OF}`, 'p q b form'],
  ['POST /organisme/orientations/:id/presence', `page ${OF}`, 'p q b form'],
  ['POST /organisme/orientations/:id/interruption', `page ${OF}`, 'p q b form'],
  ['POST /organisme/orientations/:id/reprise', `page ${OF}`, 'p q b form'],
  ['POST /organisme/orientations/:id/sortie', `page ${OF}`, 'p q b form'],
  ['GET /api/v1/organisme/sessions', `api ${OF}`, 'q'],
  ['GET /api/v1/organisme/stagiaires', `api ${OF}`, 'q'],
  ['POST /api/v1/organisme/orientations/:id/reponse', `api ${OF}`, 'p q b'],
  ['POST /api/v1/organisme/orientations/:id/declarations', `api ${OF}`, 'p q b'],
  ['GET /conseiller', 'page roles=advisor', 'q'],
  ['GET /conseiller/recherche', 'page roles=advisor', 'q'],
  ['POST /conseiller/recherche', 'page roles=advisor', 'q b form'],
  ['GET /conseiller/demandeurs/:id', 'page roles=advisor', 'p q'],
  ['GET /conseiller/demandeurs/:id/orientation', 'page roles=advisor', 'p q'],
  ['POST /conseiller/demandeurs/:id/orientation', 'page roles=advisor', 'p q b form'],
  ['GET /conseiller/suivi', 'page roles=advisor', 'q'],
  ['GET /demandeur', 'page roles=job_seeker', 'q'],
  // The security officers' console (src/security/): pages, and decisions behind a step-up.
  ['GET /static/chart.js', 'public', ''],
  ['GET /static/graphiques-securite.js', 'public', ''],
  ['GET /securite', `page ${OFFICERS}`, 'q'],
  ['GET /securite/consultations', `page ${OFFICERS}`, 'q'],
  ['GET /securite/comptes/:id', `page ${OFFICERS}`, 'p q'],
  ['POST /securite/comptes/:id/titulaire', `page ${OFFICERS}`, 'p q b form'],
  ['POST /securite/alertes/decision', `page ${OFFICERS} ${DECISION}`, 'q b form'],
  ['POST /securite/suspensions/levee', `page ${OFFICERS} ${DECISION}`, 'q b form'],
  ['POST /securite/coupe-circuit', `page ${OFFICERS} ${DECISION}`, 'q b form'],
  ['POST /securite/coupe-circuit/levee', `page ${OFFICERS} ${DECISION}`, 'q b form'],
];

function describeAccess(access: Access | undefined): string {
  if (!access) return 'static';
  return [
    access.level,
    access.roles ? `roles=${access.roles.join(',')}` : '',
    access.stepUp ? 'stepUp' : '',
    access.returnTo ? `returnTo=${access.returnTo}` : '',
    access.verification ? 'verification' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const SHORT: Record<string, string> = { params: 'p', querystring: 'q', body: 'b' };

describe('every route declares its access and validates what it reads', () => {
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    ({ app } = await identityApp(db));
    // A route written without the kit and without a declaration, as a mistake would be.
    app.get('/essai/sans-declaration', async () => ({ fuite: 'ne doit jamais sortir' }));
    app.get('/essai/declaree', { config: { access: { level: 'public' } } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists the platform’s routes with their declared access and zod schemas', () => {
    const listed = app
      .routeList()
      .filter((route) => !route.url.startsWith('/essai/'))
      .map((route) => [
        `${route.method} ${route.url}`,
        describeAccess(route.access),
        [...route.schemas.map((part) => SHORT[part]), route.form ? 'form' : '', route.upload ? 'upload' : '']
          .filter(Boolean)
          .join(' '),
      ]);
    expect(listed).toEqual(EXPECTED.map((row) => [...row]));
  });

  it('gives a schema to every path parameter and every body, and takes form bodies only on forms', () => {
    expect(
      app
        .routeList()
        .filter((route) => route.upload)
        .map((route) => route.method),
    ).not.toContain('GET');
    for (const route of app.routeList()) {
      if (route.url.startsWith('/essai/') || !route.access) continue;
      if (route.url.includes(':')) expect(route.schemas, route.url).toContain('params');
      if (route.method === 'POST') expect(route.schemas, route.url).toContain('body');
      if (route.form) expect(route.method, route.url).toBe('POST');
    }
  });

  it('answers 403 on a route registered without a declaration, and lets the declared one through', async () => {
    const refused = await app.inject({ url: '/essai/sans-declaration' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect(refused.body).not.toContain('ne doit jamais sortir');
    expect((await app.inject({ url: '/essai/declaree' })).statusCode).toBe(200);
  });
});
