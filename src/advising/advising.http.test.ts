import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.js';
import { openTestDb } from '../../test/support/databases.js';
import { person, system, twoOrganisations } from '../../test/support/fixtures.js';
import { FormBrowser, signedInBrowser } from '../../test/support/form-browser.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { seedPeople, seedReferralEvents } from '../seed/seed.purposes.js';
import type { Actor, Vault } from '../vault/index.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');
/** The page's main content: what differs between two answers, without the header's tokens. */
const mainOf = (body: string) =>
  body.slice(body.indexOf('<main'), body.indexOf('</main>')).replace(/name="_csrf" value="[^"]*"/g, '');

/**
 * The advisors' back office through HTTP, on both engines: an advisor reaches the job seekers of
 * their own portfolio and nobody else, on every route, list, search and direct id, and an
 * outsider answers exactly as a person who does not exist.
 */
describe.each(engines)('the advisor’s back office (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  let vault: Vault;
  let advisorA: FormBrowser;
  let advisorB: FormBrowser;
  let sessionA: string;
  let sessionB: string;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    vault = built.vault;
    world = await twoOrganisations(db, vault);
    const sessions = await db.query<{ id: string; organisation_id: string }>(
      'SELECT id, organisation_id FROM training_sessions',
    );
    sessionA = sessions.rows.find((s) => s.organisation_id === world.orgA)!.id;
    sessionB = sessions.rows.find((s) => s.organisation_id === world.orgB)!.id;
    advisorA = await signedInBrowser(app, db, { accountId: idOf(world.actors.advisorA), role: 'advisor', clock });
    advisorB = await signedInBrowser(app, db, { accountId: idOf(world.actors.advisorB), role: 'advisor', clock });
    // What the organisation declared about A's trainee: the advisor follows it.
    const [referral] = (
      await db.query<{ id: string }>('SELECT id FROM referrals WHERE person_id = $1', [world.traineeA.id])
    ).rows;
    await built.vault.write(system, seedReferralEvents, [
      {
        id: randomUUID(),
        referralId: referral!.id,
        kind: 'entry',
        occurredOn: '2026-09-02',
        detail: 'Entrée confirmée par le centre de Lyon.',
        declaredBy: null,
      },
      {
        id: randomUUID(),
        referralId: referral!.id,
        kind: 'interruption',
        occurredOn: '2026-10-12',
        detail: 'Interruption : déménagement hors du département.',
        declaredBy: null,
      },
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists the advisor’s own portfolio, and nobody else’s', async () => {
    const home = await advisorA.open('/conseiller');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('DUPRÉ Hélène');
    expect(home.body).not.toContain('NGUYỄN');
    const other = await advisorB.open('/conseiller');
    expect(other.body).toContain('NGUYỄN Thảo');
    expect(other.body).not.toContain('DUPRÉ');
  });

  it('finds by identifier or by name within the portfolio only', async () => {
    await advisorA.open('/conseiller/recherche');
    // Both trainees have this identifier: only the advisor's own comes back.
    const byId = await advisorA.form('/conseiller/recherche', { identifiant: '1234567a', nom: '', prenom: '' });
    expect(byId.statusCode).toBe(200);
    expect(byId.body).toContain('DUPRÉ Hélène');
    expect(byId.body).not.toContain('NGUYỄN');
    const byName = await advisorA.form('/conseiller/recherche', { identifiant: '', nom: 'dupre', prenom: 'helene' });
    expect(byName.body).toContain('DUPRÉ Hélène');
    // Someone else's job seeker, by name: the answer for nobody at all.
    const outsider = await advisorA.form('/conseiller/recherche', { identifiant: '', nom: 'Nguyễn', prenom: 'Thảo' });
    const nobody = await advisorA.form('/conseiller/recherche', { identifiant: '', nom: 'Personne', prenom: 'Aucune' });
    expect(outsider.body).toContain('Aucun demandeur d’emploi de votre portefeuille');
    expect(mainOf(outsider.body).replace(/Nguyễn|Thảo/g, 'X')).toBe(
      mainOf(nobody.body).replace(/Personne|Aucune(?= ?")/g, 'X'),
    );
  });

  it('answers an outsider’s own identifier as an identifier nobody has', async () => {
    const outsider = person({ lastName: 'Roussel', firstName: 'Anouk', franceTravailId: '9999999Z' });
    await vault.write(system, seedPeople, [outsider]);
    await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [
      idOf(world.actors.advisorB),
      outsider.id,
    ]);
    // Control: the outsider's own advisor finds them by that identifier.
    await advisorB.open('/conseiller/recherche');
    const found = await advisorB.form('/conseiller/recherche', { identifiant: '9999999Z', nom: '', prenom: '' });
    expect(found.body).toContain('ROUSSEL Anouk');
    await advisorA.open('/conseiller/recherche');
    const probe = await advisorA.form('/conseiller/recherche', { identifiant: '9999999Z', nom: '', prenom: '' });
    const nobody = await advisorA.form('/conseiller/recherche', { identifiant: '8888888Y', nom: '', prenom: '' });
    expect(probe.statusCode).toBe(200);
    expect(probe.body).not.toContain('ROUSSEL');
    expect(mainOf(probe.body).replace('9999999Z', 'X')).toBe(mainOf(nobody.body).replace('8888888Y', 'X'));
  });

  it('asks for an identifier or both names, and keeps what was typed', async () => {
    await advisorA.open('/conseiller/recherche');
    const half = await advisorA.form('/conseiller/recherche', { identifiant: '', nom: 'Dupré', prenom: '' });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('Indiquez aussi le prénom.');
    expect(half.body).toContain('value="Dupré"');
  });

  it('opens a job seeker of the portfolio, and answers 404 for anyone else as for nobody', async () => {
    const own = await advisorA.open(`/conseiller/demandeurs/${world.traineeA.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Développeur web');
    expect(own.body).toContain('Entrée en formation, le 2 septembre 2026');
    expect(own.body).toContain('déménagement hors du département');
    // Only the details the advisor acts on are read: an entry's is not.
    expect(own.body).not.toContain('Entrée confirmée par le centre de Lyon.');
    for (const path of ['', '/orientation']) {
      const outsider = await advisorA.open(`/conseiller/demandeurs/${world.traineeB.id}${path}`);
      const nobody = await advisorA.open(`/conseiller/demandeurs/${randomUUID()}${path}`);
      expect(outsider.statusCode).toBe(404);
      expect(nobody.statusCode).toBe(404);
      expect(mainOf(outsider.body)).toBe(mainOf(nobody.body));
      expect(outsider.body).not.toContain('Nguy');
    }
    // The other advisor does not read A's trainee's declarations either.
    const crossed = await advisorB.open(`/conseiller/demandeurs/${world.traineeA.id}`);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.body).not.toContain('déménagement');
  });

  it('refers a job seeker to a session with a sealed note, as the advisor', async () => {
    const page = await advisorA.open(`/conseiller/demandeurs/${world.traineeA.id}/orientation?texte=web`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${sessionB}"`);
    // Words narrow the list; a word no session holds leaves none.
    const none = await advisorA.open(`/conseiller/demandeurs/${world.traineeA.id}/orientation?texte=boulanger`);
    expect(none.body).not.toContain(`value="${sessionB}"`);
    expect(none.body).toContain('Aucune session à venir ou en cours ne correspond');
    const sent = await advisorA.form(`/conseiller/demandeurs/${world.traineeA.id}/orientation?texte=web`, {
      session: sessionB,
      note: 'Projet de reconversion solide, disponible dès janvier.',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/conseiller/demandeurs/${world.traineeA.id}?orientation=envoyee`);
    const row = await db.query<{ referred_by: string; note_enc: Buffer | null; status: string }>(
      'SELECT referred_by, note_enc, status FROM referrals WHERE session_id = $1 AND person_id = $2',
      [sessionB, world.traineeA.id],
    );
    expect(row.rows[0]!.referred_by).toBe(idOf(world.actors.advisorA));
    expect(row.rows[0]!.status).toBe('referred');
    expect(Buffer.from(row.rows[0]!.note_enc!).toString('latin1')).not.toContain('reconversion');
    const logged = await db.query<{ actor_id: string }>(
      "SELECT actor_id FROM access_log WHERE purpose = 'advising.refer' AND $1 = ANY(people)",
      [world.traineeA.id],
    );
    expect(logged.rows.map((r) => r.actor_id)).toEqual([idOf(world.actors.advisorA)]);
    const after = await advisorA.open(sent.headers.location as string);
    expect(after.body).toContain('L’orientation est envoyée');
    expect(after.body).toContain('Projet de reconversion solide');
    // Twice to the same session: refused on the form, nothing written twice.
    await advisorA.open(`/conseiller/demandeurs/${world.traineeA.id}/orientation`);
    const again = await advisorA.form(`/conseiller/demandeurs/${world.traineeA.id}/orientation`, {
      session: sessionB,
      note: '',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('déjà orienté vers cette session');
  });

  it('refuses a session whose every seat is held, and says so in the list', async () => {
    const full = randomUUID();
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on,
         capacity, funding) VALUES ($1, $2, 'Soudeur une place', '22054', '35', 'Rennes', '2026-12-01', '2027-03-31', 1, 'afc')`,
      [full, world.orgB],
    );
    await db.query("INSERT INTO referrals (id, session_id, person_id, status) VALUES ($1, $2, $3, 'accepted')", [
      randomUUID(),
      full,
      world.poolOnly.id,
    ]);
    const page = await advisorA.open(`/conseiller/demandeurs/${world.traineeA.id}/orientation?texte=soudeur`);
    expect(page.body).toContain('1 place, complète');
    const refused = await advisorA.form(`/conseiller/demandeurs/${world.traineeA.id}/orientation?texte=soudeur`, {
      session: full,
      note: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Cette session est complète');
    const rows = await db.query('SELECT 1 FROM referrals WHERE session_id = $1 AND person_id = $2', [
      full,
      world.traineeA.id,
    ]);
    expect(rows.rows).toHaveLength(0);
  });

  it('cannot refer someone outside the portfolio: 404 as for nobody, and nothing written', async () => {
    await advisorA.open(`/conseiller/demandeurs/${world.traineeA.id}/orientation`);
    const outsider = await advisorA.form(`/conseiller/demandeurs/${world.traineeB.id}/orientation`, {
      session: sessionA,
      note: 'Essai',
    });
    const nobody = await advisorA.form(`/conseiller/demandeurs/${randomUUID()}/orientation`, {
      session: sessionA,
      note: 'Essai',
    });
    expect(outsider.statusCode).toBe(404);
    expect(nobody.statusCode).toBe(404);
    expect(mainOf(outsider.body)).toBe(mainOf(nobody.body));
    const rows = await db.query('SELECT 1 FROM referrals WHERE session_id = $1 AND person_id = $2', [
      sessionA,
      world.traineeB.id,
    ]);
    expect(rows.rows).toHaveLength(0);
  });

  it('follows the referrals of the portfolio only', async () => {
    const follow = await advisorA.open('/conseiller/suivi');
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('DUPRÉ Hélène');
    expect(follow.body).toContain('Interruption, le 12 octobre 2026');
    expect(follow.body).not.toContain('NGUYỄN');
    const filtered = await advisorA.open('/conseiller/suivi?statut=exited');
    expect(filtered.body).toContain('Aucune orientation ne correspond.');
    const other = await advisorB.open('/conseiller/suivi');
    expect(other.body).toContain('NGUYỄN Thảo');
    expect(other.body).not.toContain('DUPRÉ');
  });

  it('is the advisor’s only', async () => {
    const seeker = await addAccount(vault, {
      role: 'job_seeker',
      personId: world.traineeA.id,
    });
    const browser = await signedInBrowser(app, db, { accountId: seeker.id, role: 'job_seeker', clock });
    for (const path of [
      '/conseiller',
      '/conseiller/suivi',
      '/conseiller/recherche',
      `/conseiller/demandeurs/${world.traineeA.id}`,
    ]) {
      expect((await browser.open(path)).statusCode).toBe(403);
    }
    expect((await new FormBrowser(app).open('/conseiller')).statusCode).toBe(303);
  });
});
