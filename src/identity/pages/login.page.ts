import {
  alert,
  csrfInput,
  formErrors,
  hiddenInput,
  html,
  passwordInput,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import { passkeyForm, passkeyScripts } from './passkeys.page.js';

export type LoginField = 'email' | 'password' | 'device_key';

/** The login page: e-mail and password; the page's script adds the device key on submit. */
export function loginPage(input: { form: FormState<LoginField>; info?: string }): PageContent {
  const { form } = input;
  return {
    title: 'Connexion',
    scripts: passkeyScripts,
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Se connecter à rempart</h1>
        ${alert('info', input.info)} ${formErrors(form)}
        <form method="post" action="/connexion" data-cle-appareil>
          ${csrfInput(form)} ${hiddenInput('device_key', '')}
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">Vos identifiants</legend>
            <div class="fr-fieldset__element">
              ${textInput(form, 'email', {
                label: 'Adresse électronique',
                type: 'email',
                autocomplete: 'username',
                hint: 'Format attendu : nom@domaine.fr',
              })}
            </div>
            <div class="fr-fieldset__element">
              ${passwordInput(form, 'password', { label: 'Mot de passe', autocomplete: 'current-password' })}
            </div>
          </fieldset>
          ${submitButton('Se connecter')}
        </form>
        <h2 class="fr-h5 fr-mt-5w">Ou avec une clé d’accès</h2>
        <p>
          Sans mot de passe : votre appareil ou votre clé de sécurité vous reconnaît par votre code PIN ou votre
          empreinte.
        </p>
        ${passkeyForm({
          ceremony: 'connexion',
          csrfToken: form.csrfToken,
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

export type CodeField = 'code' | 'device_key';

/** The second step: a passkey, a code from the authenticator application, or a recovery code. */
export function mfaPage(input: {
  form: FormState<CodeField>;
  totp: boolean;
  passkey: boolean;
  recovery: boolean;
  /** Which form was sent back with an error, so that its field shows it. */
  sent?: 'totp' | 'recovery';
}): PageContent {
  const { form } = input;
  const totpForm = input.sent === 'recovery' ? { ...form, errors: {} } : form;
  const recoveryForm = input.sent === 'recovery' ? form : { ...form, errors: {} };
  return {
    title: 'Vérification en deux étapes',
    scripts: passkeyScripts,
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Vérification en deux étapes</h1>
        ${alert('error', form.error)}
        ${
          input.totp
            ? html`<form method="post" action="/connexion/verification" data-cle-appareil>
                ${csrfInput(form)} ${hiddenInput('device_key', '')}
                ${textInput(totpForm, 'code', {
                  label: 'Code à 6 chiffres',
                  hint: 'Le code affiché par votre application d’authentification.',
                  autocomplete: 'one-time-code',
                  inputmode: 'numeric',
                })}
                ${submitButton('Valider')}
              </form>`
            : null
        }
        ${
          input.passkey
            ? html`<div class="fr-mt-3w">
                <p>Utilisez la clé d’accès enregistrée sur cet appareil ou sur votre clé de sécurité.</p>
                ${passkeyForm({
                  ceremony: 'connexion',
                  csrfToken: form.csrfToken,
                  optionsUrl: '/connexion/cle/options',
                  action: '/connexion/cle',
                  button: 'Utiliser ma clé d’accès',
                  secondary: input.totp,
                })}
              </div>`
            : null
        }
        ${input.recovery ? recoveryCodeForm(recoveryForm, input.sent === 'recovery') : null}
      </div>
    </div>`,
  };
}

function recoveryCodeForm(form: FormState<CodeField>, open: boolean) {
  return html`<details class="fr-mt-3w" ${open ? html`open` : null}>
    <summary>Utiliser un code de secours</summary>
    <form method="post" action="/connexion/secours" data-cle-appareil>
      ${csrfInput(form)} ${hiddenInput('device_key', '')}
      ${textInput(form, 'code', {
        id: 'champ-code-secours',
        label: 'Code de secours',
        hint: 'Format : XXXX-XXXX-XXXX. Chaque code ne sert qu’une fois.',
        autocomplete: 'off',
      })}
      ${submitButton('Valider le code de secours', { style: 'secondary' })}
    </form>
  </details>`;
}

/** When the login has no second step in progress any more (expired, or opened directly). */
export function loginExpiredPage(): PageContent {
  return {
    title: 'Vérification en deux étapes',
    main: html`<h1>Vérification en deux étapes</h1>
      ${alert('error', 'La connexion a expiré. Veuillez recommencer depuis le début.')}
      <p><a class="fr-link" href="/connexion">Revenir à la page de connexion</a></p>`,
  };
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
