import { html } from '../ui/html.js';
import type { PageContent } from '../ui/layout.js';

/**
 * The accessibility statement the footer links to (RGAA 4.1, décret n° 2019-768). No audit has
 * been made yet, and RGAA then requires the mention « non conforme »: the page says so plainly.
 */
export function accessibilityPage(): PageContent {
  return {
    title: 'Déclaration d’accessibilité',
    main: html`<h1>Déclaration d’accessibilité</h1>
      <p>
        rempart s’engage à rendre son service accessible à toutes et à tous, conformément à l’article 47 de la loi n°
        2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        rempart est <strong>non conforme</strong> au référentiel général d’amélioration de l’accessibilité (RGAA),
        version 4.1, car aucun audit n’a encore été réalisé : c’est la mention que le RGAA impose dans ce cas. Les pages
        sont construites avec le Système de design de l’État, qui respecte ce référentiel ; un audit complet est prévu,
        et cette déclaration sera mise à jour avec ses résultats.
      </p>
      <h2>Signaler un défaut d’accessibilité</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, signalez-le au responsable de votre déploiement de
        rempart afin qu’une solution vous soit proposée.
      </p>
      <h2>Voie de recours</h2>
      <p>
        Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (<a
          href="https://formulaire.defenseurdesdroits.fr/"
          rel="noopener external"
          >formulaire en ligne</a
        >).
      </p>`,
  };
}
