import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domains.js';
import { setSwitch, liftSwitch } from '../../guard/switches.js';
import { access, invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { liftSuspension } from '../../identity/accounts/suspensions.js';
import { AppError } from '../../kernel/errors.js';
import { decideAlert } from '../decide-alert.js';
import { OFFICERS } from '../officer.js';
import type { ConsoleHome } from './security.routes.js';
import { alertFields, liftFields, switchFields, switchLiftFields, type Done } from './schemas.js';

/**
 * Every decision of the console asks for a fresh passkey or TOTP check (DESIGN.md: the kill
 * switch is a sensitive action; so is what undoes or silences one) and resumes after it with
 * what was posted.
 */
const sensitive = access.page({ roles: OFFICERS, stepUp: true, returnTo: '/securite' });

/** Refusals an officer may meet, by the detail of the domain's error. */
const refusals: Record<string, string> = {
  'self-lift': 'Vous avez déjà demandé cette levée : une seconde personne doit la confirmer.',
  'own alert': 'Cette alerte concerne votre propre compte : un autre responsable de la sécurité doit en décider.',
};

/** After an action: the page of the account it was about, or the console. */
function back(reply: FastifyReply, fait: Done, accountId: string | null | undefined) {
  const page = accountId ? `/securite/comptes/${accountId}` : '/securite';
  return reply.redirect(`${page}?fait=${fait}`, 303);
}

/**
 * The console's decisions: an alert confirmed or dismissed; a suspension lifted (two people
 * at the platform's level); a kill switch set, and lifted by two people.
 */
export function registerSecurityActions(web: Web, deps: DomainDeps, home: ConsoleHome): void {
  const refused = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const refusal = error instanceof AppError && error.detail ? refusals[error.detail] : undefined;
    if (!refusal) throw error;
    return reply.page(await home.render(request, reply.csrfToken(), { error: refusal }), 403);
  };

  web.form(
    '/securite/alertes/decision',
    { access: sensitive, fields: alertFields, resume: 'décider de l’alerte' },
    async (values, request, reply) => {
      const confirmed = values.decision === 'confirmer';
      try {
        await decideAlert(deps, actorOf(request), values.alerte, confirmed ? 'confirmed' : 'dismissed');
      } catch (error) {
        return refused(request, reply, error);
      }
      return back(reply, confirmed ? 'alerte-confirmee' : 'alerte-ecartee', values.retour);
    },
  );

  web.form(
    '/securite/suspensions/levee',
    { access: sensitive, fields: liftFields, resume: 'lever la suspension' },
    async (values, request, reply) => {
      try {
        const lifted = (await liftSuspension(deps, actorOf(request), values.compte)) === 'lifted';
        return back(reply, lifted ? 'suspension-levee' : 'levee-demandee', values.retour);
      } catch (error) {
        return refused(request, reply, error);
      }
    },
  );

  web.form(
    '/securite/coupe-circuit',
    {
      access: sensitive,
      fields: switchFields,
      render: (form, request) => home.render(request, form.csrfToken, { form }),
      resume: 'activer le coupe-circuit',
    },
    async (values, request, reply) => {
      const target = switchTarget(values);
      try {
        await setSwitch(deps, actorOf(request), { level: values.niveau, target, reason: values.motif });
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return invalid(notFound[values.niveau]);
        throw error;
      }
      return back(reply, 'coupure-activee', values.niveau === 'account' ? target : values.retour);
    },
  );

  web.form(
    '/securite/coupe-circuit/levee',
    { access: sensitive, fields: switchLiftFields, resume: 'lever le coupe-circuit' },
    async (values, request, reply) => {
      try {
        const lifted = (await liftSwitch(deps, actorOf(request), values.coupure)) === 'lifted';
        return back(reply, lifted ? 'coupure-levee' : 'levee-demandee', values.retour);
      } catch (error) {
        return refused(request, reply, error);
      }
    },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one target of the chosen level, or the form's error on its field. */
function switchTarget(values: {
  niveau: 'account' | 'organisation' | 'surface';
  compte?: string;
  organisation?: string;
  service?: string;
}): string {
  if (values.niveau === 'account') {
    if (!values.compte) return invalid({ compte: 'Indiquez l’identifiant du compte à arrêter.' });
    if (!UUID.test(values.compte)) return invalid({ compte: 'Un identifiant de compte compte 36 caractères.' });
    return values.compte.toLowerCase();
  }
  if (values.niveau === 'organisation') {
    if (!values.organisation || !UUID.test(values.organisation)) {
      return invalid({ organisation: 'Choisissez l’organisme à arrêter.' });
    }
    return values.organisation;
  }
  if (!values.service) return invalid({ service: 'Choisissez le service à arrêter.' });
  return values.service;
}

/** A target the switch cannot stop: not a staff account (nor one's own), nor an organisation. */
const notFound: Record<'account' | 'organisation' | 'surface', Record<string, string>> = {
  account: { compte: 'Aucun compte du personnel ou d’un partenaire ne porte cet identifiant (le vôtre excepté).' },
  organisation: { organisation: 'Choisissez un organisme de la liste.' },
  surface: { service: 'Choisissez un service de la liste.' },
};
