import { roleLabels, roleTitle } from '../kernel/roles.js';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import type { NewAccount, Role, Vault } from '../vault/index.js';
import { isoDay } from './dates.js';
import { Rng } from './rng.js';
import { peopleGenerator } from './people.js';
import { planSeed, type SeedPlan } from './plan.js';
import { strongPassword } from './passwords.js';
import { seedActor, writeSeed, type SeedResult } from './seed.js';
import { seedAccounts } from './seed.purposes.js';
import type { SeedStaff } from './staff.js';

/** What users read in the demo accounts file. */
export { roleLabels };

/** Local parts of the demo logins, under a reserved domain (RFC 6761 §6.2: `.test`). */
const demoLogins: Record<Role, string> = {
  candidate: 'candidat',
  job_seeker: 'demandeur-emploi',
  recruiter: 'recruteur',
  recruiter_manager: 'gestionnaire-recrutement',
  of_user: 'organisme-formation',
  of_manager: 'rgc-organisme',
  advisor: 'conseiller',
  security_officer: 'securite',
  admin: 'admin',
};
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

/** The staff account each demo role logs into: in the organisations the showcase people use. */
function demoStaff(plan: SeedPlan): [Role, SeedStaff][] {
  const { organisations, staff } = plan;
  const employer = staff.byOrganisation.get(organisations.employers[0]!.id)!;
  const training = staff.byOrganisation.get(organisations.trainingOrganisations[0]!.id)!;
  return [
    ['recruiter', employer.users[0]!],
    ['recruiter_manager', employer.manager],
    ['of_user', training.users[0]!],
    ['of_manager', training.manager],
    ['advisor', staff.advisors[0]!],
    ['security_officer', staff.securityOfficer],
    ['admin', staff.admins[0]],
  ];
}

function organisationName(plan: SeedPlan, id: string | null): string | null {
  const { employers, trainingOrganisations, agencies, platform } = plan.organisations;
  return [...employers, ...trainingOrganisations, ...agencies, platform].find((o) => o.id === id)?.name ?? null;
}

/** Citizens' demo accounts, linked to the showcase job seeker and candidate. */
function citizenAccounts(plan: SeedPlan, logins: ReadonlyMap<Role, Login>): NewAccount[] {
  const generate = peopleGenerator(plan.context);
  const ids = new Rng(plan.seed, 'demo-accounts');
  const { jobSeeker, candidate } = plan.context.showcase;
  if (jobSeeker < 0 || candidate < 0)
    throw new RangeError('too few people for a demo: need a job seeker and a candidate');
  return (
    [
      ['job_seeker', jobSeeker],
      ['candidate', candidate],
    ] as const
  ).map(([role, index]) => {
    const { person } = generate(index);
    const login = logins.get(role)!;
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

async function makeLogins(hashPassword: SeedDemoOptions['hashPassword']): Promise<Map<Role, Login>> {
  const roles = Object.keys(roleLabels) as Role[];
  const logins = await Promise.all(
    roles.map(async (role) => {
      const password = strongPassword();
      return [
        role,
        { email: `${demoLogins[role]}@${DEMO_DOMAIN}`, password, passwordHash: await hashPassword(password) },
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
 * Demo mode: seeds the database, then gives one account per role a login, in organisations
 * where there is something to see (the OF user's sessions have trainees, the advisor has a
 * portfolio, the recruiter's offers have applicants, the citizens are seeded people), and
 * lists them in DATA_DIR/demo-accounts.json (mode 0600). Passwords come from the OS CSPRNG,
 * never from the seed: the same seed must not give the same passwords.
 */
export async function seedDemo(
  options: SeedDemoOptions,
): Promise<SeedResult & { accountsFile: string; accounts: DemoAccountEntry[] }> {
  const now = (options.clock ?? systemClock).now();
  const plan = planSeed({ seed: options.seed, people: options.people, today: isoDay(now) });
  const logins = await makeLogins(options.hashPassword);
  const staffRoles = demoStaff(plan);
  const overrides = new Map(staffRoles.map(([role, staff]) => [staff.id, logins.get(role)!]));
  const citizens = citizenAccounts(plan, logins);
  const result = await writeSeed({
    db: options.db,
    vault: options.vault,
    plan,
    overrides,
    onProgress: options.onProgress,
  });
  await options.vault.write(seedActor, seedAccounts, citizens);
  const organisationOf = new Map<Role, string | null>([
    ...staffRoles.map(([role, staff]) => [role, organisationName(plan, staff.organisationId)] as const),
    ['candidate', null],
    ['job_seeker', null],
  ]);
  const totpSecrets = new Map<Role, string>();
  const invitations = new Map<Role, string>();
  for (const [role, staff] of staffRoles) {
    const secret = (await options.enrolTotp?.(staff.id, role)) ?? null;
    if (secret) totpSecrets.set(role, secret);
    const link = (await options.invite?.(staff.id, role)) ?? null;
    if (link) invitations.set(role, link);
  }
  const accounts: DemoAccountEntry[] = (Object.keys(roleLabels) as Role[]).map((role) => ({
    role,
    roleLabel: roleTitle(role),
    email: logins.get(role)!.email,
    password: logins.get(role)!.password,
    organisation: organisationOf.get(role) ?? null,
    ...(totpSecrets.has(role) ? { totpSecret: totpSecrets.get(role)! } : {}),
    ...(invitations.has(role) ? { invitationLink: invitations.get(role)! } : {}),
  }));
  const accountsFile = await writeAccountsFile(options.dataDir, {
    generatedAt: now.toISOString(),
    warning: DEMO_WARNING,
    accounts,
  });
  return { ...result, accountsFile, accounts };
}
