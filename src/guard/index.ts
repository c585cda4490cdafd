export type { Guard, GuardDecision, GuardRequest } from './guard.js';
export { createCeilingGuard } from './ceiling.js';
