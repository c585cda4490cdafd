import { addDays } from './dates.js';
import { departementByCode } from './geography.js';
import { offerReference } from './identifiers.js';
import { jobs, type Category, type Nature, type Versant } from './jobs.js';
import type { SeedOrganisation } from './organisations.js';
import { Rng } from './rng.js';
import type { StaffPlan } from './staff.js';

/** A row of `offers`, with the fields of Choisir le service public's open data. */
export interface SeedOffer {
  id: string;
  reference: string;
  title: string;
  employerId: string;
  versant: Versant;
  category: Category;
  nature: Nature;
  metier: string;
  domaine: string;
  departement: string;
  region: string;
  place: string;
  studyLevel: string;
  contractMonths: number | null;
  fullTime: boolean;
  description: string;
  status: 'draft' | 'published' | 'closed';
  publishedOn: string | null;
  publicationEndsOn: string | null;
  deadline: string | null;
  createdBy: string;
}

function describe(title: string, employer: SeedOrganisation, place: string): string {
  return (
    `Au sein de l’organisme « ${employer.name} », à ${place}, vous occuperez le poste « ${title} ». ` +
    'Vous travaillerez en équipe, au service des usagers. Poste accessible aux personnes en situation de handicap.'
  );
}

function nature(rng: Rng): { nature: Nature; contractMonths: number | null } {
  const chosen = rng.weighted<Nature>([
    ['Titulaire', 40],
    ['Titulaire ou contractuel', 40],
    ['Contractuel', 20],
  ]);
  const contract = chosen === 'Contractuel' || (chosen === 'Titulaire ou contractuel' && rng.chance(0.5));
  return { nature: chosen, contractMonths: contract ? rng.pick([3, 6, 12, 24, 36]) : null };
}

/**
 * Offers published over the last ten weeks, open 30 to 60 days: those past their deadline are
 * closed, a few are drafts. Every employer gets at least one offer.
 */
export function planOffers(
  seed: number,
  employers: readonly SeedOrganisation[],
  staff: StaffPlan,
  count: number,
  today: string,
): SeedOffer[] {
  const rng = new Rng(seed, 'offers');
  return Array.from({ length: count }, (_, i) => {
    const employer = i < employers.length ? employers[i]! : rng.pick(employers);
    const versant = employer.versant!;
    const job = rng.pick(jobs.filter((candidate) => candidate.versants.includes(versant)));
    const departement = departementByCode(employer.departement!);
    // Mostly where the employer sits; some posts are in another site of the département.
    const placeName = rng.chance(0.8) ? employer.place! : rng.pick(departement.communes).name;
    // Each employer's first offer is never a draft, so that every employer has applicants.
    const draft = rng.chance(0.03) && i >= employers.length;
    const publishedOn = addDays(today, -rng.int(0, 75));
    const publicationEndsOn = addDays(publishedOn, rng.pick([30, 45, 60]));
    const team = staff.byOrganisation.get(employer.id)!;
    return {
      id: rng.uuid(),
      // Serials grow with gaps, like a shared counter seen from one employer: unique by design.
      reference: offerReference(Number(publishedOn.slice(0, 4)), 1_000_000 + i * 29 + rng.int(0, 28)),
      title: `${job.title} (H/F)`,
      employerId: employer.id,
      versant,
      category: job.category,
      ...nature(rng),
      metier: job.metier,
      domaine: job.domaine,
      departement: departement.code,
      region: departement.region,
      place: placeName,
      studyLevel: job.studyLevel,
      fullTime: rng.chance(0.9),
      description: describe(job.title, employer, placeName),
      status: draft ? 'draft' : publicationEndsOn < today ? 'closed' : 'published',
      publishedOn: draft ? null : publishedOn,
      publicationEndsOn: draft ? null : publicationEndsOn,
      deadline: draft ? null : publicationEndsOn,
      createdBy: rng.pick([team.manager, ...team.users.filter((user) => user.role === 'recruiter')]).id,
    };
  });
}
