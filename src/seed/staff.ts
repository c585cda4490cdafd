import type { Role } from '../vault/index.js';
import { frenchFaker } from './fakers.js';
import { asciiSlug, firstName, lastName } from './names.js';
import type { OrganisationPlan, SeedOrganisation } from './organisations.js';
import { Rng } from './rng.js';

/** A staff or partner account, before any password: the vault writes its e-mail and name. */
export interface SeedStaff {
  id: string;
  role: Role;
  organisationId: string;
  email: string;
  displayName: string;
  createdBy: string | null;
  approvedBy: string | null;
}

export interface StaffPlan {
  /** In insertion order: creators and approvers come before the accounts they made. */
  all: SeedStaff[];
  admins: [SeedStaff, SeedStaff];
  securityOfficer: SeedStaff;
  /** A second officer: lifting a kill switch or a platform suspension takes two. */
  secondSecurityOfficer: SeedStaff;
  /** Per organisation id: its manager (RGC or recruiting manager) and its users. */
  byOrganisation: Map<string, { manager: SeedStaff; users: SeedStaff[] }>;
  advisors: SeedStaff[];
}

/**
 * Staff e-mails sit under `.test` (RFC 6761 §6.2): the platform mails accounts, and a demo
 * must never write to a real ministry or hospital.
 */
function domainOf(organisation: SeedOrganisation): string {
  return `${asciiSlug(organisation.name).replace(/-+/g, '-').slice(0, 40).replace(/-$/, '')}.rempart.test`;
}

function staffMaker(seed: number) {
  const rng = new Rng(seed, 'staff');
  const faker = frenchFaker(rng);
  const emails = new Set<string>();
  return (
    role: Role,
    organisation: SeedOrganisation,
    createdBy: SeedStaff | null,
    approvedBy: SeedStaff | null,
  ): SeedStaff => {
    const first = firstName(rng, faker, rng.chance(0.5) ? 'female' : 'male');
    const last = lastName(rng);
    const local = `${asciiSlug(first)}.${asciiSlug(last)}`;
    let email = `${local}@${domainOf(organisation)}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domainOf(organisation)}`;
    emails.add(email);
    return {
      id: rng.uuid(),
      role,
      organisationId: organisation.id,
      email,
      displayName: `${first} ${last}`,
      createdBy: createdBy?.id ?? null,
      approvedBy: approvedBy?.id ?? null,
    };
  };
}

/**
 * Who works where. Two administrators are made at installation (in production, by `rempart
 * admins bootstrap`); every later staff account is created by one person and approved by
 * another (the two-person rule of DESIGN.md, and the schema's approved_by <> created_by).
 */
export function planStaff(seed: number, organisations: OrganisationPlan, advisorCount: number): StaffPlan {
  const make = staffMaker(seed);
  const { platform } = organisations;
  const admins: [SeedStaff, SeedStaff] = [make('admin', platform, null, null), make('admin', platform, null, null)];
  const [first, second] = admins;
  const securityOfficer = make('security_officer', platform, first, second);
  const all: SeedStaff[] = [...admins, securityOfficer];
  const byOrganisation = new Map<string, { manager: SeedStaff; users: SeedStaff[] }>();
  const team = (organisation: SeedOrganisation, managerRole: Role, userRole: Role, index: number) => {
    const [creator, approver] = index % 2 === 0 ? [first, second] : [second, first];
    const manager = make(managerRole, organisation, creator, approver);
    // The organisation's manager asks for its users; an administrator approves them.
    const users = [make(userRole, organisation, manager, approver), make(userRole, organisation, manager, approver)];
    byOrganisation.set(organisation.id, { manager, users });
    all.push(manager, ...users);
  };
  organisations.employers.forEach((employer, i) => team(employer, 'recruiter_manager', 'recruiter', i));
  organisations.trainingOrganisations.forEach((training, i) => team(training, 'of_manager', 'of_user', i));
  const advisors = Array.from({ length: advisorCount }, (_, i) =>
    make(
      'advisor',
      organisations.agencies[i % organisations.agencies.length]!,
      i % 2 ? second : first,
      i % 2 ? first : second,
    ),
  );
  all.push(...advisors);
  // Made last, so that every account above keeps the name and id the seed gave it before.
  const secondSecurityOfficer = make('security_officer', platform, second, first);
  all.push(secondSecurityOfficer);
  return { all, admins, securityOfficer, secondSecurityOfficer, byOrganisation, advisors };
}
