import { z } from 'zod';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { emptyForm } from '../../ui/index.js';
import { changePassword } from '../accounts/password-change.js';
import { completePasswordReset, requestPasswordReset } from '../accounts/password-reset.js';
import { passwordChangePage, resetFormPage, resetRequestPage } from '../pages/password-reset.page.js';
import type { PasswordProblem } from '../passwords/index.js';
import { setSessionCookie } from '../sessions/cookie.js';
import type { IdentityDeps } from './deps.js';
import { linkToken, tokenParams } from './schemas.js';

const newPassword = formFields.password('Choisissez un mot de passe.');
const joined = (problems: readonly PasswordProblem[]) => problems.map((problem) => problem.message).join(' ');

/** Forgotten password (by a link sent by e-mail), and the change from the account. */
export function registerPasswordRoutes(web: Web, deps: IdentityDeps): void {
  web.page('/mot-de-passe-oublie', { access: access.public() }, async (_request, reply) =>
    reply.page(resetRequestPage({ form: emptyForm(reply.csrfToken()) })),
  );
  web.form(
    '/mot-de-passe-oublie',
    {
      access: access.public(),
      fields: z.strictObject({ email: formFields.email() }),
      render: (form) => resetRequestPage({ form }),
    },
    async (values, request, reply) => {
      await requestPasswordReset({ ...deps, ...deps.guards }, values.email, request.ip);
      return reply.page(resetRequestPage({ form: emptyForm(reply.csrfToken()), sent: true }));
    },
  );

  web.page('/mot-de-passe/nouveau/:token', { access: access.public(), params: tokenParams }, async (request, reply) =>
    reply.page(resetFormPage({ form: emptyForm(reply.csrfToken()), token: request.params.token })),
  );
  web.form(
    '/mot-de-passe/nouveau',
    {
      access: access.public(),
      fields: z.strictObject({ token: linkToken, password: newPassword }),
      render: (form) => resetFormPage({ form, token: typeof form.values.token === 'string' ? form.values.token : '' }),
    },
    async (values, request, reply) => {
      const result = await completePasswordReset(deps, {
        token: values.token,
        password: values.password,
        clientAddr: request.ip,
      });
      if (result.ok) return reply.redirect('/connexion?motdepasse=change', 303);
      if ('problems' in result) invalid({ password: joined(result.problems) });
      return invalid({}, { error: 'Ce lien a déjà servi ou a expiré. Demandez-en un nouveau.' });
    },
  );

  web.page('/compte/mot-de-passe', { access: access.page() }, async (_request, reply) =>
    reply.page(passwordChangePage(emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/compte/mot-de-passe',
    {
      access: access.page(),
      fields: z.strictObject({
        current: formFields.password('Indiquez votre mot de passe actuel.'),
        password: newPassword,
      }),
      render: (form) => passwordChangePage(form),
    },
    async (values, request, reply) => {
      const result = await changePassword(deps, request.session!, {
        current: values.current,
        next: values.password,
        clientAddr: request.ip,
      });
      if (result.ok) {
        setSessionCookie(reply, result.cookie);
        return reply.redirect('/compte?motdepasse=change', 303);
      }
      if (result.reason === 'current') invalid({ current: 'Mot de passe actuel incorrect.' });
      return invalid({ password: joined(result.problems) });
    },
  );
}
