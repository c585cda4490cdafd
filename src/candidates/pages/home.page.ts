import { html, pageHeader, type PageContent, type SafeHtml } from '../../ui/index.js';

/** What the home shows of the candidate's progress. */
export interface HomeView {
  firstName: string;
  /** The parts of the profile still empty, in words (« votre parcours »). */
  missing: readonly string[];
  cvCount: number;
  maxCvs: number;
  inPool: boolean;
}

function tile(title: string, href: string, text: string): SafeHtml {
  return html`<div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
    <div class="fr-tile fr-enlarge-link">
      <div class="fr-tile__body">
        <div class="fr-tile__content">
          <h2 class="fr-tile__title"><a href="${href}">${title}</a></h2>
          <p class="fr-tile__detail">${text}</p>
        </div>
      </div>
    </div>
  </div>`;
}

/** « Mon espace candidat »: the candidate's tasks, each with where it stands. */
export function candidateHomePage(view: HomeView): PageContent {
  const profile = view.missing.length === 0 ? 'Votre profil est complet.' : `À compléter : ${view.missing.join(', ')}.`;
  const cvs =
    view.cvCount === 0
      ? `Aucun CV déposé (jusqu’à ${view.maxCvs}, en PDF).`
      : `${view.cvCount} CV sur ${view.maxCvs} possibles.`;
  return {
    title: 'Mon espace candidat',
    main: html`${pageHeader({
        title: 'Mon espace candidat',
        lead: view.firstName ? `Bonjour ${view.firstName}. Voici ce que vous pouvez faire.` : undefined,
      })}
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        ${tile('Mon profil', '/candidat/profil', profile)} ${tile('Mes CV', '/candidat/cv', cvs)}
        ${tile('Mes candidatures', '/candidat/candidatures', 'Suivre vos candidatures et leur état.')}
        ${tile('Rechercher des offres', '/offres', 'Les offres des trois fonctions publiques.')}
        ${tile('Mes recherches enregistrées', '/offres/alertes', 'Être prévenu par courriel des nouvelles offres.')}
        ${tile(
          'Vivier de candidats',
          '/candidat/profil/vivier',
          view.inPool ? 'Votre profil est visible des recruteurs habilités.' : 'Votre profil n’est pas dans le vivier.',
        )}
        ${tile('Mes données', '/mes-donnees', 'Télécharger vos données ou supprimer votre compte.')}
        ${tile('Mes accès', '/mes-acces', 'Qui a consulté vos données, quand et pourquoi.')}
      </div>`,
  };
}
