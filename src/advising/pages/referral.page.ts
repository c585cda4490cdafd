import {
  alert,
  csrfInput,
  emptyForm,
  formErrors,
  html,
  pageHeader,
  pagination,
  radioGroup,
  submitButton,
  textArea,
  textInput,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import { NOTE_MAX } from '../advising.policy.js';
import type { PersonLine, SessionChoiceView } from '../advising.presenter.js';
import { ADVISOR_TRAIL } from './portfolio.page.js';

export type ReferralField = 'session' | 'note';

/** What narrows the list of sessions: words and a département, and the page of the list. */
export interface SessionFilter {
  texte?: string;
  departement?: string;
  page: number;
}

/** The list's address, its filters kept (sessions are not personal: they may sit in a URL). */
export function filterQuery(filter: SessionFilter, page = filter.page): string {
  const query = new URLSearchParams();
  if (filter.texte) query.set('texte', filter.texte);
  if (filter.departement) query.set('departement', filter.departement);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** « Orienter vers une formation »: find a session, choose it, write a note, send. */
export function referralPage(input: {
  person: PersonLine;
  form: FormState<ReferralField>;
  filter: SessionFilter;
  sessions: readonly SessionChoiceView[];
  total: number;
  pages: number;
}): PageContent {
  const { person, filter } = input;
  const base = `/conseiller/demandeurs/${person.personId}/orientation`;
  const find = emptyForm<'texte' | 'departement'>('', {
    texte: filter.texte ?? '',
    departement: filter.departement ?? '',
  });
  return {
    title: `Orienter ${person.name} vers une formation`,
    main: html`${pageHeader({
        title: 'Orienter vers une formation',
        trail: [...ADVISOR_TRAIL, { label: person.name, href: `/conseiller/demandeurs/${person.personId}` }],
        lead: `${person.name} (identifiant France Travail ${person.franceTravailId})`,
      })}
      <form method="get" action="${base}" class="fr-mb-5w">
        <fieldset class="fr-fieldset" aria-labelledby="filtre-legende">
          <legend class="fr-fieldset__legend" id="filtre-legende">Chercher une session</legend>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            ${textInput(find, 'texte', {
              label: 'Mots de l’intitulé, du lieu ou de l’organisme',
              type: 'search',
              required: false,
            })}
          </div>
          <div class="fr-fieldset__element fr-fieldset__element--inline">
            ${textInput(find, 'departement', { label: 'Département', hint: 'Par exemple 35 ou 2A.', required: false })}
          </div>
        </fieldset>
        ${submitButton('Chercher', { style: 'secondary' })}
      </form>
      <form method="post" action="${base}${filterQuery(filter)}" novalidate>
        ${csrfInput(input.form)} ${formErrors(input.form)}
        ${
          input.sessions.length === 0
            ? alert('info', 'Aucune session à venir ou en cours ne correspond à cette recherche.')
            : radioGroup(input.form, 'session', {
                legend: `Sessions à venir ou en cours (${input.total})`,
                choices: input.sessions.map((s) => ({ value: s.sessionId, label: s.title, hint: s.details })),
              })
        }
        ${pagination({ current: filter.page, total: input.pages, href: (page) => `${base}${filterQuery(filter, page)}` })}
        ${textArea(input.form, 'note', {
          label: 'Note pour l’organisme de formation',
          hint: `Facultative, ${NOTE_MAX} caractères au plus. Elle est chiffrée ; le demandeur d’emploi peut la lire dans ses données.`,
          required: false,
          maxLength: NOTE_MAX,
        })}
        ${submitButton('Envoyer l’orientation')}
      </form>`,
  };
}
