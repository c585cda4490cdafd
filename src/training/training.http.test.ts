import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { FormBrowser, signedInBrowser } from '../../test/support/form-browser.js';
import { identityApp } from '../../test/support/identity.js';
import { twoTrainingOrganisations } from '../../test/support/training.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { listDues } from './dues.repo.js';
import { freeSeatsLocked, moveReferral } from './referrals.repo.js';
import type { Actor } from '../vault/index.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');
/** The page without what changes from one answer to the next (the CSRF token, nonces). */
const stable = (body: string) => body.replace(/value="[^"]{20,}"/g, '').replace(/nonce="[^"]+"/g, '');

describe.each(engines)('the training organisations’ pages (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;
  let userA: FormBrowser;
  let rgcB: FormBrowser;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    world = await twoTrainingOrganisations(db, built.vault);
    userA = await signedInBrowser(app, db, { accountId: idOf(world.actors.ofUserA), role: 'of_user', clock });
    rgcB = await signedInBrowser(app, db, { accountId: idOf(world.actors.ofManagerB), role: 'of_manager', clock });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lands an OF user on its home, with its tasks', async () => {
    const espace = await userA.open('/espace');
    expect(espace.headers.location).toBe('/organisme');
    const home = await userA.open('/organisme');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Orientations à traiter');
    expect(home.body).not.toContain('href="/gestion/comptes"');
    const rgcHome = await rgcB.open('/organisme');
    expect(rgcHome.body).toContain('href="/gestion/comptes"');
    expect(rgcHome.body).toContain('href="/organisme/securite"');
  });

  it('lists only the organisation’s own sessions and trainees', async () => {
    const sessions = await userA.open('/organisme/sessions');
    expect(sessions.body).toContain('Développeur web — A');
    expect(sessions.body).not.toContain('Comptable assistant — B');
    const session = await userA.open(`/organisme/sessions/${world.sessionA}`);
    expect(session.body).toContain('Dupré');
    expect(session.body).toContain('Hélène');
    expect(session.body).toContain('1234567A');
    // The list names people, never their contact details.
    expect(session.body).not.toContain(world.traineeA.email!);
    expect(session.body).not.toContain('Nguyễn');
  });

  it('answers another organisation’s session or trainee exactly as one that does not exist', async () => {
    const pairs: [string, string][] = [
      [`/organisme/sessions/${world.sessionB}`, `/organisme/sessions/${randomUUID()}`],
      [`/organisme/orientations/${world.referralB}`, `/organisme/orientations/${randomUUID()}`],
    ];
    for (const [other, missing] of pairs) {
      const [a, b] = [await userA.open(other), await userA.open(missing)];
      expect(a.statusCode).toBe(404);
      expect(b.statusCode).toBe(404);
      expect(stable(a.body)).toBe(stable(b.body));
      expect(a.body).not.toContain('Nguyễn');
    }
    // Control: the organisation's own trainee is there.
    expect((await userA.open(`/organisme/orientations/${world.referralA}`)).statusCode).toBe(200);
  });

  it('gives nothing through the forms on another organisation’s trainee, and changes nothing', async () => {
    await userA.open(`/organisme/orientations/${world.referralA}`);
    const posts: [string, Record<string, string>][] = [
      ['coordonnees', {}],
      ['reponse', { decision: 'accept' }],
      ['entree', { on: '2026-11-02' }],
      ['presence', { month: '2026-10', daysPresent: '18' }],
      ['interruption', { on: '2026-11-02', reason: 'abandonment' }],
      ['sortie', { on: '2026-11-02', outcome: 'completed' }],
    ];
    for (const [action, fields] of posts) {
      const other = await userA.form(`/organisme/orientations/${world.referralB}/${action}`, fields);
      const missing = await userA.form(`/organisme/orientations/${randomUUID()}/${action}`, fields);
      expect([action, other.statusCode]).toEqual([action, 404]);
      expect(stable(other.body)).toBe(stable(missing.body));
      expect(other.body).not.toContain(world.traineeB.email!);
    }
    // Nor an information meeting on another organisation's session.
    const meeting = { place: 'Lyon', startsAt: '12/01/2027 09:30', minutes: '60', seats: '10' };
    const other = await userA.form(`/organisme/sessions/${world.sessionB}/reunions`, meeting);
    const missing = await userA.form(`/organisme/sessions/${randomUUID()}/reunions`, meeting);
    expect(other.statusCode).toBe(404);
    expect(stable(other.body)).toBe(stable(missing.body));
    const meetings = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_sessions');
    expect(meetings.rows[0]!.n).toBe(0);
    // Control: on its own session, the meeting is added.
    await userA.open(`/organisme/sessions/${world.sessionA}`);
    expect((await userA.form(`/organisme/sessions/${world.sessionA}/reunions`, meeting)).statusCode).toBe(303);
    const { rows } = await db.query<{ status: string; events: number }>(
      `SELECT status, (SELECT count(*)::int FROM referral_events e WHERE e.referral_id = r.id) AS events
       FROM referrals r WHERE id = $1`,
      [world.referralB],
    );
    expect(rows[0]).toEqual({ status: 'referred', events: 0 });
  });

  it('shows contact details only on « Voir les coordonnées », and logs that read', async () => {
    const page = await userA.open(`/organisme/orientations/${world.referralA}`);
    expect(page.body).toContain('Voir les coordonnées');
    expect(page.body).not.toContain(world.traineeA.email!);
    const before = await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM access_log');
    const shown = await userA.form(`/organisme/orientations/${world.referralA}/coordonnees`, {});
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(world.traineeA.email!);
    expect(shown.body).toContain('06 12 34 56 78');
    expect(shown.body).toContain(world.traineeA.lastName!);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM access_log WHERE purpose = 'training.contact' AND actor_id = $1",
      [idOf(world.actors.ofUserA)],
    );
    expect(rows[0]!.n).toBe(1);
    // One action, one read of the person: the identity beside the contact is not read apart.
    const reads = await db.query<{ purpose: string }>(
      "SELECT purpose FROM access_log WHERE seq > $1::bigint AND action = 'read' AND actor_id = $2",
      [before.rows[0]!.seq, idOf(world.actors.ofUserA)],
    );
    expect(reads.rows.map((row) => row.purpose)).toEqual(['training.contact']);
  });

  it('takes an accepted trainee through entry, attendance and exit, and refuses steps out of order', async () => {
    const base = `/organisme/orientations/${world.referralA}`;
    await userA.open(base);
    // Out of order: no entry before the referral is accepted.
    const early = await userA.form(`${base}/entree`, { on: '2026-10-02' });
    expect(early.statusCode).toBe(409);
    expect((await userA.form(`${base}/reponse`, { decision: 'accept' })).headers.location).toBe(`${base}?fait=accept`);
    await userA.open(base);
    const future = await userA.form(`${base}/entree`, { on: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('La date ne peut pas être dans le futur.');
    // Declared more than three days after the event: taken, and marked late.
    expect((await userA.form(`${base}/entree`, { on: '2026-10-02' })).headers.location).toBe(`${base}?fait=retard`);
    await userA.open(base);
    expect((await userA.form(`${base}/presence`, { month: '2026-10', daysPresent: '19' })).statusCode).toBe(303);
    await userA.open(base);
    const twice = await userA.form(`${base}/presence`, { month: '2026-10', daysPresent: '19' });
    expect(twice.body).toContain('La présence de ce mois est déjà déclarée.');
    const current = await userA.form(`${base}/presence`, { month: '2026-11', daysPresent: '10' });
    expect(current.body).toContain('La présence se déclare une fois le mois terminé.');
    expect((await userA.form(`${base}/sortie`, { on: '2026-11-19', outcome: 'employment' })).headers.location).toBe(
      `${base}?fait=sortie`,
    );
    const { rows } = await db.query<{ kind: string; outcome: string | null; days: number | null }>(
      `SELECT kind, outcome, days_present AS days FROM referral_events WHERE referral_id = $1
       ORDER BY array_position(ARRAY['entry', 'attendance', 'interruption', 'exit'], kind)`,
      [world.referralA],
    );
    expect(rows).toEqual([
      { kind: 'entry', outcome: null, days: null },
      { kind: 'attendance', outcome: null, days: 19 },
      { kind: 'exit', outcome: 'employment', days: null },
    ]);
    const page = await userA.open(base);
    expect(page.body).toContain('Hors délai');
    expect(page.body).toContain('Sortie anticipée pour un emploi');
  });

  it('lists the declarations due and overdue of the organisation only', async () => {
    // B accepts its trainee: the session started on 1 October, so the entry was due on 4 October.
    await rgcB.open(`/organisme/orientations/${world.referralB}`);
    await rgcB.form(`/organisme/orientations/${world.referralB}/reponse`, { decision: 'accept' });
    const overdue = await rgcB.open('/organisme/declarations?retard=oui');
    expect(overdue.body).toContain('Nguyễn');
    expect(overdue.body).toContain('En retard');
    const home = await rgcB.open('/organisme');
    expect(home.body).toMatch(/déclaration a dépassé/);
    const aList = await userA.open('/organisme/declarations');
    expect(aList.body).not.toContain('Nguyễn');
  });

  it('refuses the pages to other roles, and caps the page size', async () => {
    const candidate = await signedInBrowser(app, db, {
      accountId: idOf(world.actors.candidateA),
      role: 'candidate',
      clock,
    });
    expect((await candidate.open('/organisme')).statusCode).toBe(403);
    expect((await candidate.open(`/organisme/sessions/${world.sessionA}`)).statusCode).toBe(403);
    const advisor = await signedInBrowser(app, db, { accountId: idOf(world.actors.advisorA), role: 'advisor', clock });
    expect((await advisor.open(`/organisme/orientations/${world.referralA}`)).statusCode).toBe(403);
    expect((await userA.open('/organisme/declarations?taille=51')).statusCode).toBe(400);
    expect((await userA.open('/organisme/declarations?taille=50')).statusCode).toBe(200);
  });

  it('lets the RGC alone set the organisation’s policy, behind a fresh check', async () => {
    expect((await userA.open('/organisme/securite')).statusCode).toBe(403);
    const page = await rgcB.open('/organisme/securite');
    expect(page.statusCode).toBe(200);
    const set = await rgcB.form('/organisme/securite', { policy: 'passkey' });
    expect(set.headers.location).toBe('/organisme?fait=securite');
    const { rows } = await db.query<{ policy: string }>(
      "SELECT mfa_policy->>'of_user' AS policy FROM organisations WHERE id = $1",
      [world.orgB],
    );
    expect(rows[0]!.policy).toBe('passkey');
    const other = await db.query<{ policy: string | null }>(
      "SELECT mfa_policy->>'of_user' AS policy FROM organisations WHERE id = $1",
      [world.orgA],
    );
    expect(other.rows[0]!.policy).toBeNull();
  });

  it('refuses an acceptance once every seat is held, and shows the free seats', async () => {
    // A one-seat session of A: one trainee accepted, a second person still waiting.
    const full = await sessionOfA('Soudeur — une place', 1);
    const [held, waiting] = [randomUUID(), randomUUID()];
    await db.query(
      `INSERT INTO referrals (id, session_id, person_id, status) VALUES ($1, $3, $4, 'accepted'), ($2, $3, $5, 'referred')`,
      [held, waiting, full, world.traineeA.id, world.poolOnly.id],
    );
    expect((await userA.open(`/organisme/sessions/${full}`)).body).toContain('1 place, complète');
    const base = `/organisme/orientations/${waiting}`;
    await userA.open(base);
    const refused = await userA.form(`${base}/reponse`, { decision: 'accept' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('La session est complète');
    // Refusing is still possible, and a seat freed by a refusal can be taken.
    await db.query("UPDATE referrals SET status = 'refused' WHERE id = $1", [held]);
    await userA.open(base);
    expect((await userA.form(`${base}/reponse`, { decision: 'accept' })).headers.location).toBe(`${base}?fait=accept`);
  });

  it('resumes a training after an interruption with postponement, and only then', async () => {
    const session = await sessionOfA('Cariste — reprise', 5);
    const [postponed, abandoned] = [randomUUID(), randomUUID()];
    await db.query(
      `INSERT INTO referrals (id, session_id, person_id, status) VALUES ($1, $3, $4, 'entered'), ($2, $3, $5, 'entered')`,
      [postponed, abandoned, session, world.traineeA.id, world.poolOnly.id],
    );
    const interrupt = async (referral: string, reason: string) => {
      await userA.open(`/organisme/orientations/${referral}`);
      return userA.form(`/organisme/orientations/${referral}/interruption`, { on: '2026-10-10', reason });
    };
    expect((await interrupt(postponed, 'of_postponed')).statusCode).toBe(303);
    expect((await interrupt(abandoned, 'abandonment')).statusCode).toBe(303);

    // After an abandonment, no resumption: the form is not offered and the address refuses it.
    const ended = await userA.open(`/organisme/orientations/${abandoned}`);
    expect(ended.body).not.toContain('Date de reprise');
    const refused = await userA.form(`/organisme/orientations/${abandoned}/reprise`, { on: '2026-11-16' });
    expect(refused.statusCode).toBe(409);

    // After a postponement: offered, not before the interruption, then in training again.
    const base = `/organisme/orientations/${postponed}`;
    expect((await userA.open(base)).body).toContain('Date de reprise');
    const early = await userA.form(`${base}/reprise`, { on: '2026-10-05' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('La reprise ne peut pas précéder l’interruption.');
    await userA.open(base);
    expect((await userA.form(`${base}/reprise`, { on: '2026-11-18' })).headers.location).toBe(`${base}?fait=reprise`);
    const status = await db.query<{ status: string }>('SELECT status FROM referrals WHERE id = $1', [postponed]);
    expect(status.rows[0]!.status).toBe('entered');
    const page = await userA.open(`${base}?fait=reprise`);
    expect(page.body).toContain('La reprise de la formation est déclarée.');
    expect(page.body).toContain('Reprise de la formation le 18 novembre 2026');
    // The months of the pause are not owed: October's attendance is not asked for.
    const dues = await listDues(db, world.orgA, '2026-11-20', { limit: 50, offset: 0, overdue: false });
    expect(dues.rows.filter((due) => due.referralId === postponed)).toEqual([]);
    // An abandonment declared next, though dated before the postponement, is the last word:
    // no resumption follows it.
    clock.advance(60_000);
    await userA.open(base);
    expect((await userA.form(`${base}/interruption`, { on: '2026-10-05', reason: 'abandonment' })).statusCode).toBe(
      303,
    );
    expect((await userA.open(base)).body).not.toContain('Date de reprise');
    expect((await userA.form(`${base}/reprise`, { on: '2026-11-19' })).statusCode).toBe(409);
  });

  it('counts the seats after the lock: an acceptance that waited sees the one made meanwhile', async () => {
    const session = await sessionOfA('Maçon — une place', 1);
    const first = randomUUID();
    await db.query("INSERT INTO referrals (id, session_id, person_id, status) VALUES ($1, $2, $3, 'referred')", [
      first,
      session,
      world.traineeA.id,
    ]);
    // The first acceptance holds the session's lock, its seat taken but not yet committed…
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const firstDone = db.transaction(async (tx) => {
      expect(await freeSeatsLocked(tx, session)).toBe(1);
      await moveReferral(tx, { id: first, from: 'referred', to: 'accepted' });
      await held;
    });
    // …while a second one asks (on PostgreSQL it waits for the lock; PGlite runs one at a time).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const secondFree = db.transaction((tx) => freeSeatsLocked(tx, session));
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await firstDone;
    expect(await secondFree).toBe(0);
  });

  /** A session of organisation A under way (1 October to 31 March), with `capacity` seats. */
  async function sessionOfA(title: string, capacity: number): Promise<string> {
    const id = randomUUID();
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on,
         capacity, funding) VALUES ($1, $2, $3, '31054', '69', 'Lyon', '2026-10-01', '2027-03-31', $4, 'afc')`,
      [id, world.orgA, title, capacity],
    );
    return id;
  }
});
