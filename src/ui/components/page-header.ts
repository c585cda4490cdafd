import { html, type SafeHtml } from '../html.js';

export interface Crumb {
  label: string;
  href: string;
}

/**
 * The top of a page: the DSFR breadcrumb (where the page sits, the current page last and not a
 * link), then the page's one h1 and an optional lead paragraph.
 */
export function pageHeader(input: { title: string; trail?: readonly Crumb[]; lead?: string }): SafeHtml {
  const trail = input.trail ?? [];
  return html`${trail.length > 0 ? breadcrumb(trail, input.title) : null}
    <h1>${input.title}</h1>
    ${input.lead ? html`<p class="fr-text--lead">${input.lead}</p>` : null}`;
}

function breadcrumb(trail: readonly Crumb[], current: string): SafeHtml {
  return html`<nav role="navigation" class="fr-breadcrumb fr-mt-0" aria-label="vous êtes ici :">
    <button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">Voir le fil d’Ariane</button>
    <div class="fr-collapse" id="fil-ariane">
      <ol class="fr-breadcrumb__list">
        ${trail.map((crumb) => html`<li><a class="fr-breadcrumb__link" href="${crumb.href}">${crumb.label}</a></li>`)}
        <li><a class="fr-breadcrumb__link" aria-current="page">${current}</a></li>
      </ol>
    </div>
  </nav>`;
}
