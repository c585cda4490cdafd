import { html, type SafeHtml } from '../ui/html.js';
import type { PageContent } from '../ui/layout.js';

interface Commitment {
  title: string;
  text: string;
}

// The five promises of DESIGN.md, said the way a candidate or a trainee would want to hear them.
const COMMITMENTS: readonly Commitment[] = [
  {
    title: 'Difficile d’entrer',
    text:
      'Les agents et les partenaires se connectent avec une clé d’accès ou une application ' +
      'd’authentification, jamais avec un code reçu par SMS ou par courriel. Les mots de passe suivent ' +
      'les recommandations de la CNIL, et la création d’un compte d’agent ou de partenaire demande ' +
      'l’accord d’une deuxième personne.',
  },
  {
    title: 'Une session volée ne sert presque à rien',
    text:
      'Chaque connexion est liée à l’appareil qui l’a ouverte. Un cookie copié par un logiciel ' +
      'malveillant et réutilisé ailleurs ne permet de rien lire, et les actions sensibles demandent une ' +
      'nouvelle vérification.',
  },
  {
    title: 'Chacun ne voit que ses propres dossiers, et peu à la fois',
    text:
      'Un organisme de formation ne voit que les stagiaires orientés vers ses sessions, un recruteur ' +
      'que les candidatures à ses offres et les profils du vivier qui ont accepté d’y figurer, un ' +
      'conseiller que les personnes qu’il accompagne. Une consultation massive déclenche une ' +
      'vérification, puis la suspension du compte.',
  },
  {
    title: 'Une copie volée de la base est illisible',
    text:
      'Chaque donnée personnelle est chiffrée une à une. Une copie de la base de données ou une ' +
      'sauvegarde ne laisse voir ni nom, ni adresse, ni courriel, ni téléphone, ni identifiant.',
  },
  {
    title: 'Chaque consultation est tracée',
    text:
      'Toute lecture de données personnelles est inscrite dans un journal dont la moindre modification ' +
      'se voit. En cas d’incident, rempart sait exactement qui a vu quoi, aide à prévenir la CNIL et ' +
      'les personnes concernées dans les délais, et chacun peut voir qui a consulté ses données.',
  },
];

function commitmentItem(commitment: Commitment, index: number): SafeHtml {
  return html`<li class="fr-col-12 fr-col-md-6 fr-mb-3w">
    <h3 class="fr-h5">${index + 1}. ${commitment.title}</h3>
    <p>${commitment.text}</p>
  </li>`;
}

/** The home page: what rempart is, for whom, and what it promises. */
export function homePage(): PageContent {
  return {
    title: 'Accueil',
    main: html`<h1>rempart, la plateforme publique de l’emploi qui protège vos données</h1>
      <p class="fr-text--lead">
        rempart rend le service de deux outils publics de l’emploi, les offres d’emploi public et le suivi des
        stagiaires en formation, et il est conçu pour que les fuites de données de ces dernières années ne puissent pas
        se reproduire de la même façon.
      </p>

      <h2>Les offres d’emploi public</h2>
      <p>
        Comme le portail « Choisir le service public », rempart permet aux candidates et aux candidats de tenir à jour
        leur profil (parcours, postes recherchés, zones géographiques souhaitées, langues parlées) et de postuler aux
        offres des trois fonctions publiques. Les recruteurs publient leurs offres et traitent les candidatures reçues.
        Certains comptes gestionnaires peuvent chercher des profils dans le vivier, parmi les candidats qui ont accepté
        d’y figurer.
      </p>
      <p>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/offres"
          >Chercher une offre d’emploi public</a
        >
      </p>

      <h2>Le suivi des stagiaires en formation</h2>
      <p>
        Comme l’outil « Kairos » de France Travail, rempart permet aux organismes de formation de suivre les demandeurs
        d’emploi que les conseillers orientent vers leurs sessions : ils déclarent l’entrée en formation, l’assiduité,
        une éventuelle interruption et la sortie, dans les trois jours prévus. Dans chaque organisme, un gestionnaire de
        compte gère les utilisateurs.
      </p>

      <h2>Nos cinq engagements</h2>
      <ol class="fr-grid-row fr-grid-row--gutters fr-raw-list">
        ${COMMITMENTS.map(commitmentItem)}
      </ol>`,
  };
}
