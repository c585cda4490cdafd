import { departements, jobs, regions } from '../seed/index.js';
import type { CategorySought, LanguageSkill } from '../vault/index.js';

/*
 * The lists a candidate picks from, so that the pool's facets match exactly: régions and
 * départements of the Code officiel géographique (INSEE), the métiers the offers use, the
 * categories of the civil service, and the levels of the CEFR.
 */

/** A région's name as an id (« Île-de-France » → « ile-de-france »), for a form's values. */
function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

/** The régions: the form posts `code`, the profile keeps `name` (the pool's facet). */
export const REGIONS: readonly { code: string; name: string }[] = [...regions]
  .sort((a, b) => a.localeCompare(b, 'fr'))
  .map((name) => ({ code: slug(name), name }));

export const DEPARTEMENTS: readonly { code: string; name: string }[] = departements.map((d) => ({
  code: d.code,
  name: d.name,
}));

export const METIERS: readonly string[] = [...new Set(jobs.map((job) => job.metier))].sort((a, b) =>
  a.localeCompare(b, 'fr'),
);

export const CATEGORIES: readonly { value: CategorySought; label: string; hint: string }[] = [
  { value: 'A', label: 'Catégorie A', hint: 'Conception, direction, encadrement (niveau licence et plus)' },
  { value: 'B', label: 'Catégorie B', hint: 'Application, rédaction (niveau baccalauréat ou bac + 2)' },
  { value: 'C', label: 'Catégorie C', hint: 'Exécution (sans diplôme ou CAP, BEP)' },
];

/** CEFR levels (Conseil de l’Europe, Cadre européen commun de référence pour les langues). */
export const LEVELS: readonly LanguageSkill['level'][] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export const LEVEL_LABELS: Record<LanguageSkill['level'], string> = {
  A1: 'A1 (découverte)',
  A2: 'A2 (survie)',
  B1: 'B1 (seuil)',
  B2: 'B2 (avancé)',
  C1: 'C1 (autonome)',
  C2: 'C2 (maîtrise)',
};

/** Languages by ISO 639-1 code, as the pool's facets name them. */
export const LANGUAGES: readonly { code: string; name: string }[] = [
  { code: 'en', name: 'Anglais' },
  { code: 'de', name: 'Allemand' },
  { code: 'es', name: 'Espagnol' },
  { code: 'it', name: 'Italien' },
  { code: 'pt', name: 'Portugais' },
  { code: 'ar', name: 'Arabe' },
  { code: 'zh', name: 'Chinois' },
  { code: 'ru', name: 'Russe' },
  { code: 'nl', name: 'Néerlandais' },
  { code: 'pl', name: 'Polonais' },
  { code: 'ro', name: 'Roumain' },
  { code: 'tr', name: 'Turc' },
];

export function languageName(code: string): string {
  return LANGUAGES.find((language) => language.code === code)?.name ?? code;
}

export function departementName(code: string): string {
  const found = DEPARTEMENTS.find((d) => d.code === code);
  return found ? `${found.name} (${found.code})` : code;
}
