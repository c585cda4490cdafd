import {
  alert,
  badge,
  csrfInput,
  dataTable,
  formErrors,
  html,
  linkButton,
  pageHeader,
  pagination,
  summaryList,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  type SafeHtml,
  frenchDay,
} from '../../ui/index.js';
import type { InformationSlotRow } from '../training.repo.js';
import {
  fundingLabels,
  seatsInWords,
  statusLabels,
  timeInWords,
  type SessionView,
  type TraineeView,
} from '../training.presenter.js';

export type MeetingField = 'place' | 'startsAt' | 'minutes' | 'seats';

/** The information meetings of a session, each with its slots. */
function meetings(rows: readonly InformationSlotRow[]): SafeHtml {
  if (rows.length === 0) return html`<p>Aucune réunion d’information n’est prévue.</p>`;
  const byMeeting = new Map<string, { place: string; slots: InformationSlotRow[] }>();
  for (const row of rows) {
    const meeting = byMeeting.get(row.meetingId) ?? { place: row.place, slots: [] };
    if (row.slotId) meeting.slots.push(row);
    byMeeting.set(row.meetingId, meeting);
  }
  return html`<ul>
    ${[...byMeeting.values()].map(
      (meeting) =>
        html`<li>
          ${meeting.place}
          <ul>
            ${meeting.slots.map(
              (slot) =>
                html`<li>
                  ${timeInWords(slot.startsAt!)}, ${String(slot.minutes)} minutes, ${String(slot.seats)} places
                </li>`,
            )}
          </ul>
        </li>`,
    )}
  </ul>`;
}

/** One session: what it is, its information meetings, and its trainees page by page. */
export function sessionPage(input: {
  session: SessionView;
  slots: readonly InformationSlotRow[];
  trainees: TraineeView[];
  page: number;
  pages: number;
  total: number;
  meetingForm: FormState<MeetingField>;
  done?: string;
}): PageContent {
  const { session } = input;
  return {
    title: session.title,
    main: html`${pageHeader({
        title: session.title,
        trail: [
          { label: 'Mon organisme', href: '/organisme' },
          { label: 'Mes sessions', href: '/organisme/sessions' },
        ],
      })}
      ${alert('success', input.done)}
      ${summaryList([
        { label: 'Formacode', value: session.formacode ?? 'Non renseigné' },
        { label: 'Dates', value: `du ${frenchDay(session.startsOn)} au ${frenchDay(session.endsOn)}` },
        { label: 'Lieu', value: `${session.place} (${session.departement})` },
        { label: 'Places', value: seatsInWords(session) },
        { label: 'Financement', value: fundingLabels[session.funding] },
      ])}
      <h2 id="stagiaires">Stagiaires orientés (${String(input.total)})</h2>
      ${
        input.trainees.length === 0
          ? html`<p>Aucun demandeur d’emploi n’est orienté vers cette session.</p>`
          : dataTable({
              labelledBy: 'stagiaires',
              rows: input.trainees,
              columns: [
                { label: 'Nom', cell: (t) => t.lastName },
                { label: 'Prénom', cell: (t) => t.firstName },
                { label: 'Identifiant France Travail', cell: (t) => t.franceTravailId ?? '—' },
                { label: 'État', cell: (t) => badge(...statusLabels[t.status]) },
              ],
              actions: {
                label: 'Suivi',
                cell: (t) =>
                  linkButton('Suivre', `/organisme/orientations/${t.referralId}`, {
                    small: true,
                    style: 'secondary',
                    accessibleName: `Suivre ${t.firstName} ${t.lastName}`,
                  }),
              },
            })
      }
      ${pagination({
        current: input.page,
        total: input.pages,
        href: (n) => `/organisme/sessions/${session.id}?page=${n}#stagiaires`,
      })}
      <h2>Réunions d’information</h2>
      ${meetings(input.slots)}
      <h3>Ajouter une réunion d’information</h3>
      ${formErrors(input.meetingForm)}
      <form method="post" action="/organisme/sessions/${session.id}/reunions">
        ${csrfInput(input.meetingForm)} ${textInput(input.meetingForm, 'place', { label: 'Lieu' })}
        ${textInput(input.meetingForm, 'startsAt', {
          label: 'Créneaux',
          hint: 'Un ou plusieurs, séparés par des virgules, au format JJ/MM/AAAA HH:MM.',
        })}
        ${textInput(input.meetingForm, 'minutes', { label: 'Durée de chaque créneau (minutes)', type: 'number' })}
        ${textInput(input.meetingForm, 'seats', { label: 'Places par créneau', type: 'number' })}
        ${submitButton('Ajouter la réunion', { style: 'secondary' })}
      </form>`,
  };
}
