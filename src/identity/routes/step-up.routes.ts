import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addressTag } from '../../crypto/address-tag.js';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import { localReturnPath } from '../access.js';
import { CEREMONY_COOKIE, clientOf } from '../http-support.js';
import { loadStepUpMethods, stepUpPasskeyOptions, stepUpWithPasskey, stepUpWithSecret } from '../login/step-up.js';
import { resumePage, stepUpPage, type StepUpField } from '../pages/passkeys.page.js';
import { relyingParty } from '../passkeys/relying-party.js';
import { pendingHere } from '../sessions/binding-move.js';
import { setSessionCookie } from '../sessions/cookie.js';
import type { IdentityDeps } from './deps.js';
import { endCeremony, startCeremony } from './passkey.routes.js';
import { authenticationResponse, noFields, returnPath } from './schemas.js';

/** Where a form that waited for the step-up is posted again from. */
const RESUME_PATH = '/compte/reprise';

const stepUpFields = z.strictObject({
  method: z.enum(['totp', 'password']),
  code: formFields.code('Indiquez le code ou le mot de passe.'),
  retour: returnPath.optional(),
});

/**
 * The step-up: a passkey, a TOTP code or (for an account with neither) the password again,
 * before a sensitive action; then the action resumes. A form sent without a fresh step-up was
 * kept by the kit (PendingForms) under the session; the step-up gives the session a new id,
 * the form follows it, and `/compte/reprise` posts it again. The same check also settles a
 * staff session held at a new network or browser (binding-move.ts): these pages are the only
 * ones such a session reaches until it passes.
 */
export function registerStepUpRoutes(web: Web, deps: IdentityDeps): void {
  const rp = relyingParty(deps.publicUrl);

  /** After a successful check: the waiting form follows the new session id; where to go next. */
  function afterStepUp(request: FastifyRequest, cookie: string, retour: string | undefined): string {
    const newId = cookie.split('.', 1)[0]!;
    web.pendingForms.move(request.session!.id, newId);
    return web.pendingForms.peek(newId) ? RESUME_PATH : localReturnPath(retour);
  }
  async function verificationPage(request: FastifyRequest, form: FormState<StepUpField>, retour: string) {
    const session = request.session!;
    const methods = await loadStepUpMethods(deps, session);
    const here = { ...clientOf(request), addrTag: addressTag(deps.addressTagKey, request.ip) };
    const newPlace = pendingHere(session, here, deps.clock.now());
    return stepUpPage({ form, methods, retour, resuming: web.pendingForms.peek(session.id)?.label, newPlace });
  }

  web.page(
    '/compte/verification',
    { access: access.verification(), query: z.strictObject({ retour: returnPath.optional() }) },
    async (request, reply) =>
      reply.page(await verificationPage(request, emptyForm(reply.csrfToken()), localReturnPath(request.query.retour))),
  );
  web.form(
    '/compte/verification',
    {
      access: access.verification(),
      fields: stepUpFields,
      render: (form, request) =>
        verificationPage(
          request,
          form,
          localReturnPath(typeof form.values.retour === 'string' ? form.values.retour : undefined),
        ),
    },
    async (values, request, reply) => {
      try {
        const { cookie } = await stepUpWithSecret(deps, request.session!, {
          method: values.method,
          value: values.code,
          client: clientOf(request),
        });
        const to = afterStepUp(request, cookie, values.retour);
        setSessionCookie(reply, cookie);
        return reply.redirect(to, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'MFA_INVALID') throw error;
        const message = values.method === 'password' ? 'Mot de passe incorrect. Veuillez réessayer.' : error.message;
        return invalid({ code: message }, { status: 401 });
      }
    },
  );
  web.action(
    '/compte/verification/cle/options',
    { access: access.verification(), body: noFields },
    async (request, reply) => {
      const { flow, options } = await stepUpPasskeyOptions(deps, rp, request.session!);
      startCeremony(reply, flow);
      return { options };
    },
  );
  web.action(
    '/compte/verification/cle',
    {
      access: access.verification(),
      body: z.strictObject({ response: authenticationResponse, retour: returnPath.optional() }),
    },
    async (request, reply) => {
      const { cookie } = await stepUpWithPasskey(deps, rp, request.session!, {
        flowHandle: request.cookies[CEREMONY_COOKIE],
        response: request.body.response,
        client: clientOf(request),
      });
      const to = afterStepUp(request, cookie, request.body.retour);
      endCeremony(reply);
      setSessionCookie(reply, cookie);
      return { redirect: to };
    },
  );

  web.page(RESUME_PATH, { access: access.page() }, async (request, reply) => {
    const form = web.pendingForms.take(request.session!.id);
    if (!form) return reply.redirect('/compte', 303);
    return reply.page(
      resumePage({
        csrfToken: reply.csrfToken(),
        url: form.url,
        label: form.label,
        fields: form.fields,
        cancel: '/compte',
      }),
    );
  });
}
