import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import type { Role, Vault } from '../vault/index.js';
import { duesByOrganisation } from '../training/dues.repo.js';
import { DEMO_DOMAIN, seedDemo, type DemoAccountsFile } from './demo.js';

const allRoles: Role[] = [
  'candidate',
  'job_seeker',
  'recruiter',
  'recruiter_manager',
  'of_user',
  'of_manager',
  'advisor',
  'advisor',
  'security_officer',
  'security_officer',
  'admin',
  'admin',
];

/** The parameters the platform uses (OWASP's argon2id minimum: 19 MiB, 2 passes). */
const argon2id = (password: string) =>
  hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

describe.each(engines)('demo mode on %s', (engine) => {
  let db: Db;
  let vault: Vault;
  let dataDir: string;
  let result: Awaited<ReturnType<typeof seedDemo>>;
  let file: DemoAccountsFile;
  const accountOf = async (role: Role) => {
    const { rows } = await db.query<{
      id: string;
      organisation_id: string | null;
      person_id: string | null;
      status: string;
      password_hash: string;
      created_by: string | null;
      approved_by: string | null;
    }>(
      'SELECT id, organisation_id, person_id, status, password_hash, created_by, approved_by FROM accounts WHERE id = $1',
      [await vault.findAccountIdByEmail(file.accounts.find((a) => a.role === role)!.email)],
    );
    return rows[0]!;
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ vault } = await makeVault(db));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rempart-demo-'));
    const clock = fixedClock(new Date('2026-11-20T08:00:00Z'));
    result = await seedDemo({ db, vault, dataDir, people: 200, seed: 2026, hashPassword: argon2id, clock });
    file = JSON.parse(await readFile(result.accountsFile, 'utf8')) as DemoAccountsFile;
  });
  afterAll(async () => {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows about 2,000 offers of several employers, the published ones complete for art. 3', async () => {
    const { rows } = await db.query<{ offers: number; employers: number; published: number; incomplete: number }>(
      `SELECT count(*)::int AS offers, count(DISTINCT employer_id)::int AS employers,
         count(*) FILTER (WHERE status = 'published')::int AS published,
         count(*) FILTER (WHERE status = 'published' AND (grades = '' OR recruiting_authority = '' OR apply_to = ''
           OR profile = '' OR vacant_from IS NULL OR published_at IS NULL))::int AS incomplete
       FROM offers`,
    );
    expect(rows[0]!.offers).toBe(2000);
    expect(rows[0]!.employers).toBeGreaterThan(3);
    expect(rows[0]!.published).toBeGreaterThan(1500);
    expect(rows[0]!.incomplete).toBe(0);
  });

  it('writes DATA_DIR/demo-accounts.json, readable by its owner only', async () => {
    expect(result.accountsFile).toBe(path.join(dataDir, 'demo-accounts.json'));
    expect((await stat(result.accountsFile)).mode & 0o777).toBe(0o600);
    expect(file.generatedAt).toBe('2026-11-20T08:00:00.000Z');
    expect(file.warning).toMatch(/^Comptes de démonstration : /);
  });

  it('lists one account per role and two administrators, with a French label, a reserved e-mail and a strong password', () => {
    // Then the demo advisor's job seekers at other stages of a training (src/seed/kairos-demo.ts).
    const extra = file.accounts.slice(allRoles.length);
    expect(file.accounts.slice(0, allRoles.length).map((a) => a.role)).toEqual(allRoles);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.map((a) => a.role)).toEqual(extra.map(() => 'job_seeker'));
    const count = file.accounts.length;
    expect(new Set(file.accounts.map((a) => a.password)).size).toBe(count);
    expect(new Set(file.accounts.map((a) => a.email)).size).toBe(count);
    expect(new Set(file.accounts.map((a) => a.roleLabel)).size).toBe(count);
    for (const account of file.accounts) {
      expect(account.email.endsWith(`@${DEMO_DOMAIN}`)).toBe(true);
      expect(account.password.length).toBeGreaterThanOrEqual(20);
      expect(account.password).toMatch(/[a-z]/);
      expect(account.password).toMatch(/[A-Z]/);
      expect(account.password).toMatch(/\d/);
      expect(account.roleLabel).toMatch(/^[A-ZÉ]/);
    }
    expect(file.accounts.find((a) => a.role === 'job_seeker')!.roleLabel).toBe('Demandeur d’emploi');
  });

  it('stores only argon2id hashes, which the listed passwords open', async () => {
    for (const role of ['admin', 'candidate'] as const) {
      const account = await accountOf(role);
      expect(account.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verify(account.password_hash, file.accounts.find((a) => a.role === role)!.password)).toBe(true);
    }
  });

  it('activates every account; staff accounts were created and approved by two different people', async () => {
    for (const role of allRoles) {
      const account = await accountOf(role);
      expect(account.status).toBe('active');
      if (role === 'candidate' || role === 'job_seeker') {
        expect(account.organisation_id).toBeNull();
        expect(account.person_id).not.toBeNull();
        expect(await vault.isCanary(account.person_id!)).toBe(false);
      } else if (role !== 'admin') {
        expect(account.created_by).not.toBeNull();
        expect(account.approved_by).not.toBeNull();
        expect(account.approved_by).not.toBe(account.created_by);
      }
    }
  });

  it('makes the two administrators of an installation, so that one can approve what the other asks', async () => {
    const admins = await Promise.all(
      file.accounts
        .filter((a) => a.role === 'admin')
        .map(async (a) => {
          const id = (await vault.findAccountIdByEmail(a.email))!;
          const { rows } = await db.query<{ status: string; organisation_id: string; password_hash: string }>(
            'SELECT status, organisation_id, password_hash FROM accounts WHERE id = $1',
            [id],
          );
          expect(await verify(rows[0]!.password_hash, a.password)).toBe(true);
          return { id, ...rows[0]! };
        }),
    );
    expect(admins).toHaveLength(2);
    expect(admins[0]!.id).not.toBe(admins[1]!.id);
    expect(admins.map((a) => a.status)).toEqual(['active', 'active']);
    expect(admins[0]!.organisation_id).toBe(admins[1]!.organisation_id);
  });

  it('gives each demo account something to work on', async () => {
    const ofUser = await accountOf('of_user');
    const trainees = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referrals r JOIN training_sessions s ON s.id = r.session_id WHERE s.organisation_id = $1`,
      [ofUser.organisation_id],
    );
    expect(trainees.rows[0]!.n).toBeGreaterThan(0);
    const advisor = await accountOf('advisor');
    const portfolio = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM portfolios WHERE advisor_id = $1', [
      advisor.id,
    ]);
    expect(portfolio.rows[0]!.n).toBeGreaterThan(0);
    const second = (await vault.findAccountIdByEmail(`conseiller-2@${DEMO_DOMAIN}`))!;
    const other = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM portfolios WHERE advisor_id = $1', [
      second,
    ]);
    expect(other.rows[0]!.n).toBeGreaterThan(0);
    // Each job seeker's login follows a person of the demo advisor's portfolio, with referrals.
    for (const entry of file.accounts.filter((a) => a.role === 'job_seeker')) {
      const id = (await vault.findAccountIdByEmail(entry.email))!;
      const { rows } = await db.query<{ statuses: string[] }>(
        `SELECT array_agg(r.status) AS statuses FROM accounts a JOIN portfolios p ON p.person_id = a.person_id
         JOIN referrals r ON r.person_id = a.person_id WHERE a.id = $1 AND p.advisor_id = $2`,
        [id, advisor.id],
      );
      expect(rows[0]!.statuses?.length ?? 0).toBeGreaterThan(0);
      if (entry.email.startsWith('demandeur-emploi-en-formation@')) expect(rows[0]!.statuses).toContain('entered');
      if (entry.email.startsWith('demandeur-emploi-sorti@')) expect(rows[0]!.statuses).toContain('exited');
    }
    const recruiter = await accountOf('recruiter');
    const applicants = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM applications a JOIN offers o ON o.id = a.offer_id WHERE o.employer_id = $1',
      [recruiter.organisation_id],
    );
    expect(applicants.rows[0]!.n).toBeGreaterThan(0);
    // Each of them sent a CV of their own, which the recruiter can open.
    const withoutCv = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM applications a JOIN offers o ON o.id = a.offer_id
       LEFT JOIN cvs c ON c.id = a.cv_id AND c.person_id = a.person_id
       WHERE o.employer_id = $1 AND c.id IS NULL`,
      [recruiter.organisation_id],
    );
    expect(withoutCv.rows[0]!.n).toBe(0);
    expect((await accountOf('recruiter_manager')).organisation_id).toBe(recruiter.organisation_id);
    expect((await accountOf('of_manager')).organisation_id).toBe(ofUser.organisation_id);
    const candidate = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cvs c JOIN accounts a ON a.person_id = c.person_id WHERE a.role = $1',
      ['candidate'],
    );
    expect(candidate.rows[0]!.n).toBe(1);
  });

  it('gives the demo training organisation referrals at every stage, and declarations owed', async () => {
    const ofUser = await accountOf('of_user');
    const { rows } = await db.query<{ status: string }>(
      `SELECT DISTINCT r.status FROM referrals r JOIN training_sessions s ON s.id = r.session_id
       WHERE s.organisation_id = $1 ORDER BY r.status`,
      [ofUser.organisation_id],
    );
    expect(rows.map((row) => row.status)).toEqual(expect.arrayContaining(['accepted', 'entered', 'referred']));
    const meetings = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_slots l JOIN information_sessions i ON i.id = l.information_session_id
       JOIN training_sessions s ON s.id = i.session_id WHERE s.organisation_id = $1`,
      [ofUser.organisation_id],
    );
    expect(meetings.rows[0]!.n).toBeGreaterThan(0);
    const owed = await duesByOrganisation(db, '2026-11-20', ofUser.organisation_id);
    expect(owed[0]!.overdue).toBeGreaterThan(0);
    // The entries declared in the session that has just started went through the vault: one
    // write of the platform's names exactly their people (the batches' writes name many more).
    const entered = await db.query<{ people: string[] }>(
      `SELECT ARRAY(SELECT DISTINCT r.person_id FROM referral_events e JOIN referrals r ON r.id = e.referral_id
         JOIN training_sessions s ON s.id = r.session_id
         WHERE s.organisation_id = $1 AND s.starts_on = '2026-11-15' AND e.kind = 'entry' ORDER BY 1) AS people`,
      [ofUser.organisation_id],
    );
    expect(entered.rows[0]!.people.length).toBeGreaterThan(0);
    const logged = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM access_log
       WHERE purpose = 'seed.referral_events' AND action = 'create' AND people = $1::uuid[]`,
      [entered.rows[0]!.people],
    );
    expect(logged.rows[0]!.n).toBe(1);
  });

  it('gives the recruiting pages something to show: a history with messages, reasons, and a pool', async () => {
    const recruiter = await accountOf('recruiter');
    const events = await db.query<{ kind: string; n: number }>(
      `SELECT e.kind, count(*)::int AS n FROM application_events e JOIN applications a ON a.id = e.application_id
       JOIN offers o ON o.id = a.offer_id WHERE o.employer_id = $1 GROUP BY e.kind ORDER BY e.kind`,
      [recruiter.organisation_id],
    );
    expect(events.rows.map((row) => row.kind)).toEqual(['message', 'status']);
    const candidate = await accountOf('candidate');
    const messages = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM application_events e JOIN applications a ON a.id = e.application_id
       WHERE a.person_id = $1 AND e.kind = 'message'`,
      [candidate.person_id],
    );
    expect(messages.rows[0]!.n).toBeGreaterThan(0);
    const unexplained = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM applications WHERE status = 'rejected' AND refusal_reason IS NULL",
    );
    expect(unexplained.rows[0]!.n).toBe(0);
    const pool = await db.query<{ n: number }>(
      'SELECT count(DISTINCT p.person_id)::int AS n FROM candidate_profiles p JOIN profile_facets f USING (person_id) WHERE p.pool_opt_in',
    );
    expect(pool.rows[0]!.n).toBeGreaterThan(5);
  });

  it('keeps canaries out of what the demo accounts follow', async () => {
    const advisor = await accountOf('advisor');
    const ofUser = await accountOf('of_user');
    const recruiter = await accountOf('recruiter');
    const { rows } = await db.query<{ id: string }>(
      `SELECT person_id AS id FROM portfolios WHERE advisor_id = $1
       UNION SELECT r.person_id FROM referrals r JOIN training_sessions s ON s.id = r.session_id WHERE s.organisation_id = $2
       UNION SELECT a.person_id FROM applications a JOIN offers o ON o.id = a.offer_id WHERE o.employer_id = $3`,
      [advisor.id, ofUser.organisation_id, recruiter.organisation_id],
    );
    const followed = rows.map((row) => row.id);
    expect(followed.length).toBeGreaterThan(0);
    for (const id of result.canaryIds) expect(followed).not.toContain(id);
  });
});
