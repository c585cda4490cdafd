import { departementByCode } from './geography.js';
import { addDays } from './dates.js';
import type { SeedOrganisation } from './organisations.js';
import { Rng } from './rng.js';

/**
 * Courses that France Travail commonly funds. Formacode (Centre Inffo's thesaurus) codes have
 * five digits: the first three name the semantic field (310 informatique, 152 langues,
 * 150 développement professionnel…); the last two are plausible, not checked against the
 * thesaurus, since only the shape matters to the platform.
 */
const courses: readonly { title: string; formacode: string; days: readonly [number, number] }[] = [
  { title: 'Titre professionnel Développeur web et web mobile', formacode: '31054', days: [150, 240] },
  { title: 'Titre professionnel Technicien d’assistance en informatique', formacode: '31088', days: [120, 200] },
  { title: 'Titre professionnel Secrétaire assistant', formacode: '35054', days: [100, 180] },
  { title: 'Titre professionnel Employé administratif et d’accueil', formacode: '35028', days: [90, 150] },
  { title: 'Titre professionnel Comptable assistant', formacode: '32663', days: [120, 200] },
  { title: 'Titre professionnel Agent de restauration', formacode: '42752', days: [60, 120] },
  { title: 'Titre professionnel Agent de propreté et d’hygiène', formacode: '42056', days: [45, 90] },
  {
    title: 'Titre professionnel Conducteur du transport routier de marchandises sur porteur',
    formacode: '31812',
    days: [60, 100],
  },
  { title: 'Diplôme d’État d’aide-soignant', formacode: '43436', days: [200, 270] },
  { title: 'CAP Accompagnant éducatif petite enfance', formacode: '44028', days: [150, 240] },
  { title: 'Préparation aux concours de la fonction publique (catégorie C)', formacode: '15031', days: [40, 90] },
  { title: 'Certificat CléA — compétences clés', formacode: '15040', days: [20, 60] },
  { title: 'Français langue étrangère — objectif B1', formacode: '15235', days: [40, 90] },
  { title: 'Anglais professionnel', formacode: '15234', days: [20, 45] },
  { title: 'Titre professionnel Conseiller en insertion professionnelle', formacode: '44067', days: [150, 220] },
];

/** A row of `training_sessions`. */
export interface SeedSession {
  id: string;
  organisationId: string;
  title: string;
  formacode: string;
  departement: string;
  region: string;
  place: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
}

/**
 * Sessions spread from about seven months ago to three months ahead, so that referrals have
 * every status: not started, under way, interrupted, finished. Each organisation gets at
 * least one session; the first organisation's are the ones the demo shows.
 */
export function planSessions(
  seed: number,
  organisations: readonly SeedOrganisation[],
  count: number,
  today: string,
): SeedSession[] {
  const rng = new Rng(seed, 'sessions');
  return Array.from({ length: count }, (_, i) => {
    const organisation = i < organisations.length ? organisations[i]! : rng.pick(organisations);
    const course = rng.pick(courses);
    const departement = departementByCode(organisation.departement!);
    const startsOn = addDays(today, rng.int(-210, 90));
    return {
      id: rng.uuid(),
      organisationId: organisation.id,
      title: course.title,
      formacode: course.formacode,
      departement: departement.code,
      region: departement.region,
      place: rng.chance(0.7) ? organisation.place! : rng.pick(departement.communes).name,
      startsOn,
      endsOn: addDays(startsOn, rng.int(course.days[0], course.days[1])),
      capacity: rng.int(8, 20),
    };
  });
}
