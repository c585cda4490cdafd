import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../crypto/normalise.js';
import { departementByCode, departements } from './geography.js';
import { luhnValid } from './identifiers.js';
import { peopleGenerator, type PersonBundle } from './people.js';
import { planSeed } from './plan.js';

const today = '2026-11-20';

function generate(seed: number, people: number) {
  const plan = planSeed({ seed, people, today });
  const make = peopleGenerator(plan.context);
  return { plan, bundles: Array.from({ length: people }, (_, i) => make(i)) };
}

/** The plan without its lookup maps, for deep equality. */
function comparable(seed: number, people: number) {
  const { plan, bundles } = generate(seed, people);
  return {
    organisations: plan.organisations,
    staff: plan.staff.all,
    sessions: plan.sessions,
    offers: plan.offers,
    canaries: [...plan.context.canaries],
    showcase: plan.context.showcase,
    bundles,
  };
}

describe('determinism', () => {
  it('gives the same data, ids included, for the same seed', () => {
    expect(comparable(42, 400)).toEqual(comparable(42, 400));
  });

  it('gives different data for another seed', () => {
    const a = comparable(42, 200);
    const b = comparable(43, 200);
    expect(b.bundles[0]!.person.id).not.toBe(a.bundles[0]!.person.id);
    const names = (x: typeof a) => x.bundles.map((bundle) => bundle.person.lastName + bundle.person.firstName);
    expect(names(b)).not.toEqual(names(a));
    expect(b.organisations.employers.map((o) => o.id)).not.toEqual(a.organisations.employers.map((o) => o.id));
  });

  it('makes person i the same whatever the volume', () => {
    const small = generate(7, 100).bundles[42]!.person;
    const large = generate(7, 3000).bundles[42]!.person;
    expect(large).toEqual(small);
  });
});

describe('realistic French data', () => {
  const { plan, bundles } = generate(2026, 3000);
  const people = bundles.map((bundle) => bundle.person);

  it('writes names with accents, and some compound names', () => {
    const accented = people.filter((p) => /[\u0300-\u036f]|[œŒ]/.test((p.lastName + p.firstName).normalize('NFD')));
    expect(accented.length / people.length).toBeGreaterThan(0.3);
    expect(people.some((p) => /-/.test(p.firstName))).toBe(true);
    expect(people.some((p) => / /.test(p.lastName))).toBe(true);
    expect(people.some((p) => /[çÇ]/.test(p.lastName + p.firstName))).toBe(true);
    expect(people.some((p) => /[ïëÏË]/.test(p.lastName + p.firstName))).toBe(true);
  });

  it('writes French phone numbers in several styles, all folding to ten digits', () => {
    const phones = people.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(phones.some((phone) => /^0[67]( \d\d){4}$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^\+33 [67]( \d\d){4}$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^0[1-59]\d{8}$/.test(phone))).toBe(true);
    for (const phone of phones) expect(normalisePhone(phone)).toMatch(/^0[1-79]\d{8}$/);
    const mobiles = phones.filter((phone) => /^0[67]/.test(normalisePhone(phone))).length;
    expect(mobiles / phones.length).toBeGreaterThan(0.6);
  });

  it('places people in real départements and communes, postcodes agreeing', () => {
    const seen = new Set<string>();
    for (const p of people) {
      const address = p.address!;
      const departement = departementByCode(address.departement);
      seen.add(departement.code);
      expect(departement.communes).toContainEqual({ name: address.commune, postcode: address.postcode });
    }
    expect(seen.size).toBeGreaterThan(80);
  });

  it('gives job seekers a France Travail identifier of seven digits and a letter', () => {
    for (const p of people.filter((x) => x.kind === 'job_seeker')) {
      expect(p.franceTravailId).toMatch(/^\d{7}[A-Z]$/);
      expect(['inscrit', 'radie']).toContain(p.registrationStatus);
    }
  });

  it('uses reserved mail domains only (RFC 2606, RFC 6761)', () => {
    for (const p of people) if (p.email) expect(p.email).toMatch(/^[a-z0-9._-]+@[a-z]+\.example$/);
    for (const s of plan.staff.all) expect(s.email).toMatch(/\.rempart\.test$/);
  });

  it('gives training organisations Luhn-valid, unique SIRETs', () => {
    const sirets = plan.organisations.trainingOrganisations.map((o) => o.siret!);
    for (const siret of sirets) {
      expect(siret).toMatch(/^\d{14}$/);
      expect(luhnValid(siret)).toBe(true);
      expect(luhnValid(siret.slice(0, 9))).toBe(true);
    }
    expect(new Set(sirets).size).toBe(sirets.length);
  });

  it('publishes offers with the open-data fields of Choisir le service public', () => {
    const references = plan.offers.map((o) => o.reference);
    expect(new Set(references).size).toBe(references.length);
    for (const offer of plan.offers) {
      expect(offer.reference).toMatch(/^20\d\d-\d{7}$/);
      expect(['etat', 'territoriale', 'hospitaliere']).toContain(offer.versant);
      expect(['A+', 'A', 'B', 'C']).toContain(offer.category);
      expect(departements.map((d) => d.code)).toContain(offer.departement);
      if (offer.status !== 'draft') expect(offer.deadline! >= offer.publishedOn!).toBe(true);
      if (offer.nature === 'Titulaire') expect(offer.contractMonths).toBeNull();
    }
    expect(new Set(plan.offers.map((o) => o.status))).toEqual(new Set(['published', 'closed', 'draft']));
  });

  it('declares entries, attendance, interruptions and exits, in order', () => {
    const kinds = new Set(bundles.flatMap((b) => b.events.map((e) => e.kind)));
    expect(kinds).toEqual(new Set(['entry', 'attendance', 'interruption', 'exit']));
    for (const b of bundles) {
      for (const referral of b.referrals) {
        const days = b.events.filter((e) => e.referralId === referral.id).map((e) => e.occurredOn);
        expect(days).toEqual([...days].sort());
      }
    }
  });

  it('gives candidates profiles; about 40 % open to the pool', () => {
    const profiles = bundles.flatMap((b) => (b.profile ? [b.profile] : []));
    expect(profiles.length).toBe(people.filter((p) => p.kind === 'candidate').length);
    const share = profiles.filter((p) => p.poolOptIn).length / profiles.length;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.47);
    expect(profiles.some((p) => p.languages.some((l) => l.level === 'C1'))).toBe(true);
  });
});

describe('canaries', () => {
  const { plan, bundles } = generate(5, 4000);
  const canaries = bundles.filter((b) => plan.context.canaries.has(b.index));
  const others = bundles.filter((b) => !plan.context.canaries.has(b.index));

  it('plants about 0.1 %, at least three', () => {
    expect(canaries).toHaveLength(4);
    expect(planSeed({ seed: 5, people: 50, today }).context.canaries.size).toBe(3);
  });

  it('makes them with the same generator: same fields filled as everyone else', () => {
    const shape = (b: PersonBundle) => Object.keys(b.person).sort().join();
    for (const canary of canaries) {
      expect(others.some((o) => shape(o) === shape(canary))).toBe(true);
      expect(canary.person.lastName.length).toBeGreaterThan(0);
    }
  });

  it('keeps them out of every list a staff account works through, and out of the pool', () => {
    // Reading one suspends the reader: until issue 11 plants canaries where no task leads, none
    // is in a portfolio, a referral, an application or the pool.
    for (const canary of canaries) {
      expect(canary).toMatchObject({ portfolio: null, referrals: [], events: [], applications: [] });
      expect(canary.profile?.poolOptIn ?? false).toBe(false);
    }
    // The control: ordinary people of the same kinds are in those lists.
    expect(others.some((o) => o.portfolio !== null)).toBe(true);
    expect(others.some((o) => o.applications.length > 0)).toBe(true);
  });

  it('links the showcase people to the demo organisations', () => {
    const { jobSeeker, candidate } = plan.context.showcase;
    const trainee = bundles[jobSeeker]!;
    const applicant = bundles[candidate]!;
    expect(trainee.portfolio!.advisorId).toBe(plan.staff.advisors[0]!.id);
    const session = plan.sessions.find((s) => s.id === trainee.referrals[0]!.sessionId)!;
    expect(session.organisationId).toBe(plan.organisations.trainingOrganisations[0]!.id);
    const offer = plan.offers.find((o) => o.id === applicant.applications[0]!.offerId)!;
    expect(offer.employerId).toBe(plan.organisations.employers[0]!.id);
  });
});
