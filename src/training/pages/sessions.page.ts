import {
  alert,
  buttonGroup,
  csrfInput,
  dataTable,
  formErrors,
  html,
  linkButton,
  pageHeader,
  pagination,
  selectInput,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  frenchDay,
} from '../../ui/index.js';
import { fundingLabels, seatsInWords, type SessionView } from '../training.presenter.js';
import { fundings } from '../training.repo.js';

const TRAIL = [{ label: 'Mon organisme', href: '/organisme' }];
const SESSIONS = [...TRAIL, { label: 'Mes sessions', href: '/organisme/sessions' }];

/** The organisation's sessions, page by page. */
export function sessionsPage(input: {
  sessions: SessionView[];
  page: number;
  pages: number;
  total: number;
  done?: string;
}): PageContent {
  return {
    title: 'Mes sessions de formation',
    main: html`${pageHeader({ title: 'Mes sessions de formation', trail: TRAIL })} ${alert('success', input.done)}
      ${buttonGroup(
        [
          linkButton('Nouvelle session', '/organisme/sessions/nouvelle', { icon: 'fr-icon-add-line' }),
          linkButton('Importer un fichier CSV', '/organisme/sessions/import', { style: 'secondary' }),
        ],
        { inline: true },
      )}
      <h2 id="liste-sessions">${input.total} session${input.total > 1 ? 's' : ''}</h2>
      ${dataTable({
        labelledBy: 'liste-sessions',
        rows: input.sessions,
        columns: [
          {
            label: 'Session',
            cell: (s) =>
              html`<a href="/organisme/sessions/${s.id}">${s.title}</a>${
                  s.formacode ? html`<br /><span class="fr-text--sm">Formacode ${s.formacode}</span>` : null
                }`,
          },
          { label: 'Dates', cell: (s) => `du ${frenchDay(s.startsOn)} au ${frenchDay(s.endsOn)}` },
          { label: 'Lieu', cell: (s) => `${s.place} (${s.departement})` },
          { label: 'Places', cell: (s) => seatsInWords(s) },
          {
            label: 'Stagiaires',
            cell: (s) => `${s.referrals} orienté${s.referrals > 1 ? 's' : ''}, ${s.open} en cours`,
          },
        ],
      })}
      ${pagination({ current: input.page, total: input.pages, href: (n) => `/organisme/sessions?page=${n}` })}`,
  };
}

export type SessionField =
  'title' | 'formacode' | 'startsOn' | 'endsOn' | 'place' | 'departement' | 'capacity' | 'funding';

/** A new session: title, Formacode, dates, place, capacity, funding. */
export function newSessionPage(form: FormState<SessionField>): PageContent {
  return {
    title: 'Nouvelle session',
    main: html`${pageHeader({ title: 'Nouvelle session', trail: SESSIONS })} ${formErrors(form)}
      <form method="post" action="/organisme/sessions/nouvelle">
        ${csrfInput(form)} ${textInput(form, 'title', { label: 'Intitulé' })}
        ${textInput(form, 'formacode', {
          label: 'Code Formacode',
          hint: 'Cinq chiffres, facultatif.',
          required: false,
          inputmode: 'numeric',
        })}
        ${textInput(form, 'startsOn', { label: 'Date de début', type: 'date' })}
        ${textInput(form, 'endsOn', { label: 'Date de fin', type: 'date' })}
        ${textInput(form, 'place', { label: 'Lieu', hint: 'La commune ou l’adresse du centre.' })}
        ${textInput(form, 'departement', { label: 'Département', hint: 'Son numéro : 69, 2A, 974…' })}
        ${textInput(form, 'capacity', { label: 'Nombre de places', type: 'number', inputmode: 'numeric' })}
        ${selectInput(form, 'funding', {
          label: 'Financement',
          placeholder: 'Choisir un financement',
          choices: fundings.map((value) => ({ value, label: fundingLabels[value] })),
        })}
        ${submitButton('Créer la session')}
      </form>`,
  };
}
