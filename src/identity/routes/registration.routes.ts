import { z } from 'zod';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { emptyForm } from '../../ui/index.js';
import { confirmEmail, registerCitizen } from '../accounts/registration.js';
import { confirmationPage, registrationPage, registrationSentPage } from '../pages/registration.page.js';
import type { IdentityDeps } from './deps.js';
import { tokenParams } from './schemas.js';

const registrationFields = z.strictObject({
  kind: formFields.choice(['candidate', 'job_seeker'], 'Indiquez si vous êtes candidat ou demandeur d’emploi.'),
  lastName: formFields.text('Indiquez votre nom.', 100),
  firstName: formFields.text('Indiquez votre prénom.', 100),
  email: formFields.email(),
  password: formFields.password('Choisissez un mot de passe.'),
});

/** Self-registration of candidates and job seekers, and the link that confirms the address. */
export function registerRegistrationRoutes(web: Web, deps: IdentityDeps): void {
  web.page('/inscription', { access: access.public() }, async (request, reply) => {
    if (request.session) return reply.redirect('/espace', 303);
    return reply.page(registrationPage(emptyForm(reply.csrfToken())));
  });
  web.form(
    '/inscription',
    { access: access.public(), fields: registrationFields, render: (form) => registrationPage(form) },
    async (values, request, reply) => {
      const result = await registerCitizen({ ...deps, ...deps.guards }, values, request.ip);
      if (!result.ok) invalid({ password: result.problems.map((problem) => problem.message).join(' ') });
      return reply.page(registrationSentPage());
    },
  );
  web.page(
    '/inscription/confirmer/:token',
    { access: access.public(), params: tokenParams },
    async (request, reply) => {
      const ok = await confirmEmail(deps, request.params.token);
      return reply.page(confirmationPage(ok), ok ? 200 : 400);
    },
  );
}
