/*
 * The ground floor of every page: the escaping `html` template, the DSFR layout, and typed DSFR
 * components. Pure functions from data to markup: no request, no database, no Fastify. Routes
 * and forms are in src/http/kit/.
 */
export { escapeHtml, html, toHtmlString, type HtmlValue, type SafeHtml } from './html.js';
export {
  layout,
  renderPage,
  MAIN_ID,
  SERVICE_NAME,
  FAVICON_PATH,
  type AppMode,
  type PageContent,
  type PageFrame,
} from './layout.js';
export type { MenuLink, Viewer } from './header.js';
export { frenchDay } from './dates.js';
export { frenchSpacing, frenchSpacingInHtml, typographyFaults } from './typography.js';
export { emptyForm, fieldId, valueOf, valuesOf, type FormState } from './form-state.js';
export { alert, formErrors, type AlertKind } from './components/alerts.js';
export { actionButton, buttonGroup, linkButton, submitButton, type ButtonStyle } from './components/buttons.js';
export {
  checkboxGroup,
  csrfInput,
  hiddenInput,
  passwordInput,
  radioGroup,
  selectInput,
  textArea,
  textInput,
  type Choice,
} from './components/fields.js';
export { pageHeader, type Crumb } from './components/page-header.js';
export { pagination } from './components/pagination.js';
export { summaryList, type SummaryRow } from './components/summary-list.js';
export { dataTable, type Column, type RowLayout } from './components/table.js';
export { badge, tag, tagGroup, type BadgeKind } from './components/tags.js';
