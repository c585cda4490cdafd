import { jobs } from '../seed/jobs.js';
import { departements, regions } from '../seed/geography.js';

/*
 * The lists a pool search chooses from: the same métiers, régions and départements the
 * profiles are written with (their facets are exact tokens, src/vault/facets.ts), and the
 * languages and CEFR levels. Taken from the platform's reference data in src/seed/.
 */

/** The types of post, as profiles name them. */
export const postTypes: readonly string[] = [...new Set(jobs.map((job) => job.metier))].sort((a, b) =>
  a.localeCompare(b, 'fr'),
);

export const regionNames: readonly string[] = [...regions].sort((a, b) => a.localeCompare(b, 'fr'));

export const departementChoices: readonly { code: string; name: string }[] = departements.map((d) => ({
  code: d.code,
  name: d.name,
}));

/** Languages by ISO 639-1 code, in French. */
export const languageNames: Record<string, string> = {
  en: 'anglais',
  es: 'espagnol',
  de: 'allemand',
  it: 'italien',
  ar: 'arabe',
  pt: 'portugais',
  zh: 'chinois',
  ru: 'russe',
};

export const cefrLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

/** The categories of the civil service a profile may seek. */
export const categories = ['A', 'B', 'C'] as const;
