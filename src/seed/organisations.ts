import { ofCommune, ofDepartement } from './articles.js';
import { departementByCode, residenceWeights, type Commune, type Departement } from './geography.js';
import { siret } from './identifiers.js';
import type { Versant } from './jobs.js';
import { Rng } from './rng.js';

/** A row of `organisations`: public facts about a public employer, an OF or an agency. */
export interface SeedOrganisation {
  id: string;
  kind: 'employer' | 'training' | 'agency' | 'platform';
  name: string;
  versant: Versant | null;
  siret: string | null;
  departement: string | null;
  /** The commune it sits in: not a column, but where its offers and sessions take place. */
  place: string | null;
}

/** Cities with a centre hospitalier universitaire, among the communes of our table. */
const chuCities = new Set([
  'Lille',
  'Amiens',
  'Rouen',
  'Caen',
  'Brest',
  'Rennes',
  'Nantes',
  'Angers',
  'Tours',
  'Poitiers',
  'Limoges',
  'Bordeaux',
  'Toulouse',
  'Montpellier',
  'Nîmes',
  'Nice',
  'Grenoble',
  'Saint-Étienne',
  'Clermont-Ferrand',
  'Dijon',
  'Besançon',
  'Reims',
  'Nancy',
  'Strasbourg',
  'Pointe-à-Pitre',
  'Fort-de-France',
]);

const ministries = [
  'Ministère de l’Intérieur',
  'Ministère des Armées',
  'Ministère de la Justice',
  'Ministère de l’Éducation nationale',
  'Ministère de la Culture',
  'Ministère du Travail',
];

type Place = { departement: Departement; commune: Commune };

function place(rng: Rng): Place {
  const departement = rng.weighted(residenceWeights);
  return { departement, commune: rng.pick(departement.communes) };
}

const employerNames: Record<Versant, readonly ((at: Place) => string)[]> = {
  etat: [
    (at) => `Préfecture ${ofDepartement(at.departement)}`,
    (at) => `Direction départementale des finances publiques ${ofDepartement(at.departement)}`,
    (at) => `Direction départementale des territoires ${ofDepartement(at.departement)}`,
  ],
  territoriale: [
    (at) => `Mairie ${ofCommune(at.commune.name)}`,
    (at) => `Mairie ${ofCommune(at.commune.name)}`,
    (at) => `Conseil départemental ${ofDepartement(at.departement)}`,
    (at) => `Région ${at.departement.region}`,
    (at) => `Centre communal d’action sociale ${ofCommune(at.commune.name)}`,
  ],
  hospitaliere: [
    (at) => (chuCities.has(at.commune.name) ? 'CHU ' : 'Centre hospitalier ') + ofCommune(at.commune.name),
    (at) => `EHPAD public ${ofCommune(at.commune.name)}`,
  ],
};

function employer(rng: Rng): SeedOrganisation {
  const versant = rng.weighted<Versant>([
    ['etat', 3],
    ['territoriale', 5],
    ['hospitaliere', 2],
  ]);
  const at = place(rng);
  const ministry = versant === 'etat' && rng.chance(0.25);
  return {
    id: rng.uuid(),
    kind: 'employer',
    name: ministry ? rng.pick(ministries) : rng.pick(employerNames[versant])(at),
    versant,
    siret: null,
    departement: ministry ? '75' : at.departement.code,
    place: ministry ? 'Paris' : at.commune.name,
  };
}

const trainingNames: readonly ((at: Place) => string)[] = [
  (at) => `GRETA ${at.commune.name}`,
  (at) => `Centre AFPA ${ofCommune(at.commune.name)}`,
  (at) => `CNAM ${at.departement.region}`,
  (at) => `Institut régional de formation ${ofCommune(at.commune.name)}`,
  (at) => `Centre de formation professionnelle ${ofCommune(at.commune.name)}`,
  (at) => `École de la deuxième chance ${ofDepartement(at.departement)}`,
];

function training(rng: Rng): SeedOrganisation {
  const at = place(rng);
  return {
    id: rng.uuid(),
    kind: 'training',
    name: rng.pick(trainingNames)(at),
    versant: null,
    siret: siret(rng),
    departement: at.departement.code,
    place: at.commune.name,
  };
}

function agency(rng: Rng): SeedOrganisation {
  const at = place(rng);
  return {
    id: rng.uuid(),
    kind: 'agency',
    name: `France Travail ${at.commune.name}`,
    versant: null,
    siret: null,
    departement: at.departement.code,
    place: at.commune.name,
  };
}

/** Names repeat (two "Mairie de Lyon"): the second gets its arrondissement-like suffix. */
function distinctNames(organisations: SeedOrganisation[]): SeedOrganisation[] {
  const seen = new Map<string, number>();
  return organisations.map((organisation) => {
    const count = (seen.get(organisation.name) ?? 0) + 1;
    seen.set(organisation.name, count);
    return count === 1 ? organisation : { ...organisation, name: `${organisation.name} (site ${count})` };
  });
}

export interface OrganisationCounts {
  employers: number;
  trainingOrganisations: number;
  agencies: number;
}

/** The organisations of a seed: employers, training organisations, agencies and the platform. */
export function planOrganisations(seed: number, counts: OrganisationCounts) {
  // One stream per kind, so that the first organisations stay the same whatever the volume.
  let rng = new Rng(seed, 'employers');
  const employers = distinctNames(Array.from({ length: counts.employers }, () => employer(rng)));
  rng = new Rng(seed, 'training-organisations');
  const trainingOrganisations = distinctNames(
    Array.from({ length: counts.trainingOrganisations }, () => training(rng)),
  );
  const siretsSeen = new Set<string>();
  for (const organisation of trainingOrganisations) {
    // organisations.siret is unique: redraw on the (rare) collision.
    while (siretsSeen.has(organisation.siret!)) organisation.siret = siret(rng);
    siretsSeen.add(organisation.siret!);
  }
  rng = new Rng(seed, 'agencies');
  const agencies = distinctNames(Array.from({ length: counts.agencies }, () => agency(rng)));
  const platform: SeedOrganisation = {
    id: rng.uuid(),
    kind: 'platform',
    name: 'rempart — équipe de la plateforme',
    versant: null,
    siret: null,
    departement: departementByCode('75').code,
    place: 'Paris',
  };
  return { employers, trainingOrganisations, agencies, platform };
}

export type OrganisationPlan = ReturnType<typeof planOrganisations>;
