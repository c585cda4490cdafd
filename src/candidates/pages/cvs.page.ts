import {
  actionButton,
  alert,
  buttonGroup,
  csrfInput,
  dataTable,
  formErrors,
  html,
  pageHeader,
  submitButton,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import type { CvView } from '../candidates.presenter.js';

const trail = [{ label: 'Mon espace candidat', href: '/candidat' }];

/** « Mes CV »: the list (download, delete) and the form that adds one, while fewer than five. */
export function cvsPage(input: {
  form: FormState<'cv'>;
  cvs: readonly CvView[];
  max: number;
  info?: string;
}): PageContent {
  const { form } = input;
  const error = form.errors.cv;
  const full = input.cvs.length >= input.max;
  return {
    title: 'Mes CV',
    main: html`${pageHeader({ title: 'Mes CV', trail })} ${alert('success', input.info)}
      <p>
        Vous pouvez garder jusqu’à ${String(input.max)} CV, au format PDF, de 2 Mo au plus chacun. Vous choisissez
        lequel joindre à chaque candidature ; seul l’employeur concerné peut alors le lire.
      </p>
      <h2 id="mes-cv">CV déposés</h2>
      ${
        input.cvs.length === 0
          ? html`<p>Vous n’avez déposé aucun CV.</p>`
          : dataTable({
              labelledBy: 'mes-cv',
              rows: input.cvs,
              columns: [
                { label: 'Fichier', cell: (cv) => cv.label },
                { label: 'Taille', cell: (cv) => cv.size },
                { label: 'Déposé le', cell: (cv) => cv.uploadedOn },
              ],
              actions: {
                label: 'Actions',
                cell: (cv) =>
                  buttonGroup(
                    [
                      actionButton({
                        action: '/candidat/cv/telechargement',
                        csrfToken: form.csrfToken,
                        fields: { cv: cv.id },
                        label: 'Télécharger',
                        options: { style: 'secondary', small: true, accessibleName: `Télécharger ${cv.label}` },
                      }),
                      actionButton({
                        action: '/candidat/cv/suppression',
                        csrfToken: form.csrfToken,
                        fields: { cv: cv.id },
                        label: 'Supprimer',
                        options: { style: 'tertiary', small: true, accessibleName: `Supprimer ${cv.label}` },
                      }),
                    ],
                    { inline: true },
                  ),
              },
            })
      }
      <h2 id="ajouter">Ajouter un CV</h2>
      ${
        full
          ? html`<p>Vous avez déjà ${String(input.max)} CV : supprimez-en un pour en ajouter un autre.</p>`
          : html`${formErrors(form)}
              <form method="post" action="/candidat/cv" enctype="multipart/form-data">
                ${csrfInput(form)}
                <div class="fr-upload-group ${error ? 'fr-upload-group--error' : ''}">
                  <label class="fr-label" for="champ-cv"
                    >Votre CV
                    <span class="fr-hint-text" id="champ-cv-aide"
                      >Format PDF uniquement, 2 Mo au plus. Le titre, l’auteur et les autres métadonnées du fichier sont
                      retirés avant l’enregistrement.</span
                    ></label
                  >
                  <input
                    class="fr-upload"
                    type="file"
                    id="champ-cv"
                    name="cv"
                    accept="application/pdf,.pdf"
                    required
                    aria-describedby="champ-cv-aide${error ? ' champ-cv-erreur' : ''}"
                    ${error ? html`aria-invalid="true"` : null}
                  />
                  ${error ? html`<p class="fr-error-text" id="champ-cv-erreur">${error}</p>` : null}
                </div>
                ${buttonGroup([submitButton('Déposer ce CV')])}
              </form>`
      }`,
  };
}
