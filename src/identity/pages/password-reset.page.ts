import { linkLifetimeInWords } from '../links.js';
import { PASSWORD_HINT } from '../passwords/index.js';
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

export function resetRequestPage(input: { form: FormState<'email'>; sent?: boolean }): PageContent {
  const { form } = input;
  return {
    title: 'Mot de passe oublié',
    main: html`<h1>Mot de passe oublié</h1>
      ${
        input.sent
          ? alert(
              'info',
              `Si un compte actif utilise cette adresse, un lien valable ${linkLifetimeInWords('reset_password')} vient de lui être envoyé.`,
            )
          : formErrors(form)
      }
      <form method="post" action="/mot-de-passe-oublie">
        ${csrfInput(form)}
        ${textInput(form, 'email', { label: 'Adresse électronique', type: 'email', autocomplete: 'email' })}
        ${submitButton('Recevoir un lien')}
      </form>
      <p class="fr-mt-3w">Changer de mot de passe ne désactive pas la vérification en deux étapes.</p>`,
  };
}

/** The page the e-mailed link opens; the token travels in a hidden field, not back in a URL. */
export function resetFormPage(input: { form: FormState<'password' | 'token'>; token: string }): PageContent {
  const { form } = input;
  return {
    title: 'Nouveau mot de passe',
    main: html`<h1>Choisir un nouveau mot de passe</h1>
      ${formErrors(form)}
      <form method="post" action="/mot-de-passe/nouveau">
        ${csrfInput(form)} ${hiddenInput('token', input.token)}
        ${passwordInput(form, 'password', {
          label: 'Nouveau mot de passe',
          autocomplete: 'new-password',
          hint: PASSWORD_HINT,
        })}
        ${submitButton('Enregistrer')}
      </form>`,
  };
}

/** "Changer mon mot de passe", from the account: the current one, then the new one. */
export function passwordChangePage(form: FormState<'current' | 'password'>): PageContent {
  return {
    title: 'Changer mon mot de passe',
    main: html`<h1>Changer mon mot de passe</h1>
      ${formErrors(form)}
      <p>Vos autres sessions seront fermées, et vous recevrez un courriel de confirmation.</p>
      <form method="post" action="/compte/mot-de-passe">
        ${csrfInput(form)}
        ${passwordInput(form, 'current', { label: 'Mot de passe actuel', autocomplete: 'current-password' })}
        ${passwordInput(form, 'password', {
          label: 'Nouveau mot de passe',
          autocomplete: 'new-password',
          hint: PASSWORD_HINT,
        })}
        ${submitButton('Changer le mot de passe')}
      </form>`,
  };
}
