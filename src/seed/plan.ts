import { departementByCode } from './geography.js';
import type { PeopleContext } from './context.js';
import { pool } from './context.js';
import { planOffers, type SeedOffer } from './offers.js';
import { planOrganisations, type OrganisationPlan } from './organisations.js';
import { personKind } from './people.js';
import { Rng } from './rng.js';
import { planStaff, type StaffPlan } from './staff.js';
import { planSessions, type SeedSession } from './trainings.js';

/** How much of everything a seed of `people` makes. */
export interface SeedVolumes {
  people: number;
  canaries: number;
  employers: number;
  trainingOrganisations: number;
  agencies: number;
  advisors: number;
  sessions: number;
  offers: number;
}

/**
 * Ratios chosen to look like the real services at any scale: about 150 job seekers per advisor,
 * a session for every 40 people, an offer for every 15.
 */
export function volumesFor(people: number): SeedVolumes {
  const agencies = Math.max(2, Math.ceil(people / 4000));
  const trainingOrganisations = Math.max(3, Math.ceil(people / 400));
  const employers = Math.max(4, Math.ceil(people / 250));
  return {
    people,
    canaries: Math.min(people, Math.max(3, Math.round(people / 1000))),
    employers,
    trainingOrganisations,
    agencies,
    advisors: Math.max(2 * agencies, Math.ceil((people * 0.55) / 150)),
    sessions: Math.max(2 * trainingOrganisations, Math.ceil(people / 40)),
    offers: Math.max(3 * employers, Math.ceil(people / 15)),
  };
}

export interface SeedPlan {
  seed: number;
  today: string;
  volumes: SeedVolumes;
  organisations: OrganisationPlan;
  staff: StaffPlan;
  sessions: SeedSession[];
  offers: SeedOffer[];
  context: PeopleContext;
}

/** About 0.1 % of people, at least three, drawn from their own stream. */
function pickCanaries(seed: number, people: number, count: number): Set<number> {
  const rng = new Rng(seed, 'canaries');
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, people - 1));
  return chosen;
}

/** The first ordinary job seeker and candidate: the people the demo accounts follow. */
function pickShowcase(seed: number, people: number, canaries: ReadonlySet<number>) {
  const first = (kind: 'job_seeker' | 'candidate') => {
    for (let i = 0; i < people; i++) if (!canaries.has(i) && personKind(seed, i) === kind) return i;
    return -1;
  };
  return { jobSeeker: first('job_seeker'), candidate: first('candidate') };
}

function regionOf(code: string | null): string {
  return departementByCode(code ?? '75').region;
}

/** Everything but the people: organisations, staff, sessions, offers, and who is a canary. */
export function planSeed(options: { seed: number; people: number; today: string }): SeedPlan {
  const { seed, people, today } = options;
  const volumes = volumesFor(people);
  const organisations = planOrganisations(seed, volumes);
  const staff = planStaff(seed, organisations, volumes.advisors);
  const sessions = planSessions(seed, organisations.trainingOrganisations, volumes.sessions, today);
  const offers = planOffers(seed, organisations.employers, staff, volumes.offers, today);
  const showcaseTraining = organisations.trainingOrganisations[0]!.id;
  const showcaseEmployer = organisations.employers[0]!.id;
  const open = offers.filter((offer) => offer.status !== 'draft');
  const showcaseSessions = sessions.filter((s) => s.organisationId === showcaseTraining);
  const started = showcaseSessions.filter((s) => s.startsOn <= today);
  const showcaseOffers = open.filter((offer) => offer.employerId === showcaseEmployer);
  const published = showcaseOffers.filter((offer) => offer.status === 'published');
  const advisors = staff.advisors.map((advisor) => ({
    ...advisor,
    region: regionOf(organisations.agencies.find((agency) => agency.id === advisor.organisationId)!.departement),
  }));
  const canaries = pickCanaries(seed, people, volumes.canaries);
  const context: PeopleContext = {
    seed,
    today,
    sessions: {
      ordinary: pool(sessions),
      canary: pool(sessions.filter((s) => s.organisationId !== showcaseTraining)),
      showcase: pool(started.length > 0 ? started : showcaseSessions),
    },
    offers: {
      ordinary: pool(open),
      canary: pool(open.filter((offer) => offer.employerId !== showcaseEmployer)),
      showcase: pool(published.length > 0 ? published : showcaseOffers),
    },
    advisors: { ordinary: pool(advisors), canary: pool(advisors.slice(1)), showcase: pool(advisors.slice(0, 1)) },
    declarers: new Map(organisations.trainingOrganisations.map((o) => [o.id, staff.byOrganisation.get(o.id)!.users])),
    canaries,
    showcase: pickShowcase(seed, people, canaries),
  };
  return { seed, today, volumes, organisations, staff, sessions, offers, context };
}
