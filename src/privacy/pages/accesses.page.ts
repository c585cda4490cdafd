import { dataTable, html, linkButton, buttonGroup, pageHeader, type PageContent } from '../../ui/index.js';
import type { AccessView } from '../accesses.js';

/** « Mes accès »: who read the person's data, when and why, newest first, a page at a time. */
export function accessesPage(input: {
  accesses: readonly AccessView[];
  next: number | null;
  first: boolean;
}): PageContent {
  return {
    title: 'Mes accès',
    main: html`${pageHeader({ title: 'Mes accès' })}
      <p>
        Chaque lecture de vos données par un organisme est inscrite dans un journal que personne ne peut modifier. Vous
        y voyez l’organisme et le rôle de la personne, jamais son nom, la date, le motif et les données lues. Vos
        propres consultations n’y figurent pas.
      </p>
      <h2 id="acces">${input.first ? 'Accès les plus récents' : 'Accès plus anciens'}</h2>
      ${
        input.accesses.length === 0
          ? html`<p>${input.first ? 'Aucun organisme n’a consulté vos données.' : 'Aucun accès plus ancien.'}</p>`
          : dataTable({
              labelledBy: 'acces',
              rows: input.accesses,
              cardsBelow: 'lg',
              columns: [
                { label: 'Date', cell: (access) => access.at },
                { label: 'Organisme', cell: (access) => access.organisation },
                { label: 'Rôle', cell: (access) => access.who },
                { label: 'Motif', cell: (access) => access.why },
                { label: 'Données', cell: (access) => access.what },
              ],
            })
      }
      ${buttonGroup(
        [
          input.first ? null : linkButton('Accès les plus récents', '/mes-acces', { style: 'secondary' }),
          input.next === null
            ? null
            : linkButton('Accès plus anciens', `/mes-acces?avant=${String(input.next)}`, { style: 'secondary' }),
        ],
        { inline: true },
      )}`,
  };
}
