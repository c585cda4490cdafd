import {
  actionButton,
  alert,
  buttonGroup,
  html,
  linkButton,
  pageHeader,
  summaryList,
  type PageContent,
} from '../../ui/index.js';
import type { ExportedSection } from '../export.js';

/** « Mes données »: what the platform holds, how to download it, how to delete the account. */
export function myDataPage(input: { csrfToken: string; home: string }): PageContent {
  return {
    title: 'Mes données',
    main: html`${pageHeader({ title: 'Mes données' })}
      <p>
        Vous pouvez obtenir à tout moment une copie de toutes les données personnelles que rempart conserve sur vous
        (articles 15 et 20 du RGPD), et supprimer votre compte (article 17).
      </p>
      <h2>Télécharger mes données</h2>
      <p>
        Le fichier JSON se lit par un autre service ou un logiciel ; la page lisible présente les mêmes données à
        l’écran. Chacune de ces consultations est enregistrée dans le journal des accès, comme toute lecture de vos
        données.
      </p>
      ${buttonGroup(
        [
          actionButton({
            action: '/mes-donnees/export',
            csrfToken: input.csrfToken,
            fields: {},
            label: 'Télécharger mes données (JSON)',
          }),
          linkButton('Voir mes données à l’écran', '/mes-donnees/lisible', { style: 'secondary' }),
        ],
        { inline: true },
      )}
      <h2>Qui a consulté mes données</h2>
      <p>
        <a class="fr-link" href="/mes-acces">Mes accès</a> : les organismes qui ont consulté vos données, quand et
        pourquoi.
      </p>
      <h2>Supprimer mon compte</h2>
      <p>La suppression est définitive. La page suivante dit ce qui est effacé et ce qui est conservé, et pourquoi.</p>
      ${buttonGroup([
        linkButton('Supprimer mon compte', '/mes-donnees/suppression', { style: 'secondary' }),
        linkButton('Retour à mon espace', input.home, { style: 'tertiary' }),
      ])}`,
  };
}

const shown = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined || value === ''
    ? 'Non renseigné'
    : typeof value === 'boolean'
      ? value
        ? 'Oui'
        : 'Non'
      : String(value);

/** The same data as the JSON download, section by section, to read on screen. */
export function readableDataPage(input: { sections: readonly ExportedSection[]; at: string }): PageContent {
  return {
    title: 'Mes données à l’écran',
    main: html`${pageHeader({
      title: 'Mes données à l’écran',
      trail: [{ label: 'Mes données', href: '/mes-donnees' }],
      lead: `Données conservées par rempart à votre sujet, le ${input.at}.`,
    })}
    ${input.sections.map(
      ({ section, items }) =>
        html`<section class="fr-mb-5w" aria-labelledby="section-${section.key}">
          <h2 id="section-${section.key}">${section.title}</h2>
          ${
            items.length === 0
              ? html`<p>Aucune donnée.</p>`
              : items.map(
                  (item, index) =>
                    html`${items.length > 1 ? html`<h3 class="fr-h6">Élément ${String(index + 1)}</h3>` : null}
                    ${summaryList(
                      Object.entries(section.labels).map(([key, label]) => ({ label, value: shown(item[key]) })),
                    )}`,
                )
          }
        </section>`,
    )}
    ${alert(
      'info',
      'Le contenu de vos CV se télécharge depuis « Mes CV ». Le journal des accès est présenté dans « Mes accès ».',
    )}`,
  };
}
