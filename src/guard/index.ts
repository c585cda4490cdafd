export { configureGuard, guardClassOf, type GuardClass } from './policy.js';
export { raiseAlert, type AlertKind } from './alerts.js';
export { guardSuspension } from './suspend.js';
export { surfaces, surfaceOf, isSurface, type Surface } from './surfaces.js';
