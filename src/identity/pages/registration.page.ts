import { linkLifetimeInWords } from '../links.js';
import { PASSWORD_HINT } from '../passwords/index.js';
import {
  csrfInput,
  summaryList,
  formErrors,
  html,
  passwordInput,
  radioGroup,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';
import { DATA_CONTROLLER, rightsAndContact } from '../../ui/legal.js';

export type RegistrationField = 'kind' | 'lastName' | 'firstName' | 'email' | 'password';

/** Self-registration for candidates and job seekers. Staff accounts are created by others. */
export function registrationPage(form: FormState<RegistrationField>): PageContent {
  return {
    title: 'Créer un compte',
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer un compte</h1>
        ${formErrors(form, { kind: 'champ-kind-candidate' })}
        <p>
          Les comptes des recruteurs, des organismes de formation et des conseillers sont créés par leur organisation.
        </p>
        <form method="post" action="/inscription">
          ${csrfInput(form)}
          ${radioGroup(form, 'kind', {
            legend: 'Vous êtes',
            choices: [
              { value: 'candidate', label: 'candidat ou candidate à un emploi public' },
              { value: 'job_seeker', label: 'demandeur ou demandeuse d’emploi' },
            ],
          })}
          ${textInput(form, 'lastName', { label: 'Nom', autocomplete: 'family-name' })}
          ${textInput(form, 'firstName', { label: 'Prénom', autocomplete: 'given-name' })}
          ${textInput(form, 'email', {
            label: 'Adresse électronique',
            type: 'email',
            autocomplete: 'email',
            hint: 'Format attendu : nom@domaine.fr',
          })}
          ${passwordInput(form, 'password', { label: 'Mot de passe', autocomplete: 'new-password', hint: PASSWORD_HINT })}
          ${registrationNotice()} ${submitButton('Créer mon compte')}
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

/** The notice on the page where a candidate or a job seeker creates an account (GDPR art. 13). */
export function registrationNotice(): SafeHtml {
  return html`<div class="fr-callout fr-my-4w" id="notice-donnees">
    <h2 class="fr-callout__title fr-h6">Vos données personnelles</h2>
    ${summaryList([
      { label: 'Responsable', value: `Le responsable du traitement est ${DATA_CONTROLLER}.` },
      {
        label: 'Ce que nous collectons',
        value:
          'Votre profil (candidat ou demandeur d’emploi), vos nom et prénom, votre adresse électronique et votre mot de passe, conservé seulement sous une forme qui ne permet pas de le retrouver (argon2id). À chaque connexion : l’adresse IP et le navigateur utilisés, pour lier la session à votre appareil.',
      },
      {
        label: 'Pourquoi',
        value:
          'Ouvrir et protéger votre compte, vous permettre de postuler aux offres ou d’être suivi dans votre formation, et vous écrire pour confirmer votre adresse ou vous signaler un événement de sécurité. Chaque consultation de vos données est inscrite dans un journal que vous pourrez consulter.',
      },
      {
        label: 'Base légale',
        value:
          'L’exécution d’une mission d’intérêt public, le service public de l’emploi (RGPD, article 6, paragraphe 1, e).',
      },
      {
        label: 'Durée de conservation',
        value:
          'Vos données de compte, tant que votre compte existe. Le journal des accès et des connexions, un an. Les adresses IP des connexions échouées, le temps de la protection contre les essais répétés.',
      },
      { label: 'Vos droits', value: rightsAndContact() },
    ])}
    <p class="fr-callout__text fr-text--sm">
      <a href="/donnees-personnelles">Tout savoir sur vos données personnelles</a>
    </p>
  </div>`;
}
