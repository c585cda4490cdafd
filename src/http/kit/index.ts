/*
 * The HTTP kit every domain builds its routes with: access presets, form fields, and the `Web`
 * that registers pages, forms, script endpoints and API routes (docs/architecture.md, "How a
 * domain adds a page, a form and an API route").
 */
export { access } from './access-presets.js';
export { formFields, isSecretField } from './form-fields.js';
export { PendingForms, type PendingForm } from './pending-forms.js';
export { invalid } from './form-route.js';
export type { Web } from './types.js';
export { createWeb, type WebDeps } from './web.js';
export type { UploadedFile, UploadOutcome } from './upload-route.js';
export { trackRoutes, type RouteRecord } from './inventory.js';
