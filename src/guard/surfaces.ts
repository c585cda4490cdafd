import type { AnyPurpose } from '../vault/index.js';

/**
 * The surfaces a kill switch can close in one action: the training organisations' portal and
 * the candidate pool. A purpose belongs to at most one, by the domain that declared it.
 */
export const surfaces = {
  of_portal: { label: 'Portail des organismes de formation', holds: (name: string) => name.startsWith('training.') },
  pool: { label: 'Vivier de candidats', holds: (name: string) => name.startsWith('recruiting.pool') },
} as const;

export type Surface = keyof typeof surfaces;

export function isSurface(value: unknown): value is Surface {
  return typeof value === 'string' && Object.hasOwn(surfaces, value);
}

export function surfaceOf(purpose: Pick<AnyPurpose, 'name'>): Surface | null {
  for (const [surface, spec] of Object.entries(surfaces)) if (spec.holds(purpose.name)) return surface as Surface;
  return null;
}
