import { roleLabels, roleTitle } from '../kernel/roles.js';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import type { NewAccount, Role, Vault } from '../vault/index.js';
import { isoDay } from './dates.js';
import { seedDemoOffers } from './demo-offers.js';
import { kairosDemoJobSeekers, type DemoJobSeeker } from './kairos-demo.js';
import { Rng } from './rng.js';
import { peopleGenerator } from './people.js';
import { planSeed, type SeedPlan } from './plan.js';
import { strongPassword } from './passwords.js';
import { attachShowcaseCv, seedApplicantCvs, seedDemoCv } from './candidate-cvs.js';
import { seedActor, writeSeed, type SeedResult } from './seed.js';
import { seedAccounts } from './seed.purposes.js';
import { seedRecruitingDemo } from './recruiting.js';
import type { SeedStaff } from './staff.js';
import { seedTrainingDemo } from './training-demo.js';

/** What users read in the demo accounts file. */
export { roleLabels };

/** One demo login: its role, the local part of its e-mail and, if the role has two, its label. */
interface DemoSlot {
  local: string;
  role: Role;
  label?: string;
}

/**
 * The demo logins, one per role and two administrators: a staff account asked for by one
 * administrator must be approved by another (DESIGN.md's two-person rule), so a demo with a
 * single one would reach a dead end; two security officers for the same reason (lifting a kill
 * switch or a platform suspension from the console). A second advisor shows that each portfolio is its own; the
 * demo advisor's job seekers at other stages of a training are added after these
 * (src/seed/kairos-demo.ts). E-mails sit under a reserved domain (RFC 6761 §6.2).
 */
const demoSlots: readonly DemoSlot[] = [
  { local: 'candidat', role: 'candidate' },
  { local: 'demandeur-emploi', role: 'job_seeker' },
  { local: 'recruteur', role: 'recruiter' },
  { local: 'gestionnaire-recrutement', role: 'recruiter_manager' },
  { local: 'organisme-formation', role: 'of_user' },
  { local: 'rgc-organisme', role: 'of_manager' },
  { local: 'conseiller', role: 'advisor' },
  { local: 'conseiller-2', role: 'advisor', label: 'Second conseiller, avec son propre portefeuille' },
  { local: 'securite', role: 'security_officer' },
  {
    local: 'securite-2',
    role: 'security_officer',
    label: 'Second responsable de la sécurité (une levée se fait à deux)',
  },
  { local: 'admin', role: 'admin' },
  { local: 'admin-2', role: 'admin', label: 'Second administrateur de la plateforme' },
];
export const DEMO_DOMAIN = 'demo.rempart.test';

export interface DemoAccountEntry {
  role: Role;
  roleLabel: string;
  email: string;
  password: string;
  organisation: string | null;
  /** Base32 TOTP secret, for the roles whose policy allows TOTP (demo mode only). */
  totpSecret?: string;
  /**
   * For the roles that must use a passkey: the single-use link that enrols one (as the
   * invitation a new staff member receives). Log in with the passkey afterwards.
   */
  invitationLink?: string;
}

export interface DemoAccountsFile {
  generatedAt: string;
  warning: string;
  accounts: DemoAccountEntry[];
}

export interface SeedDemoOptions {
  db: Db;
  vault: Vault;
  dataDir: string;
  people: number;
  seed: number;
  hashPassword: (password: string) => Promise<string>;
  /**
   * Enrols a confirmed TOTP credential for a staff account and returns its secret; called for
   * the roles whose MFA policy allows TOTP, so that those demo accounts can log in.
   */
  enrolTotp?: (accountId: string, role: Role) => Promise<string | null>;
  /** Issues an invitation link for the roles that must enrol a passkey; null for the others. */
  invite?: (accountId: string, role: Role) => Promise<string | null>;
  clock?: Clock;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The staff account each demo login uses, by the login's local part: in the organisations the
 * showcase people use; the two administrators are the two made at installation.
 */
function demoStaff(plan: SeedPlan): [string, SeedStaff][] {
  const { organisations, staff } = plan;
  const employer = staff.byOrganisation.get(organisations.employers[0]!.id)!;
  const training = staff.byOrganisation.get(organisations.trainingOrganisations[0]!.id)!;
  return [
    ['recruteur', employer.users[0]!],
    ['gestionnaire-recrutement', employer.manager],
    ['organisme-formation', training.users[0]!],
    ['rgc-organisme', training.manager],
    ['conseiller', staff.advisors[0]!],
    ['conseiller-2', staff.advisors[1]!],
    ['securite', staff.securityOfficer],
    ['securite-2', staff.secondSecurityOfficer],
    ['admin', staff.admins[0]],
    ['admin-2', staff.admins[1]],
  ];
}

function organisationName(plan: SeedPlan, id: string | null): string | null {
  const { employers, trainingOrganisations, agencies, platform } = plan.organisations;
  return [...employers, ...trainingOrganisations, ...agencies, platform].find((o) => o.id === id)?.name ?? null;
}

/**
 * Citizens' demo accounts, linked to the showcase job seeker and candidate, and to the job
 * seekers of the demo advisor at other stages of a training (src/seed/kairos-demo.ts).
 */
function citizenAccounts(
  plan: SeedPlan,
  logins: ReadonlyMap<string, Login>,
  jobSeekers: readonly DemoJobSeeker[],
): NewAccount[] {
  const generate = peopleGenerator(plan.context);
  const ids = new Rng(plan.seed, 'demo-accounts');
  const { jobSeeker, candidate } = plan.context.showcase;
  if (jobSeeker < 0 || candidate < 0)
    throw new RangeError('too few people for a demo: need a job seeker and a candidate');
  return (
    [
      ['job_seeker', 'demandeur-emploi', jobSeeker],
      ['candidate', 'candidat', candidate],
      ...jobSeekers.map(({ local, index }) => ['job_seeker', local, index] as const),
    ] as const
  ).map(([role, local, index]) => {
    const { person } = generate(index);
    const login = logins.get(local)!;
    return {
      id: ids.uuid(),
      role,
      organisationId: null,
      personId: person.id,
      email: login.email,
      displayName: `${person.firstName} ${person.lastName}`,
      passwordHash: login.passwordHash,
      status: 'active',
      // Citizens register themselves: no creator, no approver.
      createdBy: null,
      approvedBy: null,
      approvedAt: null,
    };
  });
}

interface Login {
  email: string;
  password: string;
  passwordHash: string;
}

/** Each demo login's e-mail and password, by the login's local part. */
async function makeLogins(
  slots: readonly DemoSlot[],
  hashPassword: SeedDemoOptions['hashPassword'],
): Promise<Map<string, Login>> {
  const logins = await Promise.all(
    slots.map(async ({ local }) => {
      const password = strongPassword();
      return [
        local,
        { email: `${local}@${DEMO_DOMAIN}`, password, passwordHash: await hashPassword(password) },
      ] as const;
    }),
  );
  return new Map(logins);
}

/** Writes the file atomically and readable by its owner only: it holds passwords. */
async function writeAccountsFile(dataDir: string, content: DemoAccountsFile): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'demo-accounts.json');
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await rename(temporary, file);
  await chmod(file, 0o600);
  return file;
}

export const DEMO_WARNING =
  'Comptes de démonstration : mots de passe en clair, pour essayer la plateforme sur ce poste uniquement. ' +
  'Ne les utilisez jamais en production et supprimez ce fichier une fois les accès notés.';

/**
 * Demo mode: seeds the database, then gives one account per role a login (and a second
 * administrator), in organisations where there is something to see (the OF user's sessions
 * have trainees, the advisor has a portfolio, the recruiter's offers have applicants, the
 * citizens are seeded people), and lists them in DATA_DIR/demo-accounts.json (mode 0600). Passwords come from the OS CSPRNG,
 * never from the seed: the same seed must not give the same passwords.
 */
export async function seedDemo(
  options: SeedDemoOptions,
): Promise<SeedResult & { accountsFile: string; accounts: DemoAccountEntry[] }> {
  const now = (options.clock ?? systemClock).now();
  const plan = planSeed({ seed: options.seed, people: options.people, today: isoDay(now) });
  const jobSeekers = kairosDemoJobSeekers(plan);
  const slots: DemoSlot[] = [
    ...demoSlots,
    ...jobSeekers.map(({ local, label }) => ({ local, role: 'job_seeker' as const, label })),
  ];
  const logins = await makeLogins(slots, options.hashPassword);
  const staffLogins = demoStaff(plan);
  const overrides = new Map(staffLogins.map(([local, staff]) => [staff.id, logins.get(local)!]));
  const citizens = citizenAccounts(plan, logins, jobSeekers);
  const result = await writeSeed({
    db: options.db,
    vault: options.vault,
    plan,
    overrides,
    onProgress: options.onProgress,
  });
  await options.vault.write(seedActor, seedAccounts, citizens);
  const candidate = citizens.find((account) => account.role === 'candidate')!;
  const showcaseCv = new Rng(plan.seed, 'demo-cv').uuid();
  await seedDemoCv(
    options.vault,
    { personId: candidate.personId!, fullName: candidate.displayName, cvId: showcaseCv },
    now,
  );
  await attachShowcaseCv(options.db, { personId: candidate.personId!, cvId: showcaseCv });
  // The demo recruiter's applicants each sent a CV, which the recruiter can open (a logged read).
  await seedApplicantCvs(options.db, options.vault, {
    employerId: plan.organisations.employers[0]!.id,
    rng: new Rng(plan.seed, 'demo-applicant-cvs'),
    at: now,
  });
  // About 2,000 offers, so the search, its filters and its pages show something real (issue 9).
  await seedDemoOffers(options.db, plan);
  // Recruiting's history: statuses, refusal reasons and recruiters' messages (src/seed/recruiting.ts).
  await seedRecruitingDemo({
    db: options.db,
    vault: options.vault,
    seed: options.seed,
    now,
    showcasePersonId: citizens.find((account) => account.role === 'candidate')?.personId ?? null,
  });
  await seedTrainingDemo(options.db, options.vault, {
    organisationId: plan.organisations.trainingOrganisations[0]!.id,
    today: isoDay(now),
    seed: options.seed,
  });
  const organisationOf = new Map(
    staffLogins.map(([local, staff]) => [local, organisationName(plan, staff.organisationId)] as const),
  );
  const totpSecrets = new Map<string, string>();
  const invitations = new Map<string, string>();
  for (const [local, staff] of staffLogins) {
    const secret = (await options.enrolTotp?.(staff.id, staff.role)) ?? null;
    if (secret) totpSecrets.set(local, secret);
    const link = (await options.invite?.(staff.id, staff.role)) ?? null;
    if (link) invitations.set(local, link);
  }
  const accounts: DemoAccountEntry[] = slots.map(({ local, role, label }) => ({
    role,
    roleLabel: label ?? roleTitle(role),
    email: logins.get(local)!.email,
    password: logins.get(local)!.password,
    organisation: organisationOf.get(local) ?? null,
    ...(totpSecrets.has(local) ? { totpSecret: totpSecrets.get(local)! } : {}),
    ...(invitations.has(local) ? { invitationLink: invitations.get(local)! } : {}),
  }));
  const accountsFile = await writeAccountsFile(options.dataDir, {
    generatedAt: now.toISOString(),
    warning: DEMO_WARNING,
    accounts,
  });
  return { ...result, accountsFile, accounts };
}
