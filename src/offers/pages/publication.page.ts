import {
  alert,
  checkboxGroup,
  csrfInput,
  formErrors,
  html,
  pageHeader,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
} from '../../ui/index.js';

export type PublicationField = 'until' | 'confirm';

/**
 * Publishing an offer: until when it is advertised. A permanent post advertised for less than a
 * month (décret n° 2018-1351 art. 4) is published only once the recruiter confirms.
 */
export function publicationPage(input: {
  id: string;
  title: string;
  form: FormState<PublicationField>;
  /** Art. 4: the earliest end date of a month's publication, when the date chosen is earlier. */
  shortUntil?: string;
  missing?: readonly string[];
}): PageContent {
  const base = `/recrutement/offres/${input.id}`;
  return {
    title: `Publier l’offre ${input.title}`,
    main: html`${pageHeader({
        title: 'Publier l’offre',
        trail: [
          { label: 'Accueil', href: '/' },
          { label: 'Les offres de mon employeur', href: '/recrutement/offres' },
          { label: input.title, href: base },
        ],
      })}
      ${
        input.missing && input.missing.length > 0
          ? alert(
              'error',
              `Pour publier, complétez d’abord : ${input.missing.join(', ')} (décret n° 2018-1351, article 3).`,
              'Offre incomplète',
            )
          : null
      }
      ${
        input.shortUntil
          ? alert(
              'warning',
              `Un emploi permanent doit être publié au moins un mois avant d’être pourvu (décret n° 2018-1351, article 4), soit jusqu’au ${input.shortUntil} au moins. Choisissez une date plus lointaine, ou confirmez si l’une des exceptions prévues s’applique.`,
              'Publication de moins d’un mois',
            )
          : null
      }
      ${formErrors(input.form)}
      <form method="post" action="${base}/publication">
        ${csrfInput(input.form)} ${textInput(input.form, 'until', { label: 'Publier jusqu’au', type: 'date' })}
        ${
          input.shortUntil
            ? checkboxGroup(input.form, 'confirm', {
                legend: 'Confirmation',
                choices: [{ value: 'on', label: 'Je confirme la publication pour moins d’un mois' }],
              })
            : null
        }
        ${submitButton('Publier')}
      </form>
      ${input.missing && input.missing.length > 0 ? html`<p><a class="fr-link" href="${base}/modification">Compléter l’offre</a></p>` : null}`,
  };
}
