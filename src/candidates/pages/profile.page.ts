import {
  actionButton,
  alert,
  buttonGroup,
  dataTable,
  html,
  linkButton,
  pageHeader,
  summaryList,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';
import type { ProfileView } from '../candidates.presenter.js';

const trail = [{ label: 'Mon espace candidat', href: '/candidat' }];

function section(id: string, title: string, edit: { href: string; label: string }, body: SafeHtml): SafeHtml {
  return html`<section class="fr-mb-5w" aria-labelledby="${id}">
    <h2 id="${id}">${title}</h2>
    ${body} ${linkButton(edit.label, edit.href, { style: 'secondary' })}
  </section>`;
}

const orNone = (value: string | null | undefined) => (value ? value : 'Non renseigné');

/** « Mon profil »: what the candidate has said about themselves, part by part, each with its form. */
export function profilePage(input: { view: ProfileView; csrfToken: string; info?: string }): PageContent {
  const view = input.view;
  return {
    title: 'Mon profil',
    main: html`${pageHeader({ title: 'Mon profil', trail })} ${alert('success', input.info)}
      ${section(
        'identite',
        'Identité et coordonnées',
        { href: '/candidat/profil/identite', label: 'Modifier mon identité et mes coordonnées' },
        summaryList([
          { label: 'Nom', value: view.lastName },
          { label: 'Prénom', value: view.firstName },
          { label: 'Date de naissance', value: orNone(view.birthDate) },
          { label: 'Adresse électronique de contact', value: orNone(view.email) },
          { label: 'Téléphone', value: orNone(view.phone) },
          { label: 'Adresse postale', value: orNone(view.address) },
        ]),
      )}
      <section class="fr-mb-5w" aria-labelledby="parcours">
        <h2 id="parcours">Parcours professionnel</h2>
        ${
          view.career.length === 0
            ? html`<p>Vous n’avez encore indiqué aucun emploi.</p>`
            : dataTable({
                labelledBy: 'parcours',
                rows: view.career,
                columns: [
                  { label: 'Poste', cell: (item) => item.title },
                  { label: 'Employeur', cell: (item) => item.employer },
                  { label: 'Période', cell: (item) => item.period },
                ],
                actions: {
                  label: 'Action',
                  cell: (item) =>
                    actionButton({
                      action: '/candidat/profil/parcours/retrait',
                      csrfToken: input.csrfToken,
                      fields: { index: String(item.index) },
                      label: 'Retirer',
                      options: {
                        style: 'secondary',
                        small: true,
                        accessibleName: `Retirer ${item.title} chez ${item.employer}`,
                      },
                    }),
                },
              })
        }
        ${linkButton('Ajouter un emploi', '/candidat/profil/parcours', { style: 'secondary' })}
      </section>
      ${section(
        'souhaits',
        'Postes, zones et langues',
        { href: '/candidat/profil/souhaits', label: 'Modifier mes souhaits' },
        summaryList([
          { label: 'Types de poste recherchés', value: view.postsSought },
          { label: 'Catégories recherchées', value: view.categoriesSought },
          { label: 'Régions souhaitées', value: view.regions },
          { label: 'Départements souhaités', value: view.departements },
          { label: 'Langues', value: view.languages },
          { label: 'Projet professionnel', value: view.aspirations },
        ]),
      )}
      ${section(
        'vivier',
        'Vivier de candidats',
        { href: '/candidat/profil/vivier', label: 'Choisir pour le vivier' },
        html`<p>
          ${
            view.inPool
              ? 'Votre profil est dans le vivier : les gestionnaires de recrutement habilités peuvent le trouver.'
              : 'Votre profil n’est pas dans le vivier : aucun recruteur ne peut le trouver par une recherche.'
          }
        </p>`,
      )}
      ${buttonGroup([linkButton('Retour à mon espace', '/candidat', { style: 'tertiary' })])}`,
  };
}
