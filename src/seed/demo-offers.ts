import type { Db } from '../db/client.js';
import { addDays } from './dates.js';
import { departementByCode } from './geography.js';
import { offerReference } from './identifiers.js';
import { jobs, type Job, type Versant } from './jobs.js';
import type { SeedPlan } from './plan.js';
import { Rng } from './rng.js';

/** About how many offers the demo shows (issue 9: « about 2,000 offers »). */
export const DEMO_OFFERS = 2000;

const authorities: Record<Versant, (employer: string) => string> = {
  etat: (employer) => `Le directeur de l’organisme « ${employer} », par délégation du ministre`,
  territoriale: (employer) => `L’autorité territoriale de l’organisme « ${employer} »`,
  hospitaliere: (employer) => `Le directeur de l’établissement « ${employer} »`,
};
const parents: Record<Versant, readonly string[]> = {
  etat: [
    'Ministère de l’Intérieur',
    'Ministère de l’Économie et des Finances',
    'Ministère de la Transition écologique',
  ],
  territoriale: ['Centre de gestion de la fonction publique territoriale', 'Conseil départemental', 'Conseil régional'],
  hospitaliere: ['Groupement hospitalier de territoire', 'Agence régionale de santé'],
};
const grades: Record<Job['category'], readonly string[]> = {
  'A+': ['Administrateur de l’État', 'Ingénieur en chef'],
  A: ['Attaché d’administration', 'Ingénieur', 'Infirmier en soins généraux'],
  B: ['Secrétaire administratif', 'Technicien', 'Rédacteur'],
  C: ['Adjoint administratif', 'Adjoint technique', 'Aide-soignant'],
};
const services = [
  'Direction des ressources humaines',
  'Secrétariat général',
  'Service technique',
  'Pôle usagers',
  'Direction des finances',
];

interface Row {
  id: string;
  reference: string;
  title: string;
  employerId: string;
  versant: Versant;
  category: string;
  nature: string;
  metier: string;
  domaine: string;
  departement: string;
  place: string;
  studyLevel: string;
  contractMonths: number | null;
  fullTime: boolean;
  description: string;
  profile: string;
  grades: string;
  authority: string;
  parent: string;
  service: string;
  applyTo: string;
  status: string;
  publishedOn: string | null;
  endsOn: string | null;
  vacantFrom: string;
  createdBy: string;
}

function offer(rng: Rng, plan: SeedPlan, index: number): Row {
  const employer = rng.pick(plan.organisations.employers);
  const versant = employer.versant!;
  const job = rng.pick(jobs.filter((candidate) => candidate.versants.includes(versant)));
  const departement = departementByCode(employer.departement!);
  const place = rng.chance(0.7) ? employer.place! : rng.pick(departement.communes).name;
  const status = rng.weighted([
    ['published', 85],
    ['closed', 8],
    ['draft', 4],
    ['archived', 3],
  ] as const);
  const ago = status === 'published' ? rng.int(0, 29) : rng.int(30, 120);
  const publishedOn = status === 'draft' ? null : addDays(plan.today, -ago);
  const contract = rng.chance(0.3);
  const team = plan.staff.byOrganisation.get(employer.id)!;
  return {
    id: rng.uuid(),
    reference: offerReference(Number(plan.today.slice(0, 4)), 5_000_000 + index),
    title: `${job.title} (H/F)`,
    employerId: employer.id,
    versant,
    category: job.category,
    nature: contract
      ? rng.pick(['Contractuel', 'Titulaire ou contractuel'])
      : rng.pick(['Titulaire', 'Titulaire ou contractuel']),
    metier: job.metier,
    domaine: job.domaine,
    departement: departement.code,
    place,
    studyLevel: job.studyLevel,
    contractMonths: contract ? rng.pick([6, 12, 24, 36]) : null,
    fullTime: rng.chance(0.9),
    description:
      `Au sein de l’organisme « ${employer.name} », à ${place}, vous occupez le poste de ${job.title.toLowerCase()}. ` +
      `Vous contribuez aux missions du domaine « ${job.domaine} » au service des usagers.\n\n` +
      'Vous travaillez en équipe et rendez compte à votre responsable. Poste ouvert aux personnes en situation de handicap.',
    profile: `Expérience appréciée dans le métier de ${job.metier.toLowerCase()}. Sens du service public, rigueur et goût du travail en équipe.`,
    grades: rng.pick(grades[job.category]),
    authority: authorities[versant](employer.name),
    parent: rng.pick(parents[versant]),
    service: rng.pick(services),
    applyTo: `Service des ressources humaines de l’organisme « ${employer.name} »`,
    status,
    publishedOn,
    endsOn: publishedOn ? addDays(publishedOn, rng.pick([30, 45, 60])) : null,
    vacantFrom: addDays(plan.today, rng.int(-10, 60)),
    createdBy: rng.pick([team.manager, ...team.users.filter((user) => user.role === 'recruiter')]).id,
  };
}

const CHUNK = 500;

/**
 * The demo's offers: the seed's own offers get the fields of décret n° 2018-1351 art. 3 they
 * lack, then more offers of every employer bring the total to about {@link DEMO_OFFERS}, most
 * of them published over the last month. Offers hold no personal data: batch-inserted.
 */
export async function seedDemoOffers(db: Db, plan: SeedPlan, total = DEMO_OFFERS): Promise<number> {
  await db.query(
    `UPDATE offers o SET grades = CASE o.category WHEN 'C' THEN 'Adjoint administratif' WHEN 'B' THEN 'Secrétaire administratif'
         ELSE 'Attaché d’administration' END,
       recruiting_authority = 'L’autorité de recrutement de l’organisme « ' || e.name || ' »',
       parent_organisation = e.name, service = 'Direction des ressources humaines',
       profile = 'Sens du service public, rigueur et goût du travail en équipe.',
       apply_to = 'Service des ressources humaines de l’organisme « ' || e.name || ' »',
       vacant_from = coalesce(o.published_on, current_date) + 30,
       published_at = o.published_on::timestamptz
     FROM organisations e WHERE e.id = o.employer_id AND o.grades = ''`,
  );
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offers');
  const rng = new Rng(plan.seed, 'demo-offers');
  const made = Array.from({ length: Math.max(0, total - rows[0]!.n) }, (_, i) => offer(rng, plan, i));
  for (let start = 0; start < made.length; start += CHUNK) {
    const chunk = made.slice(start, start + CHUNK);
    const column = <K extends keyof Row>(key: K) => chunk.map((row) => row[key]);
    await db.query(
      `INSERT INTO offers (id, reference, title, employer_id, versant, category, nature, metier, domaine, departement, place,
         study_level, contract_months, full_time, description, profile, grades, recruiting_authority, parent_organisation,
         service, apply_to, status, published_on, published_at, publication_ends_on, deadline, vacant_from, created_by)
       SELECT id, reference, title, employer_id, versant, category, nature, metier, domaine, departement, place, study_level,
         contract_months, full_time, description, profile, grades, authority, parent, service, apply_to, status,
         published_on, published_on::timestamptz, ends_on, ends_on, vacant_from, created_by
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::text[], $13::int[], $14::boolean[], $15::text[], $16::text[], $17::text[], $18::text[],
         $19::text[], $20::text[], $21::text[], $22::text[], $23::date[], $24::date[], $25::date[], $26::uuid[])
         AS r(id, reference, title, employer_id, versant, category, nature, metier, domaine, departement, place, study_level,
           contract_months, full_time, description, profile, grades, authority, parent, service, apply_to, status,
           published_on, ends_on, vacant_from, created_by)`,
      [
        column('id'),
        column('reference'),
        column('title'),
        column('employerId'),
        column('versant'),
        column('category'),
        column('nature'),
        column('metier'),
        column('domaine'),
        column('departement'),
        column('place'),
        column('studyLevel'),
        column('contractMonths'),
        column('fullTime'),
        column('description'),
        column('profile'),
        column('grades'),
        column('authority'),
        column('parent'),
        column('service'),
        column('applyTo'),
        column('status'),
        column('publishedOn'),
        column('endsOn'),
        column('vacantFrom'),
        column('createdBy'),
      ],
    );
  }
  return made.length;
}
