import { html } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import { linkLifetimeInWords } from '../links.js';
import { alertError, alertInfo, csrfField, field } from './forms.js';

export function resetRequestPage(input: { csrfToken: string; sent?: boolean }): PageContent {
  return {
    title: 'Mot de passe oublié',
    main: html`<h1>Mot de passe oublié</h1>
      ${
        input.sent
          ? alertInfo(
              `Si un compte actif utilise cette adresse, un lien valable ${linkLifetimeInWords('reset_password')} vient de lui être envoyé.`,
            )
          : null
      }
      <form method="post" action="/mot-de-passe-oublie">
        ${csrfField(input.csrfToken)}
        ${field({ name: 'email', label: 'Adresse électronique', type: 'email', autocomplete: 'email' })}
        <button class="fr-btn" type="submit">Recevoir un lien</button>
      </form>
      <p class="fr-mt-3w">Changer de mot de passe ne désactive pas la vérification en deux étapes.</p>`,
  };
}

export function resetFormPage(input: {
  csrfToken: string;
  token: string;
  error?: string;
  passwordError?: string;
}): PageContent {
  return {
    title: 'Nouveau mot de passe',
    main: html`<h1>Choisir un nouveau mot de passe</h1>
      ${alertError(input.error)}
      <form method="post" action="/mot-de-passe/nouveau">
        ${csrfField(input.csrfToken)}
        <input type="hidden" name="token" value="${input.token}" />
        ${field({
          name: 'password',
          label: 'Nouveau mot de passe',
          type: 'password',
          autocomplete: 'new-password',
          hint: 'Au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, ou une phrase de passe plus longue.',
          error: input.passwordError,
        })}
        <button class="fr-btn" type="submit">Enregistrer</button>
      </form>`,
  };
}

/** "Changer mon mot de passe", from the account: the current one, then the new one. */
export function passwordChangePage(input: {
  csrfToken: string;
  currentError?: string;
  passwordError?: string;
}): PageContent {
  return {
    title: 'Changer mon mot de passe',
    account: { csrfToken: input.csrfToken },
    main: html`<h1>Changer mon mot de passe</h1>
      <p>Vos autres sessions seront fermées, et vous recevrez un courriel de confirmation.</p>
      <form method="post" action="/compte/mot-de-passe">
        ${csrfField(input.csrfToken)}
        ${field({
          name: 'current',
          label: 'Mot de passe actuel',
          type: 'password',
          autocomplete: 'current-password',
          error: input.currentError,
        })}
        ${field({
          name: 'password',
          label: 'Nouveau mot de passe',
          type: 'password',
          autocomplete: 'new-password',
          hint: 'Au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, ou une phrase de passe plus longue.',
          error: input.passwordError,
        })}
        <button class="fr-btn" type="submit">Changer le mot de passe</button>
      </form>`,
  };
}
