import {
  actionButton,
  alert,
  badge,
  buttonGroup,
  csrfInput,
  formErrors,
  html,
  pageHeader,
  radioGroup,
  selectInput,
  summaryList,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  type SafeHtml,
  frenchDay,
} from '../../ui/index.js';
import type { ReferralStatus } from '../training.policy.js';
import type { ReferralEventKind } from '../../vault/index.js';
import { exitOutcomes, interruptionReasons } from '../training.policy.js';
import {
  eventLabels,
  monthInWords,
  outcomeLabels,
  reasonLabels,
  statusLabels,
  type ContactView,
  type EventView,
  declarationPaths,
  lastInterruption,
} from '../training.presenter.js';
import type { TraineeIdentity } from '../trainees.js';

export type DeclarationField = 'on' | 'month' | 'daysPresent' | 'reason' | 'outcome';

export interface ReferralPageInput {
  referralId: string;
  sessionId: string;
  sessionTitle: string;
  status: ReferralStatus;
  trainee: TraineeIdentity;
  events: EventView[];
  /** Shown only after « Voir les coordonnées », for this one answer. */
  contact?: ContactView;
  form: FormState<DeclarationField>;
  /** Which declaration the form's errors belong to. */
  formKind?: ReferralEventKind;
  done?: string;
}

function eventLine(event: EventView): SafeHtml {
  const what =
    event.kind === 'attendance'
      ? `${eventLabels.attendance} : ${monthInWords(event.occurredOn)}, ${String(event.daysPresent ?? '—')} jours de présence`
      : `${eventLabels[event.kind]} le ${frenchDay(event.occurredOn)}${
          event.reason ? ` (${reasonLabels[event.reason]})` : event.outcome ? ` (${outcomeLabels[event.outcome]})` : ''
        }`;
  return html`<li>
    ${what}, déclarée le ${frenchDay(event.declaredOn)} ${event.late ? badge('Hors délai', 'warning') : null}
  </li>`;
}

function contactBlock(input: ReferralPageInput): SafeHtml {
  if (input.contact) {
    const { email, phone, address } = input.contact;
    return html`<div class="fr-callout fr-mb-3w">
      <h3 class="fr-callout__title">Coordonnées</h3>
      ${summaryList([
        { label: 'Adresse électronique', value: email ?? 'Non renseignée' },
        { label: 'Téléphone', value: phone ?? 'Non renseigné' },
        {
          label: 'Adresse postale',
          value: address ? `${address.line}, ${address.postcode} ${address.commune}` : 'Non renseignée',
        },
      ])}
      <p class="fr-text--sm fr-mb-0">Cette consultation est enregistrée et visible par la personne.</p>
    </div>`;
  }
  return html`<p class="fr-text--sm">
      Les coordonnées ne s’affichent qu’à la demande ; chaque consultation est enregistrée et visible par la personne.
    </p>
    ${actionButton({
      action: `/organisme/orientations/${input.referralId}/coordonnees`,
      csrfToken: input.form.csrfToken,
      fields: {},
      label: 'Voir les coordonnées',
      options: { style: 'secondary', icon: 'fr-icon-eye-line' },
    })}`;
}

/** A form of one declaration, posted to its own address; errors show only on the one sent. */
function declarationForm(
  input: ReferralPageInput,
  kind: ReferralEventKind,
  fields: (form: FormState<DeclarationField>) => SafeHtml,
): SafeHtml {
  const form = input.formKind === kind ? input.form : { ...input.form, values: {}, errors: {}, error: undefined };
  const path = declarationPaths[kind];
  return html`<form method="post" action="/organisme/orientations/${input.referralId}/${path}" class="fr-mb-4w">
    <h3>${eventLabels[kind]}</h3>
    ${input.formKind === kind ? formErrors(form) : null} ${csrfInput(form)} ${fields(form)}
    ${submitButton(`Déclarer : ${eventLabels[kind].toLowerCase()}`)}
  </form>`;
}

function declarations(input: ReferralPageInput): SafeHtml | null {
  const id = (kind: string, name: string) => `${kind}-${name}`;
  switch (input.status) {
    case 'referred':
      return html`<h2>Réponse à l’orientation</h2>
        ${buttonGroup(
          [
            actionButton({
              action: `/organisme/orientations/${input.referralId}/reponse`,
              csrfToken: input.form.csrfToken,
              fields: { decision: 'accept' },
              label: 'Accepter',
            }),
            actionButton({
              action: `/organisme/orientations/${input.referralId}/reponse`,
              csrfToken: input.form.csrfToken,
              fields: { decision: 'refuse' },
              label: 'Refuser',
              options: { style: 'secondary' },
            }),
          ],
          { inline: true },
        )}`;
    case 'accepted':
      return html`<h2>Déclarer</h2>
        ${declarationForm(input, 'entry', (form) =>
          textInput(form, 'on', { label: 'Date d’entrée', type: 'date', id: id('entree', 'on') }),
        )}`;
    case 'entered':
      return html`<h2>Déclarer</h2>
        ${declarationForm(
          input,
          'attendance',
          (form) =>
            html`${textInput(form, 'month', {
              label: 'Mois',
              hint: 'Au format AAAA-MM, une fois le mois terminé.',
              type: 'text',
              id: id('presence', 'month'),
            })}
            ${textInput(form, 'daysPresent', {
              label: 'Jours de présence dans le mois',
              type: 'number',
              id: id('presence', 'days'),
            })}`,
        )}
        ${declarationForm(
          input,
          'interruption',
          (form) =>
            html`${textInput(form, 'on', { label: 'Date de l’interruption', type: 'date', id: id('interruption', 'on') })}
            ${radioGroup(form, 'reason', {
              legend: 'Motif',
              id: id('interruption', 'reason'),
              choices: interruptionReasons.map((value) => ({ value, label: reasonLabels[value] })),
            })}`,
        )}
        ${declarationForm(
          input,
          'exit',
          (form) =>
            html`${textInput(form, 'on', { label: 'Date de sortie', type: 'date', id: id('sortie', 'on') })}
            ${selectInput(form, 'outcome', {
              label: 'Résultat',
              id: id('sortie', 'outcome'),
              placeholder: 'Choisir un résultat',
              choices: exitOutcomes.map((value) => ({ value, label: outcomeLabels[value] })),
            })}`,
        )}`;
    case 'interrupted':
      // A postponement is followed by a resumption; the other reasons end the training.
      if (lastInterruption(input.events)?.reason !== 'of_postponed') return null;
      return html`<h2>Déclarer</h2>
        ${declarationForm(input, 'resumption', (form) =>
          textInput(form, 'on', { label: 'Date de reprise', type: 'date', id: id('reprise', 'on') }),
        )}`;
    default:
      return null;
  }
}

/** One trainee of one session: identity, state, history, contact on demand, and what to declare. */
export function referralPage(input: ReferralPageInput): PageContent {
  const name = `${input.trainee.firstName} ${input.trainee.lastName}`;
  return {
    title: `Suivi de ${name}`,
    main: html`${pageHeader({
        title: `Suivi de ${name}`,
        trail: [
          { label: 'Mon organisme', href: '/organisme' },
          { label: input.sessionTitle, href: `/organisme/sessions/${input.sessionId}` },
        ],
      })}
      ${alert('success', input.done)} ${input.formKind ? null : formErrors(input.form)}
      ${summaryList([
        { label: 'Nom', value: input.trainee.lastName },
        { label: 'Prénom', value: input.trainee.firstName },
        { label: 'Identifiant France Travail', value: input.trainee.franceTravailId ?? '—' },
        { label: 'Session', value: input.sessionTitle },
        { label: 'État', value: badge(...statusLabels[input.status]) },
      ])}
      ${contactBlock(input)}
      <h2>Déclarations faites</h2>
      ${
        input.events.length === 0
          ? html`<p>Aucune déclaration pour l’instant.</p>`
          : html`<ul>
              ${input.events.map(eventLine)}
            </ul>`
      }
      ${declarations(input)}`,
  };
}
