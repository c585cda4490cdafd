import {
  buttonGroup,
  checkboxGroup,
  csrfInput,
  formErrors,
  html,
  linkButton,
  pageHeader,
  submitButton,
  type FormState,
  type PageContent,
} from '../../ui/index.js';

/**
 * Account deletion (GDPR art. 17): what goes, what stays and why, for how long; then the
 * confirmation, behind a recent check of the second factor (or the password).
 */
export function erasePage(form: FormState<'confirm'>, input: { jobSeeker: boolean }): PageContent {
  return {
    title: 'Supprimer mon compte',
    main: html`${pageHeader({ title: 'Supprimer mon compte', trail: [{ label: 'Mes données', href: '/mes-donnees' }] })}
      ${formErrors(form, { confirm: 'champ-confirm-oui' })}
      <h2>Ce qui est effacé aussitôt</h2>
      <ul>
        <li>votre compte : adresse de connexion, mot de passe, clés d’accès, application d’authentification ;</li>
        <li>toutes vos sessions, sur tous vos appareils, et les courriels en attente d’envoi ;</li>
        <li>votre profil de candidat, votre présence dans le vivier, vos CV et vos candidatures ;</li>
        <li>votre identité et vos coordonnées.</li>
      </ul>
      <h2>Ce qui est conservé, pourquoi et combien de temps</h2>
      <ul>
        <li>
          Le journal des accès garde les entrées qui concernent votre compte : qui a lu quelles catégories de données,
          quand et pourquoi, sous un identifiant qui ne mène plus à rien. Il ne contient ni votre nom ni vos
          coordonnées. Il ne peut pas être modifié, car il sert à établir l’étendue d’une éventuelle fuite et à vous en
          informer (RGPD, articles 5(2), 32 et 33). Ces entrées sont effacées au bout d’un an, comme toutes les autres.
        </li>
        ${
          input.jobSeeker
            ? html`<li>
                Si France Travail vous suit (un conseiller ou une orientation vers une formation), votre dossier de
                demandeur d’emploi reste chez France Travail, qui le tient en vertu de ses missions légales (RGPD,
                article 17(3)(b)). Adressez-vous à France Travail pour l’exercice de vos droits sur ce dossier.
              </li>`
            : null
        }
        <li>
          Les sauvegardes chiffrées de la plateforme disparaissent à leur rotation ; elles ne sont jamais restaurées
          pour consulter un compte supprimé.
        </li>
      </ul>
      <p>
        Pensez à <a class="fr-link" href="/mes-donnees">télécharger vos données</a> avant : après la suppression,
        personne ne pourra vous les rendre.
      </p>
      <form method="post" action="/mes-donnees/suppression">
        ${csrfInput(form)}
        ${checkboxGroup(form, 'confirm', {
          legend: 'Confirmation',
          choices: [{ value: 'oui', label: 'Je comprends que la suppression de mon compte est définitive.' }],
        })}
        ${buttonGroup([submitButton('Supprimer définitivement mon compte'), linkButton('Annuler', '/mes-donnees', { style: 'tertiary' })], { inline: true })}
      </form>`,
  };
}

/** After the deletion: nothing to sign in to any more. */
export function erasedPage(): PageContent {
  return {
    title: 'Compte supprimé',
    main: html`${pageHeader({ title: 'Compte supprimé' })}
      <p>Votre compte et vos données sont supprimés. Toutes vos sessions sont fermées.</p>
      <p><a class="fr-link" href="/">Retour à l’accueil</a></p>`,
  };
}
