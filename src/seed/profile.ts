import type { CareerItem, LanguageSkill, NewProfile } from '../vault/index.js';
import { ofCommune } from './articles.js';
import { addDays, isoMonth } from './dates.js';
import { departementsOfRegion, type Departement } from './geography.js';
import { jobs } from './jobs.js';
import type { Rng } from './rng.js';

const privateEmployers = [
  'Association d’aide à domicile',
  'Cabinet d’expertise comptable',
  'Entreprise de propreté',
  'Supermarché',
  'PME du bâtiment',
  'Agence d’intérim',
  'Restaurant',
  'Société de transport',
  'Jeune pousse du numérique',
  'Banque mutualiste',
  'Clinique privée',
  'Centre de relation client',
];

const privateTitles = [
  'Vendeur',
  'Employé de commerce',
  'Assistant de direction',
  'Agent d’entretien',
  'Chauffeur-livreur',
  'Serveur',
  'Conseiller clientèle',
  'Aide à domicile',
  'Comptable',
  'Développeur',
  'Infirmier',
  'Agent de sécurité',
];

const aspirations = [
  'Rejoindre un service au contact du public et mettre mon expérience au service des usagers.',
  'Évoluer vers des fonctions d’encadrement dans la fonction publique territoriale.',
  'Trouver un poste stable près de chez moi, compatible avec ma vie de famille.',
  'Me reconvertir dans le secteur public après quinze ans dans le privé.',
  'Préparer un concours de catégorie B tout en travaillant comme contractuel.',
  'Travailler à l’hôpital, dans un service où l’on prend le temps des patients.',
  'Mettre mes compétences numériques au service de l’intérêt général.',
  'Participer à la transition écologique de ma commune.',
  'Revenir dans ma région d’origine et m’y installer durablement.',
  'Découvrir un nouveau métier grâce à la mobilité entre les trois fonctions publiques.',
];

const languageWeights: readonly (readonly [string, number])[] = [
  ['en', 0.75],
  ['es', 0.3],
  ['de', 0.15],
  ['it', 0.1],
  ['ar', 0.08],
  ['pt', 0.06],
];
const levels: readonly (readonly [LanguageSkill['level'], number])[] = [
  ['A1', 10],
  ['A2', 20],
  ['B1', 30],
  ['B2', 25],
  ['C1', 10],
  ['C2', 5],
];

function career(rng: Rng, departement: Departement, today: string): CareerItem[] {
  const items: CareerItem[] = [];
  let end: string | null = rng.chance(0.5) ? null : addDays(today, -rng.int(30, 400));
  for (let n = rng.int(0, 4); n > 0; n--) {
    const from = addDays(end ?? today, -rng.int(180, 1800));
    const commune = rng.pick(departement.communes).name;
    const publicPost = rng.chance(0.4);
    items.push({
      title: publicPost ? rng.pick(jobs).metier : rng.pick(privateTitles),
      employer: publicPost ? `Mairie ${ofCommune(commune)}` : `${rng.pick(privateEmployers)} — ${commune}`,
      from: isoMonth(from),
      to: end === null ? null : isoMonth(end),
    });
    end = addDays(from, -rng.int(0, 200));
  }
  return items;
}

/**
 * A candidate's profile on Choisir le service public; about 40 % open it to recruiters' pool
 * search. A canary never does (`inPool: false`): opening a canary's profile suspends the reader,
 * and the pool's ordinary searches must not lead a manager there (the pool's canaries, which
 * only a too-wide search returns, are planted apart: src/seed/canaries/pool.ts). The draw is made all the same, so that the rest of
 * the profile comes from the same stream as anyone else's.
 */
export function newProfile(
  rng: Rng,
  personId: string,
  departement: Departement,
  today: string,
  inPool = true,
): NewProfile {
  const neighbours = departementsOfRegion(departement.region).filter((other) => other.code !== departement.code);
  return {
    personId,
    career: career(rng, departement, today),
    postsSought: rng.sample(jobs, rng.int(1, 3)).map((job) => job.metier),
    zones: {
      regions: [departement.region],
      departements: [departement.code, ...rng.sample(neighbours, rng.int(0, 2)).map((other) => other.code)],
    },
    languages: languageWeights
      .filter(([, weight]) => rng.chance(weight))
      .map(([code]) => ({ code, level: rng.weighted(levels) })),
    aspirations: rng.pick(aspirations),
    poolOptIn: rng.chance(0.4) && inPool,
  };
}
