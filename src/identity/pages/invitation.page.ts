import { PASSWORD_HINT } from '../passwords/index.js';
import {
  alert,
  csrfInput,
  formErrors,
  hiddenInput,
  html,
  passwordInput,
  submitButton,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import { passkeyForm, passkeyScripts } from './passkeys.page.js';
import { totpCodeForm, totpScanBlock, type TotpScan } from './totp.page.js';

/** An invitation whose link is spent or unknown: one answer for both. */
export function invitationInvalidPage(): PageContent {
  return {
    title: 'Invitation',
    main: html`<h1>Invitation</h1>
      ${alert('error', 'Ce lien d’invitation a déjà servi ou a expiré. Demandez-en un nouveau à votre gestionnaire de comptes.')}`,
  };
}

/** First step: the invited person chooses their password. */
export function invitationPasswordPage(input: {
  form: FormState<'password'>;
  token: string;
  email: string;
}): PageContent {
  const { form } = input;
  return {
    title: 'Activer votre compte',
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Activer votre compte</h1>
        ${formErrors(form)}
        <p>Étape 1 sur 2 : choisissez votre mot de passe pour le compte <strong>${input.email}</strong>.</p>
        <form method="post" action="/invitation/mot-de-passe">
          ${csrfInput(form)} ${hiddenInput('token', input.token)}
          <input type="text" value="${input.email}" autocomplete="username" aria-hidden="true" hidden />
          ${passwordInput(form, 'password', { label: 'Mot de passe', autocomplete: 'new-password', hint: PASSWORD_HINT })}
          ${submitButton('Enregistrer le mot de passe')}
        </form>
      </div>
    </div>`,
  };
}

/** Second step: a passkey (always offered) or, where the policy allows it, a TOTP application. */
export function invitationFactorPage(input: {
  form: FormState<'code'>;
  token: string;
  totp: TotpScan | null;
}): PageContent {
  const { form } = input;
  return {
    title: 'Activer votre compte',
    scripts: passkeyScripts,
    main: html`<h1>Activer votre compte</h1>
      <p>Étape 2 sur 2 : configurez la vérification en deux étapes. Votre compte sera actif aussitôt après.</p>
      ${formErrors(form)}
      <h2>Avec une clé d’accès${input.totp ? ' (recommandé)' : ''}</h2>
      <p>
        Votre appareil ou votre clé de sécurité la déverrouille par votre code PIN ou votre empreinte. Elle ne
        fonctionne que sur rempart : un site qui imite rempart ne peut pas s’en servir.
      </p>
      ${passkeyForm({
        ceremony: 'enregistrement',
        csrfToken: form.csrfToken,
        optionsUrl: '/invitation/cle/options',
        action: '/invitation/cle',
        button: 'Enregistrer ma clé d’accès',
        hidden: { token: input.token },
        nameField: true,
      })}
      ${
        input.totp
          ? html`<h2 class="fr-mt-5w">Ou avec une application d’authentification</h2>
              <p>Scannez ce code QR avec votre application, puis saisissez le code à 6 chiffres qu’elle affiche.</p>
              ${totpScanBlock(input.totp)}
              ${totpCodeForm({
                form,
                action: '/invitation/totp',
                button: 'Activer avec ce code',
                hidden: { token: input.token },
                secondary: true,
              })}`
          : null
      }`,
  };
}
