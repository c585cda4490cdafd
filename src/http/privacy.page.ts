import { html, type PageContent } from '../ui/index.js';
import { DATA_CONTROLLER, rightsAndContact } from '../ui/legal.js';

/** The full notice, linked from the footer of every page. */
export function privacyPage(): PageContent {
  return {
    title: 'Données personnelles',
    main: html`<h1>Données personnelles</h1>
      <p class="fr-text--lead">
        rempart tient des données personnelles de candidats, de demandeurs d’emploi et de professionnels. Cette page dit
        lesquelles, pourquoi, combien de temps, et comment exercer vos droits (RGPD, article 13).
      </p>
      <h2>Responsable du traitement</h2>
      <p>Le responsable du traitement est ${DATA_CONTROLLER}.</p>
      <h2>Base légale</h2>
      <p>
        L’exécution d’une mission d’intérêt public, le service public de l’emploi (RGPD, article 6, paragraphe 1, e).
      </p>
      <h2>Comptes des candidats et des demandeurs d’emploi</h2>
      <p>
        Profil, nom, prénom, adresse électronique et mot de passe (sous une forme qui ne permet pas de le retrouver).
        Chaque donnée personnelle est chiffrée une à une dans la base de données.
      </p>
      <h2>Comptes des professionnels</h2>
      <p>
        Nom, adresse électronique professionnelle, rôle et organisation, saisis par la personne qui demande le compte et
        approuvés par une seconde personne habilitée.
      </p>
      <h2>Sécurité et journal des accès</h2>
      <p>
        Chaque connexion et chaque consultation de données personnelles sont inscrites dans un journal infalsifiable :
        qui, quand, depuis quelle adresse IP, quelles données. Ce journal est conservé un an, pour détecter et délimiter
        un incident (RGPD, article 32) et prévenir les personnes concernées (articles 33 et 34).
      </p>
      <h2>Vos droits</h2>
      <p>${rightsAndContact()}</p>`,
  };
}
