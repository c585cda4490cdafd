import { html } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import { linkLifetimeInWords } from '../links.js';
import { alertError, csrfField, field } from './forms.js';

export interface RegistrationValues {
  kind?: string;
  lastName?: string;
  firstName?: string;
  email?: string;
}

/** Self-registration for candidates and job seekers. Staff accounts are created by others. */
export function registrationPage(input: {
  csrfToken: string;
  values?: RegistrationValues;
  passwordError?: string;
  error?: string;
}): PageContent {
  const values = input.values ?? {};
  const radio = (value: string, label: string) =>
    html`<div class="fr-fieldset__element">
      <div class="fr-radio-group">
        <input
          type="radio"
          id="profil-${value}"
          name="kind"
          value="${value}"
          required
          ${values.kind === value ? html`checked` : null}
        />
        <label class="fr-label" for="profil-${value}">${label}</label>
      </div>
    </div>`;
  return {
    title: 'Créer un compte',
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer un compte</h1>
        ${alertError(input.error)}
        <p>
          Les comptes des recruteurs, des organismes de formation et des conseillers sont créés par leur organisation.
        </p>
        <form method="post" action="/inscription">
          ${csrfField(input.csrfToken)}
          <fieldset class="fr-fieldset" aria-labelledby="profil-legende">
            <legend class="fr-fieldset__legend" id="profil-legende">Vous êtes</legend>
            ${radio('candidate', 'candidat ou candidate à un emploi public')}
            ${radio('job_seeker', 'demandeur ou demandeuse d’emploi')}
          </fieldset>
          ${field({ name: 'lastName', label: 'Nom', autocomplete: 'family-name', value: values.lastName })}
          ${field({ name: 'firstName', label: 'Prénom', autocomplete: 'given-name', value: values.firstName })}
          ${field({ name: 'email', label: 'Adresse électronique', type: 'email', autocomplete: 'email', value: values.email, hint: 'Format attendu : nom@domaine.fr' })}
          ${field({
            name: 'password',
            label: 'Mot de passe',
            type: 'password',
            autocomplete: 'new-password',
            hint: 'Au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, ou une phrase de passe plus longue. Les mots de passe courants sont refusés.',
            error: input.passwordError,
          })}
          <button class="fr-btn" type="submit">Créer mon compte</button>
        </form>
      </div>
    </div>`,
  };
}

/** What registration answers, whether the address was new or not. */
export function registrationSentPage(): PageContent {
  return {
    title: 'Vérifiez votre messagerie',
    main: html`<h1>Vérifiez votre messagerie</h1>
      <p>
        Si cette adresse peut recevoir un compte, un courriel vient de lui être envoyé avec un lien de confirmation,
        valable ${linkLifetimeInWords('verify_email')}. Ouvrez-le pour activer votre compte.
      </p>`,
  };
}

export function confirmationPage(ok: boolean): PageContent {
  return {
    title: ok ? 'Adresse confirmée' : 'Lien invalide',
    main: ok
      ? html`<h1>Adresse confirmée</h1>
          <p>Votre compte est actif. <a class="fr-link" href="/connexion">Se connecter</a></p>`
      : html`<h1>Lien invalide ou expiré</h1>
          <p>
            Ce lien a déjà servi ou n’est plus valable.
            <a class="fr-link" href="/inscription">Recommencer l’inscription</a>
          </p>`,
  };
}
