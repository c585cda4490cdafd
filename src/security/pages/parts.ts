import { surfaces } from '../../guard/surfaces.js';
import { switchReasons } from '../../guard/switches.js';
import {
  actionButton,
  badge,
  buttonGroup,
  csrfInput,
  dataTable,
  formErrors,
  html,
  radioGroup,
  selectInput,
  submitButton,
  textInput,
  type Choice,
  type FormState,
  type SafeHtml,
} from '../../ui/index.js';
import type { AlertView, EvidenceLine, LiftState, SuspensionView, SwitchView } from '../security.presenter.js';
import { switchLevelLabels } from '../security.labels.js';
import { switchLevels, type SwitchField } from '../routes/schemas.js';

/*
 * Pieces the console's home and an account's page share: the evidence of an alert or a signal
 * as a definition list, the alerts' table with their two decisions, and the lifts, which take
 * two people where the platform set them.
 */

/** The account whose page an action returns to, or null for the console. */
export type Back = string | null;

const backField = (back: Back): Record<string, string> => (back ? { retour: back } : {});

/** Evidence, key by key: « Finalité : training.follow_up ». */
export function evidenceList(lines: readonly EvidenceLine[]): SafeHtml {
  if (lines.length === 0) return html`<p class="fr-text--sm fr-mb-0">Aucun élément enregistré.</p>`;
  return html`<dl class="fr-text--sm fr-mb-0">
    ${lines.map(
      (line) =>
        html`<div>
          <dt class="fr-text--bold">${line.label}</dt>
          <dd class="fr-ml-0 fr-mb-1v">${line.href ? html`<a href="${line.href}">${line.value}</a>` : line.value}</dd>
        </div>`,
    )}
  </dl>`;
}

/** The open alerts, each with its evidence and the two decisions. */
export function alertsTable(input: {
  id: string;
  alerts: readonly AlertView[];
  csrfToken: string;
  back: Back;
}): SafeHtml {
  return dataTable({
    labelledBy: input.id,
    cardsBelow: 'lg',
    rows: input.alerts,
    columns: [
      { label: 'Alerte', cell: (alert) => alert.kind },
      { label: 'Levée le', cell: (alert) => alert.raisedAt },
      { label: 'Éléments', cell: (alert) => evidenceList(alert.evidence) },
      {
        label: 'Compte',
        cell: (alert) => (alert.account ? html`<a href="${alert.account.href}">${alert.account.label}</a>` : 'Aucun'),
      },
    ],
    actions: {
      label: 'Décision',
      cell: (alert) =>
        alert.own
          ? html`<p class="fr-text--sm fr-mb-0">Votre propre compte : un autre responsable de la sécurité décide.</p>`
          : buttonGroup([
              decision(input, alert, 'confirmer', 'Confirmer', 'primary'),
              decision(input, alert, 'ecarter', 'Écarter', 'secondary'),
            ]),
    },
  });
}

function decision(
  input: { csrfToken: string; back: Back },
  alert: AlertView,
  value: 'confirmer' | 'ecarter',
  label: string,
  style: 'primary' | 'secondary',
): SafeHtml {
  return actionButton({
    action: '/securite/alertes/decision',
    csrfToken: input.csrfToken,
    fields: { alerte: alert.id, decision: value, ...backField(input.back) },
    label,
    options: { style, small: true, accessibleName: `${label} l’alerte « ${alert.kind} » du ${alert.raisedAt}` },
  });
}

const WAITING = 'Levée demandée, en attente d’une seconde personne';

/** Where a lift stands, and the button the viewer may press. */
function liftCell(input: {
  lift: LiftState;
  twoPeople: boolean;
  action: string;
  fields: Record<string, string>;
  csrfToken: string;
  what: string;
}): SafeHtml {
  if (input.lift === 'asked_by_viewer') return badge(WAITING, 'info');
  const label =
    input.lift === 'asked_by_other' ? 'Confirmer la levée' : input.twoPeople ? 'Demander la levée' : 'Lever';
  return html`${input.lift === 'asked_by_other' ? html`<p class="fr-text--sm fr-mb-1w">${WAITING}.</p>` : null}
  ${actionButton({
    action: input.action,
    csrfToken: input.csrfToken,
    fields: input.fields,
    label,
    options: { style: 'secondary', small: true, accessibleName: `${label} : ${input.what}` },
  })}`;
}

export function suspensionLift(suspension: SuspensionView, csrfToken: string, back: Back): SafeHtml {
  if (suspension.own) return html`<p class="fr-text--sm fr-mb-0">Votre propre compte.</p>`;
  return liftCell({
    lift: suspension.lift,
    twoPeople: suspension.twoPeople,
    action: '/securite/suspensions/levee',
    fields: { compte: suspension.accountId, ...backField(back) },
    csrfToken,
    what: `suspension du compte ${suspension.account}`,
  });
}

export function switchLift(on: SwitchView, csrfToken: string, back: Back): SafeHtml {
  return liftCell({
    lift: on.lift,
    twoPeople: true,
    action: '/securite/coupe-circuit/levee',
    fields: { coupure: on.id, ...backField(back) },
    csrfToken,
    what: `coupe-circuit ${on.target}`,
  });
}

export const reasonChoices: Choice[] = Object.entries(switchReasons).map(([value, label]) => ({ value, label }));

/** The kill switch's form: what it stops, which one, and why. */
export function switchForm(input: { form: FormState<SwitchField>; organisations: readonly Choice[] }): SafeHtml {
  const { form } = input;
  return html`<form method="post" action="/securite/coupe-circuit" novalidate>
    ${formErrors(form)} ${csrfInput(form)}
    ${radioGroup(form, 'niveau', {
      legend: 'Ce que le coupe-circuit arrête',
      choices: switchLevels.map((level) => ({ value: level, label: switchLevelLabels[level] })),
    })}
    ${textInput(form, 'compte', {
      label: 'Identifiant du compte',
      hint: 'Pour un compte : son identifiant, tel que sa page l’indique (36 caractères).',
      required: false,
      autocomplete: 'off',
    })}
    ${selectInput(form, 'organisation', {
      label: 'Organisme',
      hint: 'Pour un organisme entier : toutes les sessions de ses comptes sont fermées.',
      required: false,
      placeholder: 'Choisir un organisme',
      choices: input.organisations,
    })}
    ${selectInput(form, 'service', {
      label: 'Service',
      hint: 'Pour un service entier : toutes ses consultations sont refusées.',
      required: false,
      placeholder: 'Choisir un service',
      choices: Object.entries(surfaces).map(([value, surface]) => ({ value, label: surface.label })),
    })}
    ${selectInput(form, 'motif', { label: 'Motif', placeholder: 'Choisir un motif', choices: reasonChoices })}
    ${submitButton('Activer le coupe-circuit', { icon: 'fr-icon-alert-line' })}
  </form>`;
}
