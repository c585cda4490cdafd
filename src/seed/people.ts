import type { NewApplication, NewPerson, NewProfile, NewReferralEvent } from '../vault/index.js';
import { newApplications } from './applications.js';
import type { PeopleContext, Standing } from './context.js';
import { frenchFaker } from './fakers.js';
import { newKairos, type SeedPortfolio, type SeedReferral } from './kairos.js';
import { newPerson } from './person.js';
import { newProfile } from './profile.js';
import { Rng } from './rng.js';

/** Everything about one person that the seed writes. */
export interface PersonBundle {
  index: number;
  person: NewPerson;
  profile: NewProfile | null;
  portfolio: SeedPortfolio | null;
  referrals: SeedReferral[];
  events: NewReferralEvent[];
  applications: NewApplication[];
}

const JOB_SEEKER_SHARE = 0.55;

/** The person's kind is their stream's first draw, so it can be known without the rest. */
export function personKind(seed: number, index: number): NewPerson['kind'] {
  return new Rng(seed, 'person', index).next() < JOB_SEEKER_SHARE ? 'job_seeker' : 'candidate';
}

/**
 * The seed's own canaries are in nobody's list: reading one suspends the reader, so a canary
 * drawn into a trainee list, an applications list or a portfolio like anyone else would stop
 * honest staff at their daily work. Canaries where an attacker goes and no legitimate task
 * leads are planted apart, each in its place (src/seed/canaries/). It keeps its person and
 * profile (out of the pool); its draws were made all the same, so everyone else is unchanged.
 */
function hidden(standing: Standing, bundle: PersonBundle): PersonBundle {
  if (standing !== 'canary') return bundle;
  return { ...bundle, portfolio: null, referrals: [], events: [], applications: [] };
}

/**
 * Makes person `index` from its own stream: the same person whatever the batch size, and the
 * canaries are made by this very code, so nothing in their rows sets them apart.
 */
export function peopleGenerator(context: PeopleContext): (index: number) => PersonBundle {
  const rng = new Rng(context.seed, 'person', 0);
  const faker = frenchFaker(rng);
  return (index) => {
    rng.reseed(context.seed, 'person', index);
    const kind: NewPerson['kind'] = rng.next() < JOB_SEEKER_SHARE ? 'job_seeker' : 'candidate';
    const { person, departement } = newPerson(rng, faker, kind, context.today);
    const standing: Standing = context.canaries.has(index)
      ? 'canary'
      : index === context.showcase.jobSeeker || index === context.showcase.candidate
        ? 'showcase'
        : 'ordinary';
    if (kind === 'job_seeker') {
      const kairos = newKairos(rng, context, person.id, departement.region, standing);
      return hidden(standing, { index, person, profile: null, applications: [], ...kairos });
    }
    const profile = newProfile(rng, person.id, departement, context.today, standing !== 'canary');
    const applications = newApplications(rng, context, person.id, departement.region, standing);
    return hidden(standing, { index, person, profile, portfolio: null, referrals: [], events: [], applications });
  };
}
