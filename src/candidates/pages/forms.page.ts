import {
  checkboxGroup,
  csrfInput,
  fieldId,
  formErrors,
  html,
  linkButton,
  buttonGroup,
  pageHeader,
  radioGroup,
  selectInput,
  submitButton,
  textInput,
  valueOf,
  type FormState,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';
import { CATEGORIES, DEPARTEMENTS, LANGUAGES, LEVEL_LABELS, LEVELS, METIERS, REGIONS } from '../choices.js';

const trail = [
  { label: 'Mon espace candidat', href: '/candidat' },
  { label: 'Mon profil', href: '/candidat/profil' },
];

const cancel = () => linkButton('Annuler', '/candidat/profil', { style: 'tertiary' });

export type IdentityField =
  'lastName' | 'firstName' | 'birthDate' | 'email' | 'phone' | 'addressLine' | 'postcode' | 'commune' | 'departement';

/** The identity and contact form. */
export function identityPage(form: FormState<IdentityField>): PageContent {
  return {
    title: 'Identité et coordonnées',
    main: html`${pageHeader({ title: 'Identité et coordonnées', trail })} ${formErrors(form)}
      <p class="fr-hint-text">Les champs sans mention « facultatif » sont obligatoires.</p>
      <form method="post" action="/candidat/profil/identite">
        ${csrfInput(form)} ${textInput(form, 'lastName', { label: 'Nom', autocomplete: 'family-name' })}
        ${textInput(form, 'firstName', { label: 'Prénom', autocomplete: 'given-name' })}
        ${textInput(form, 'birthDate', {
          label: 'Date de naissance (facultatif)',
          type: 'date',
          autocomplete: 'bday',
          required: false,
        })}
        ${textInput(form, 'email', {
          label: 'Adresse électronique de contact (facultatif)',
          hint: 'Celle que les recruteurs utiliseront ; votre adresse de connexion ne change pas.',
          type: 'email',
          autocomplete: 'email',
          required: false,
        })}
        ${textInput(form, 'phone', {
          label: 'Téléphone (facultatif)',
          type: 'tel',
          autocomplete: 'tel',
          required: false,
        })}
        <fieldset class="fr-fieldset" aria-labelledby="adresse-legende">
          <legend class="fr-fieldset__legend" id="adresse-legende">
            Adresse postale (facultatif)
            <span class="fr-hint-text">Remplissez les quatre champs, ou aucun.</span>
          </legend>
          <div class="fr-fieldset__element">
            ${textInput(form, 'addressLine', {
              label: 'Numéro et voie',
              autocomplete: 'street-address',
              required: false,
            })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'postcode', {
              label: 'Code postal',
              autocomplete: 'postal-code',
              inputmode: 'numeric',
              required: false,
            })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'commune', { label: 'Commune', autocomplete: 'address-level2', required: false })}
          </div>
          <div class="fr-fieldset__element">
            ${selectInput(form, 'departement', {
              label: 'Département',
              placeholder: 'Choisir un département',
              required: false,
              choices: DEPARTEMENTS.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
            })}
          </div>
        </fieldset>
        ${buttonGroup([submitButton('Enregistrer'), cancel()], { inline: true })}
      </form>`,
  };
}

export type CareerField = 'title' | 'employer' | 'from' | 'to';

/** Adds one item to the career history. */
export function careerPage(form: FormState<CareerField>): PageContent {
  return {
    title: 'Ajouter un emploi',
    main: html`${pageHeader({ title: 'Ajouter un emploi', trail })} ${formErrors(form)}
      <form method="post" action="/candidat/profil/parcours">
        ${csrfInput(form)} ${textInput(form, 'title', { label: 'Poste occupé', autocomplete: 'organization-title' })}
        ${textInput(form, 'employer', { label: 'Employeur', autocomplete: 'organization' })}
        ${textInput(form, 'from', { label: 'Début', hint: 'Mois et année, par exemple 03/2021', inputmode: 'numeric' })}
        ${textInput(form, 'to', {
          label: 'Fin (facultatif)',
          hint: 'Laissez vide si vous occupez encore ce poste. Format : 06/2024',
          inputmode: 'numeric',
          required: false,
        })}
        ${buttonGroup([submitButton('Ajouter cet emploi'), cancel()], { inline: true })}
      </form>`,
  };
}

export type WishesField = 'posts' | 'categories' | 'regions' | 'departements' | 'aspirations' | `langue_${string}`;

/** A multi-line text field in the DSFR's words. */
function textArea<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: { label: string; hint: string; max: number },
): SafeHtml {
  const id = fieldId(name);
  const error = form.errors[name];
  return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
    <label class="fr-label" for="${id}"
      >${options.label}<span class="fr-hint-text" id="${id}-aide">${options.hint}</span></label
    >
    <textarea
      class="fr-input ${error ? 'fr-input--error' : ''}"
      id="${id}"
      name="${name}"
      rows="5"
      maxlength="${String(options.max)}"
      aria-describedby="${id}-aide${error ? ` ${id}-erreur` : ''}"
      ${error ? html`aria-invalid="true"` : null}
    >
${valueOf(form, name) ?? ''}</textarea>
    ${error ? html`<p class="fr-error-text" id="${id}-erreur">${error}</p>` : null}
  </div>`;
}

/** Posts, categories, zones, languages and aspirations: the profile's searchable part. */
export function wishesPage(form: FormState<WishesField>): PageContent {
  return {
    title: 'Postes, zones et langues',
    main: html`${pageHeader({ title: 'Postes, zones et langues', trail })} ${formErrors(form)}
      <p class="fr-hint-text">Tous les champs de cette page sont facultatifs.</p>
      <form method="post" action="/candidat/profil/souhaits">
        ${csrfInput(form)}
        ${checkboxGroup(form, 'posts', {
          legend: 'Types de poste recherchés',
          choices: METIERS.map((metier, index) => ({ value: `m${index}`, label: metier })),
        })}
        ${checkboxGroup(form, 'categories', {
          legend: 'Catégories recherchées',
          hint: 'Les catégories de la fonction publique',
          choices: CATEGORIES.map((c) => ({ value: c.value, label: c.label, hint: c.hint })),
        })}
        ${checkboxGroup(form, 'regions', {
          legend: 'Régions souhaitées',
          choices: REGIONS.map((region) => ({ value: region.code, label: region.name })),
        })}
        ${checkboxGroup(form, 'departements', {
          legend: 'Départements souhaités',
          choices: DEPARTEMENTS.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
        })}
        <fieldset class="fr-fieldset" aria-labelledby="langues-legende">
          <legend class="fr-fieldset__legend" id="langues-legende">
            Langues
            <span class="fr-hint-text"
              >Votre niveau selon le cadre européen commun de référence (CECRL), de A1 à C2</span
            >
          </legend>
          ${LANGUAGES.map(
            (language) =>
              html`<div class="fr-fieldset__element">
                ${selectInput(form, `langue_${language.code}`, {
                  label: language.name,
                  placeholder: 'Non pratiquée',
                  required: false,
                  choices: LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] })),
                })}
              </div>`,
          )}
        </fieldset>
        ${textArea(form, 'aspirations', {
          label: 'Projet professionnel',
          hint: 'Ce que vous souhaitez faire, en quelques lignes (1 000 caractères au plus)',
          max: 1000,
        })}
        ${buttonGroup([submitButton('Enregistrer'), cancel()], { inline: true })}
      </form>`,
  };
}

/** The pool opt-in, explained in plain words before the choice. */
export function poolPage(form: FormState<'pool'>): PageContent {
  return {
    title: 'Vivier de candidats',
    main: html`${pageHeader({ title: 'Vivier de candidats', trail })} ${formErrors(form)}
      <p>
        Le vivier permet à des recruteurs publics de vous proposer un poste sans que vous ayez postulé. Il est
        facultatif : votre profil n’y figure que si vous le décidez.
      </p>
      <h2>Ce que cela veut dire</h2>
      <ul>
        <li>
          Seuls les gestionnaires de recrutement habilités des employeurs publics peuvent chercher dans le vivier, et
          seulement par critères (type de poste, catégorie, zone, langue).
        </li>
        <li>
          Leurs résultats ne montrent ni votre nom ni vos coordonnées : seulement vos souhaits et votre parcours, sous
          un pseudonyme.
        </li>
        <li>
          S’ils ouvrent votre profil complet, cette consultation est enregistrée et vous la voyez dans
          <a href="/mes-acces">Mes accès</a>, avec l’organisme et le motif.
        </li>
        <li>Vos CV ne sont pas dans le vivier : ils ne sont vus que par les employeurs auxquels vous postulez.</li>
        <li>Vous pouvez retirer votre profil du vivier à tout moment ; il disparaît aussitôt des recherches.</li>
      </ul>
      <form method="post" action="/candidat/profil/vivier">
        ${csrfInput(form)}
        ${radioGroup(form, 'pool', {
          legend: 'Votre choix',
          choices: [
            { value: 'non', label: 'Je ne veux pas figurer dans le vivier' },
            { value: 'oui', label: 'J’accepte que mon profil figure dans le vivier' },
          ],
        })}
        ${buttonGroup([submitButton('Enregistrer mon choix'), cancel()], { inline: true })}
      </form>`,
  };
}
