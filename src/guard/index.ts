export { configureGuard } from './policy.js';
export { raiseAlert, type AlertKind } from './alerts.js';
export { canaryTripwire } from './canaries.js';
