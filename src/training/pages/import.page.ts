import {
  alert,
  csrfInput,
  formErrors,
  html,
  pageHeader,
  submitButton,
  textArea,
  type FormState,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';
import type { ImportReport } from '../session-import.js';

export const IMPORT_SCRIPT = '/static/import-sessions.js';

function reportBlock(report: ImportReport | undefined): SafeHtml | null {
  if (!report) return null;
  if (report.fileError) return alert('error', report.fileError, 'Fichier refusé');
  return html`${alert(
    report.rejected.length > 0 ? 'warning' : 'success',
    `${report.imported} session${report.imported > 1 ? 's' : ''} importée${report.imported > 1 ? 's' : ''}, ${report.rejected.length} ligne${report.rejected.length > 1 ? 's' : ''} refusée${report.rejected.length > 1 ? 's' : ''}.`,
    'Import terminé',
  )}
  ${
    report.rejected.length > 0
      ? html`<h2>Lignes refusées</h2>
          <p>Les autres lignes sont importées : corrigez celles-ci et importez-les à nouveau.</p>
          <ul>
            ${report.rejected.map((row) => html`<li>Ligne ${String(row.line)} : ${row.reasons.join(' ')}</li>`)}
          </ul>`
      : null
  }`;
}

/** The import of sessions from a CSV file: the file's shape, the file, the progress, the report. */
export function importPage(input: { form: FormState<'csv'>; report?: ImportReport }): PageContent {
  return {
    title: 'Importer des sessions',
    scripts: [IMPORT_SCRIPT],
    main: html`${pageHeader({
        title: 'Importer des sessions',
        trail: [
          { label: 'Mon organisme', href: '/organisme' },
          { label: 'Mes sessions', href: '/organisme/sessions' },
        ],
      })}
      ${formErrors(input.form)} ${reportBlock(input.report)}
      <p>
        Un fichier CSV (séparateur point-virgule ou virgule, encodage UTF-8), une session par ligne, avec en première
        ligne les colonnes : <code>intitule;formacode;debut;fin;lieu;departement;places;financement</code>.
      </p>
      <ul>
        <li>Dates au format JJ/MM/AAAA ; Formacode à cinq chiffres, ou vide.</li>
        <li>Financement : AFC, AIF, POE, Region, CPF ou Autre.</li>
        <li>Les lignes correctes sont importées ; les autres sont listées avec la raison du refus.</li>
      </ul>
      <form method="post" action="/organisme/sessions/import" id="import-form">
        ${csrfInput(input.form)}
        <div class="fr-upload-group fr-mb-3w">
          <label class="fr-label" for="champ-fichier"
            >Fichier CSV<span class="fr-hint-text">Jusqu’à 5 000 lignes.</span></label
          >
          <input class="fr-upload" type="file" id="champ-fichier" accept=".csv,text/csv" />
        </div>
        ${textArea(input.form, 'csv', {
          label: 'Ou collez le contenu du fichier',
          hint: 'Sans le fichier ci-dessus ; quelques dizaines de lignes au plus.',
          rows: 6,
          required: false,
        })}
        ${submitButton('Importer')}
      </form>
      <progress id="import-progression" class="fr-mt-3w" hidden aria-label="Progression de l’import"></progress>
      <p id="import-etat" role="status" aria-live="polite"></p>
      <ul id="import-rapport"></ul>`,
  };
}
