import { html } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import { alertError, alertInfo, csrfField, field } from './forms.js';
import { passkeyForm, passkeyScripts } from './passkeys.page.js';

/** The login page: e-mail and password; the page's script adds the device key on submit. */
export function loginPage(input: { csrfToken: string; error?: string; info?: string; email?: string }): PageContent {
  return {
    title: 'Connexion',
    scripts: passkeyScripts,
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Se connecter à rempart</h1>
        ${alertInfo(input.info)} ${alertError(input.error)}
        <form method="post" action="/connexion" data-cle-appareil>
          ${csrfField(input.csrfToken)}
          <input type="hidden" name="device_key" value="" />
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">Vos identifiants</legend>
            <div class="fr-fieldset__element">
              ${field({ name: 'email', label: 'Adresse électronique', type: 'email', autocomplete: 'username', value: input.email, hint: 'Format attendu : nom@domaine.fr' })}
            </div>
            <div class="fr-fieldset__element">
              ${field({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'current-password' })}
            </div>
          </fieldset>
          <button class="fr-btn" type="submit">Se connecter</button>
        </form>
        <h2 class="fr-h5 fr-mt-5w">Ou avec une clé d’accès</h2>
        <p>
          Sans mot de passe : votre appareil ou votre clé de sécurité vous reconnaît par votre code PIN ou votre
          empreinte.
        </p>
        ${passkeyForm({
          ceremony: 'connexion',
          csrfToken: input.csrfToken,
          optionsUrl: '/connexion/cle/options',
          action: '/connexion/cle',
          button: 'Se connecter avec une clé d’accès',
          secondary: true,
        })}
        <p class="fr-mt-3w">
          <a class="fr-link" href="/mot-de-passe-oublie">Mot de passe oublié ?</a><br />
          <a class="fr-link" href="/inscription">Créer un compte candidat ou demandeur d’emploi</a>
        </p>
        <p class="fr-text--sm">
          Cette page crée sur votre appareil une clé qui ne peut pas en sortir : votre session ne fonctionnera que dans
          ce navigateur.
        </p>
      </div>
    </div>`,
  };
}

/** The second step: a code from the authenticator application, or a recovery code. */
export function mfaPage(input: {
  csrfToken: string;
  totp: boolean;
  passkey: boolean;
  recovery: boolean;
  error?: string;
}): PageContent {
  return {
    title: 'Vérification en deux étapes',
    scripts: passkeyScripts,
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Vérification en deux étapes</h1>
        ${alertError(input.error)}
        ${
          input.totp
            ? html`<form method="post" action="/connexion/verification" data-cle-appareil>
                ${csrfField(input.csrfToken)}
                <input type="hidden" name="device_key" value="" />
                ${field({ name: 'code', label: 'Code à 6 chiffres', hint: 'Le code affiché par votre application d’authentification.', autocomplete: 'one-time-code', inputmode: 'numeric' })}
                <button class="fr-btn" type="submit">Valider</button>
              </form>`
            : null
        }
        ${
          input.passkey
            ? html`<div class="fr-mt-3w">
                <p>Utilisez la clé d’accès enregistrée sur cet appareil ou sur votre clé de sécurité.</p>
                ${passkeyForm({
                  ceremony: 'connexion',
                  csrfToken: input.csrfToken,
                  optionsUrl: '/connexion/cle/options',
                  action: '/connexion/cle',
                  button: 'Utiliser ma clé d’accès',
                  secondary: input.totp,
                })}
              </div>`
            : null
        }
        ${input.recovery ? recoveryForm(input.csrfToken) : null}
      </div>
    </div>`,
  };
}

function recoveryForm(csrfToken: string) {
  return html`<details class="fr-mt-3w">
    <summary>Utiliser un code de secours</summary>
    <form method="post" action="/connexion/secours" data-cle-appareil>
      ${csrfField(csrfToken)}
      <input type="hidden" name="device_key" value="" />
      ${field({ id: 'champ-code-secours', name: 'code', label: 'Code de secours', hint: 'Format : XXXX-XXXX-XXXX. Chaque code ne sert qu’une fois.', autocomplete: 'off' })}
      <button class="fr-btn fr-btn--secondary" type="submit">Valider le code de secours</button>
    </form>
  </details>`;
}

/** Shown instead of a page when the session cookie must first be re-proven by this device. */
export function reverifyPage(): PageContent {
  return {
    title: 'Vérification de votre appareil',
    reverify: true,
    main: html`<h1>Vérification de votre appareil…</h1>
      <p>Un instant : rempart vérifie que cette session est bien utilisée depuis l’appareil qui l’a ouverte.</p>
      <noscript
        ><p>Cette vérification demande JavaScript. <a href="/connexion">Se reconnecter</a></p></noscript
      >`,
  };
}
