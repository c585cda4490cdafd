import { errorCatalogue, type ErrorCode } from '../kernel/errors.js';
import { html } from '../ui/html.js';
import type { PageContent } from '../ui/layout.js';

/**
 * The page shown to a browser when a request fails: the status and the catalogue's message.
 * The code itself (`FORBIDDEN`) is for API clients and logs, not for the person reading.
 */
export function errorPage(code: ErrorCode): PageContent {
  if (code === 'NOT_FOUND') return notFoundPage();
  const { status, message } = errorCatalogue[code];
  return {
    title: 'Erreur',
    main: html`<h1>Une erreur est survenue</h1>
      <p class="fr-text--sm fr-mb-3w">Erreur ${status}</p>
      <p class="fr-text--lead">${message}</p>
      <p><a class="fr-link" href="/">Revenir à la page d’accueil</a></p>`,
  };
}

function notFoundPage(): PageContent {
  return {
    title: 'Page introuvable',
    main: html`<h1>Page introuvable</h1>
      <p class="fr-text--sm fr-mb-3w">Erreur 404</p>
      <p class="fr-text--lead">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
      <p>
        Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus
        disponible.
      </p>
      <p><a class="fr-link" href="/">Revenir à la page d’accueil</a></p>`,
  };
}
