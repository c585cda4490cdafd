import { html } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import { alertError, csrfField, field } from './forms.js';
import { passkeyForm, passkeyScripts } from './passkeys.page.js';
import { totpScanBlock, type TotpScan } from './totp.page.js';

/** An invitation whose link is spent or unknown: one answer for both. */
export function invitationInvalidPage(): PageContent {
  return {
    title: 'Invitation',
    main: html`<h1>Invitation</h1>
      ${alertError('Ce lien d’invitation a déjà servi ou a expiré. Demandez-en un nouveau à votre gestionnaire de comptes.')}`,
  };
}

/** First step: the invited person chooses their password. */
export function invitationPasswordPage(input: {
  csrfToken: string;
  token: string;
  email: string;
  passwordError?: string;
}): PageContent {
  return {
    title: 'Activer votre compte',
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Activer votre compte</h1>
        <p>Étape 1 sur 2 : choisissez votre mot de passe pour le compte <strong>${input.email}</strong>.</p>
        <form method="post" action="/invitation/mot-de-passe">
          ${csrfField(input.csrfToken)}
          <input type="hidden" name="token" value="${input.token}" />
          <input type="text" name="username" value="${input.email}" autocomplete="username" hidden />
          ${field({
            name: 'password',
            label: 'Mot de passe',
            type: 'password',
            autocomplete: 'new-password',
            hint: 'Au moins 12 caractères de plusieurs types, ou une phrase de passe plus longue (CNIL, délibération 2022-100).',
            error: input.passwordError,
          })}
          <button class="fr-btn" type="submit">Enregistrer le mot de passe</button>
        </form>
      </div>
    </div>`,
  };
}

/** Second step: a passkey (always offered) or, where the policy allows it, a TOTP application. */
export function invitationFactorPage(input: {
  csrfToken: string;
  token: string;
  totp: TotpScan | null;
  error?: string;
}): PageContent {
  return {
    title: 'Activer votre compte',
    scripts: passkeyScripts,
    main: html`<h1>Activer votre compte</h1>
      <p>Étape 2 sur 2 : enregistrez votre second facteur. Votre compte sera actif aussitôt après.</p>
      ${alertError(input.error)}
      <h2>Avec une clé d’accès${input.totp ? ' (recommandé)' : ''}</h2>
      <p>
        Votre appareil ou votre clé de sécurité la déverrouille par votre code PIN ou votre empreinte. Elle ne
        fonctionne que sur rempart : un site qui imite rempart ne peut pas s’en servir.
      </p>
      ${passkeyForm({
        ceremony: 'enregistrement',
        csrfToken: input.csrfToken,
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
              <form method="post" action="/invitation/totp">
                ${csrfField(input.csrfToken)}
                <input type="hidden" name="token" value="${input.token}" />
                ${field({ name: 'code', label: 'Code à 6 chiffres', autocomplete: 'one-time-code', inputmode: 'numeric' })}
                <button class="fr-btn fr-btn--secondary" type="submit">Activer avec ce code</button>
              </form>`
          : null
      }`,
  };
}
