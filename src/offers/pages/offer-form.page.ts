import {
  checkboxGroup,
  csrfInput,
  formErrors,
  html,
  pageHeader,
  radioGroup,
  selectInput,
  submitButton,
  textArea,
  textInput,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import type { OfferFormField } from '../offer-form.js';
import {
  categories,
  categoryLabels,
  natureLabels,
  natures,
  vacancyKindLabels,
  vacancyKinds,
} from '../offers.labels.js';

const optional = { required: false };

/** The form that writes or edits an offer, grouped as décret n° 2018-1351 art. 3 lists its fields. */
export function offerFormPage(input: {
  form: FormState<OfferFormField>;
  action: string;
  editing?: { title: string; href: string };
}): PageContent {
  const { form } = input;
  const title = input.editing ? 'Modifier l’offre' : 'Rédiger une nouvelle offre';
  const trail = [
    { label: 'Accueil', href: '/' },
    { label: 'Les offres de mon employeur', href: '/recrutement/offres' },
    ...(input.editing ? [{ label: input.editing.title, href: input.editing.href }] : []),
  ];
  return {
    title,
    main: html`${pageHeader({
        title,
        trail,
        lead: 'Une offre s’enregistre en brouillon. Pour la publier, tous les champs que demande le décret n° 2018-1351 (article 3) doivent être remplis.',
      })}
      ${formErrors(form)}
      <form method="post" action="${input.action}" novalidate>
        ${csrfInput(form)}
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Le poste</legend>
          <div class="fr-fieldset__element">${textInput(form, 'title', { label: 'Intitulé du poste' })}</div>
          <div class="fr-fieldset__element">
            ${radioGroup(form, 'vacancyKind', {
              legend: 'Création ou vacance d’emploi',
              choices: vacancyKinds.map((value) => ({ value, label: vacancyKindLabels[value] })),
            })}
          </div>
          <div class="fr-fieldset__element">
            ${selectInput(form, 'category', {
              label: 'Catégorie statutaire',
              choices: categories.map((value) => ({ value, label: categoryLabels[value] })),
              placeholder: 'Choisir',
            })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'grades', { label: 'Corps, cadre d’emplois ou grade attendus', hint: 'Obligatoire pour publier.', ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${selectInput(form, 'nature', {
              label: 'Nature de l’emploi',
              choices: natures.map((value) => ({ value, label: natureLabels[value] })),
              placeholder: 'Choisir',
            })}
          </div>
          <div class="fr-fieldset__element">${textInput(form, 'metier', { label: 'Métier' })}</div>
          <div class="fr-fieldset__element">${textInput(form, 'domaine', { label: 'Domaine' })}</div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'contractMonths', {
              label: 'Durée du contrat, en mois',
              hint: 'Laissez vide pour un emploi permanent.',
              inputmode: 'numeric',
              ...optional,
            })}
          </div>
          <div class="fr-fieldset__element">
            ${checkboxGroup(form, 'fullTime', { legend: 'Temps de travail', choices: [{ value: 'on', label: 'Temps plein' }] })}
          </div>
          <div class="fr-fieldset__element">${textInput(form, 'studyLevel', { label: 'Niveau d’études attendu' })}</div>
        </fieldset>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Où se trouve l’emploi</legend>
          <div class="fr-fieldset__element">
            ${textInput(form, 'departement', { label: 'Département', hint: 'Son numéro, par exemple 35 ou 2A.' })}
          </div>
          <div class="fr-fieldset__element">${textInput(form, 'place', { label: 'Commune' })}</div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'service', { label: 'Service ou structure', ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'parentOrganisation', { label: 'Organisme de rattachement', ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'recruitingAuthority', { label: 'Autorité de recrutement', hint: 'Obligatoire pour publier.', ...optional })}
          </div>
        </fieldset>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Missions et profil</legend>
          <div class="fr-fieldset__element">
            ${textArea(form, 'description', { label: 'Missions', hint: 'Obligatoire pour publier. Séparez les paragraphes par une ligne vide.', rows: 6, ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textArea(form, 'profile', { label: 'Profil attendu', hint: 'Expériences et compétences. Obligatoire pour publier.', rows: 6, ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textArea(form, 'conditions', { label: 'Conditions particulières d’exercice', hint: 'Le cas échéant : habilitations, diplômes, formation requise.', rows: 3, ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'remuneration', { label: 'Rémunération', ...optional })}
          </div>
        </fieldset>
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Dates et candidatures</legend>
          <div class="fr-fieldset__element">
            ${textInput(form, 'vacantFrom', { label: 'Date de vacance de l’emploi', hint: 'Obligatoire pour publier.', type: 'date', ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'applyTo', { label: 'Candidatures à adresser à', hint: 'Le service ou l’autorité. Obligatoire pour publier.', ...optional })}
          </div>
          <div class="fr-fieldset__element">
            ${textInput(form, 'deadline', { label: 'Date limite de candidature', hint: 'Sans date, la fin de la publication.', type: 'date', ...optional })}
          </div>
        </fieldset>
        ${submitButton(input.editing ? 'Enregistrer les modifications' : 'Enregistrer le brouillon')}
      </form>`,
  };
}
