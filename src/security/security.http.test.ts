import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { twoOrganisations } from '../../test/support/fixtures.js';
import { FormBrowser, signedInBrowser } from '../../test/support/form-browser.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { raiseAlert } from '../guard/alerts.js';
import { suspendAccount } from '../identity/accounts/suspensions.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { followTrainees } from '../training/training.purposes.js';
import type { Actor } from '../vault/index.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');
const mainOf = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'));
/** The page's markup with its spaces as a person reads them (U+00A0 before « : », lines joined). */
const textOf = (body: string) => mainOf(body).replace(/\s+/g, ' ');

/**
 * The security officers' console through HTTP, on both engines: only officers reach it; the
 * open alerts, suspensions and switches with their evidence; the volumes read; an account's
 * file; each decision, with the two-person rule; and never a person read, by name or id.
 */
describe.each(engines)('the security officers’ console (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  let built: Awaited<ReturnType<typeof identityApp>>;
  let officer: FormBrowser;
  let second: FormBrowser;
  let officerId: string;
  let secondId: string;
  let reader: string;
  let suspended: string;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const alertOf = async (kind: string) =>
    (
      await db.query<{ id: string; status: string; decided_by: string | null }>(
        'SELECT id, status, decided_by FROM security_alerts WHERE kind = $1',
        [kind],
      )
    ).rows[0]!;

  beforeAll(async () => {
    db = await openTestDb(engine);
    built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    world = await twoOrganisations(db, built.vault);
    const agency = world.actors.securityOfficer.kind === 'account' ? world.actors.securityOfficer.organisationId : null;
    officerId = idOf(world.actors.securityOfficer);
    secondId = (await addAccount(built.vault, { role: 'security_officer', organisationId: agency })).id;
    reader = idOf(world.actors.ofUserA);
    suspended = idOf(world.actors.advisorB);
    // An OF user reads its own trainee, then asks for another organisation's: a signal.
    await built.vault.read(world.actors.ofUserA, followTrainees, [world.traineeA.id]);
    await built.vault.read(world.actors.ofUserA, followTrainees, [world.traineeB.id]);
    await raiseAlert(
      db,
      { clock, random: systemRandom },
      'guard.canary_read',
      { compte: reader, role: 'of_user', finalite: 'training.follow_up', canaris: 1 },
      { compte: reader },
    );
    await raiseAlert(
      db,
      { clock, random: systemRandom },
      'guard.suspended',
      { compte: officerId, role: 'security_officer', finalite: 'security.account', signaux: 'budget, refused' },
      { compte: officerId },
    );
    await suspendAccount(built.accounts, world.actors.admin, suspended, 'investigation');
    officer = await signedInBrowser(app, db, { accountId: officerId, role: 'security_officer', clock });
    second = await signedInBrowser(app, db, { accountId: secondId, role: 'security_officer', clock });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Nothing of the people read: their names, their ids, their e-mails. */
  const expectNoPersonIn = (body: string) => {
    for (const person of world.everyone) {
      for (const value of [person.id, person.lastName, person.firstName, person.email]) {
        if (value) expect(body).not.toContain(value);
      }
    }
  };

  it('would see a person read in a page (the check is not blind)', () => {
    expect(() => expectNoPersonIn(`<td>${world.traineeA.lastName}</td>`)).toThrow();
    expect(() => expectNoPersonIn(`<a href="/x/${world.traineeB.id}">`)).toThrow();
  });

  it('is the officers’ only: other roles get 403, a visitor goes to the login', async () => {
    const pages = ['/securite', '/securite/consultations', `/securite/comptes/${reader}`];
    for (const page of pages) expect((await officer.open(page)).statusCode, page).toBe(200);
    const others = [
      ['of_manager', world.actors.ofManagerB],
      ['recruiter_manager', world.actors.managerA],
      ['admin', world.actors.admin],
    ] as const;
    for (const [role, actor] of others) {
      const other = await signedInBrowser(app, db, { accountId: idOf(actor), role, clock });
      for (const page of pages) expect((await other.open(page)).statusCode, `${role} ${page}`).toBe(403);
      const posted = await other.form('/securite/coupe-circuit', {
        niveau: 'surface',
        service: 'pool',
        motif: 'incident',
      });
      expect(posted.statusCode, role).toBe(403);
    }
    const visitor = new FormBrowser(app);
    for (const page of pages) {
      const answer = await visitor.open(page);
      expect(answer.statusCode).toBe(303);
      expect(answer.headers.location).toBe('/connexion');
    }
    expect((await db.query('SELECT 1 FROM guard_switches')).rows).toEqual([]);
  });

  it('lists the open alerts with their evidence in French, the suspensions and the switches', async () => {
    const home = await officer.open('/securite');
    const text = textOf(home.body);
    expect(text).toContain('Alertes ouvertes (2)');
    expect(text).toContain('Consultation d’une personne leurre');
    expect(text).toContain('Personnes leurres consultées');
    expect(text).toContain('training.follow_up');
    expect(text).toContain('Budget de consultation dépassé ; Consultation tentée pendant une vérification demandée');
    expect(home.body).toContain(`href="/securite/comptes/${reader}"`);
    // The alert about the officer's own account has no button for them.
    expect(text).toContain('Votre propre compte : un autre responsable de la sécurité décide.');
    expect(text).toContain('Comptes suspendus (1)');
    expect(text).toContain('Vérification en cours par la sécurité');
    expect(text).toContain('Demander la levée');
    expect(text).toContain('Aucun coupe-circuit actif.');
    expectNoPersonIn(home.body);
  });

  it('charts the people read per account, per organisation and the top readers, in counts only', async () => {
    const page = await officer.open('/securite/consultations');
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Personnes consultées par compte, jour par jour');
    expect(page.body).toContain('data-graphique=');
    expect(page.body).toContain('src="/static/chart.js"');
    expect(page.body).toContain(`href="/securite/comptes/${reader}"`);
    // The OF user read one trainee (the other was out of scope, so not returned): 1.
    const figures = /data-graphique="([^"]*)"/g;
    const charts = [...page.body.matchAll(figures)].map((match) => JSON.parse(match[1]!.replace(/&quot;/g, '"')));
    expect(charts).toHaveLength(3);
    expect(charts[2].series[0].values).toEqual([1]);
    expect(charts[1].series[0].values).toEqual([1]);
    expect(charts[0].labels).toHaveLength(7);
    expect(charts[0].series[0].values.at(-1)).toBe(1);
    expectNoPersonIn(page.body);
    // Chart.js itself, served from our origin.
    const script = await app.inject({ url: '/static/chart.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('Chart.js v4');
  });

  it('opens an account’s file: signals with evidence, the log in counts, the holder only on demand', async () => {
    const page = await officer.open(`/securite/comptes/${reader}`);
    const text = textOf(page.body);
    expect(text).toContain('Utilisateur d’organisme de formation');
    expect(text).toContain('Demande de personnes hors de son périmètre');
    expect(text).toContain('Demandées hors périmètre');
    expect(text).toContain('Dernières entrées du journal des accès (2)');
    // Its own alerts only: not the one about the officer.
    expect(text).toContain('Alertes ouvertes (1)');
    expect(text).toContain('Consultation d’une personne leurre');
    expect(text).not.toContain('Compte suspendu par la surveillance');
    expect(text).toContain('Ce compte n’est pas suspendu.');
    expectNoPersonIn(page.body);
    expect(page.body).not.toContain(`${reader}@demo.rempart.test`);
    const other = textOf((await officer.open(`/securite/comptes/${suspended}`)).body);
    expect(other).toContain(
      'au niveau de la plateforme (levée par deux personnes) : Vérification en cours par la sécurité',
    );
    expect(other).toContain('Alertes ouvertes (0)');
    const before = await db.query("SELECT 1 FROM access_log WHERE purpose = 'security.account'");
    expect(before.rows).toEqual([]);
    const shown = await officer.form(`/securite/comptes/${reader}/titulaire`, {});
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`${reader}@demo.rempart.test`);
    const logged = await db.query<{ actor_id: string; people: string[] }>(
      "SELECT actor_id, people FROM access_log WHERE purpose = 'security.account'",
    );
    expect(logged.rows).toEqual([{ actor_id: officerId, people: [reader] }]);
    // A citizen's account is not the console's: as if it did not exist.
    expect((await officer.open(`/securite/comptes/${idOf(world.actors.candidateA)}`)).statusCode).toBe(404);
  });

  it('confirms or dismisses an alert, journals it, and leaves an officer’s own alert to another', async () => {
    await officer.open('/securite');
    const canary = await alertOf('guard.canary_read');
    const confirmed = await officer.form('/securite/alertes/decision', { alerte: canary.id, decision: 'confirmer' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/securite?fait=alerte-confirmee');
    expect(await alertOf('guard.canary_read')).toMatchObject({ status: 'confirmed', decided_by: officerId });
    expect(textOf((await officer.open('/securite?fait=alerte-confirmee')).body)).toContain(
      'L’alerte est confirmée et consignée au journal de sécurité.',
    );
    // Decided once: again is as for no alert.
    expect(
      (await officer.form('/securite/alertes/decision', { alerte: canary.id, decision: 'ecarter' })).statusCode,
    ).toBe(404);
    const own = await alertOf('guard.suspended');
    const refused = await officer.form('/securite/alertes/decision', { alerte: own.id, decision: 'ecarter' });
    expect(refused.statusCode).toBe(403);
    expect(textOf(refused.body)).toContain('Cette alerte concerne votre propre compte');
    expect((await alertOf('guard.suspended')).status).toBe('open');
    await second.open('/securite');
    const dismissed = await second.form('/securite/alertes/decision', {
      alerte: own.id,
      decision: 'ecarter',
      retour: officerId,
    });
    expect(dismissed.headers.location).toBe(`/securite/comptes/${officerId}?fait=alerte-ecartee`);
    expect(await alertOf('guard.suspended')).toMatchObject({ status: 'dismissed', decided_by: secondId });
    const journal = await db.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM access_log WHERE action LIKE 'auth.guard.alert_%' ORDER BY seq",
    );
    expect(journal.rows).toEqual([
      { action: 'auth.guard.alert_confirmed', actor_id: officerId },
      { action: 'auth.guard.alert_dismissed', actor_id: secondId },
    ]);
  });

  it('lifts a platform suspension with two officers, never one twice', async () => {
    const status = async () =>
      (await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [suspended])).rows[0]!.status;
    await officer.open('/securite');
    const asked = await officer.form('/securite/suspensions/levee', { compte: suspended });
    expect(asked.headers.location).toBe('/securite?fait=levee-demandee');
    const home = textOf((await officer.open(asked.headers.location!)).body);
    expect(home).toContain('Levée demandée, en attente d’une seconde personne');
    expect(home).not.toContain('Confirmer la levée');
    const again = await officer.form('/securite/suspensions/levee', { compte: suspended });
    expect(again.statusCode).toBe(403);
    expect(textOf(again.body)).toContain('Vous avez déjà demandé cette levée');
    expect(await status()).toBe('suspended');
    // The second officer sees the request and confirms it.
    expect(textOf((await second.open('/securite')).body)).toContain('Confirmer la levée');
    const lifted = await second.form('/securite/suspensions/levee', { compte: suspended, retour: suspended });
    expect(lifted.headers.location).toBe(`/securite/comptes/${suspended}?fait=suspension-levee`);
    expect(await status()).toBe('active');
  });

  it('sets a kill switch with its reason, says what is missing, and lifts it with two officers', async () => {
    await officer.open('/securite');
    const noReason = await officer.form('/securite/coupe-circuit', { niveau: 'surface', service: 'pool', motif: '' });
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Choisissez le motif du coupe-circuit.');
    expect(noReason.body).toContain('fr-select-group--error');
    const noAccount = await officer.form('/securite/coupe-circuit', {
      niveau: 'account',
      compte: '',
      motif: 'incident',
    });
    expect(textOf(noAccount.body)).toContain('Indiquez l’identifiant du compte à arrêter.');
    const self = await officer.form('/securite/coupe-circuit', {
      niveau: 'account',
      compte: officerId,
      motif: 'incident',
    });
    expect(self.statusCode).toBe(400);
    expect(textOf(self.body)).toContain('le vôtre excepté');
    expect((await db.query('SELECT 1 FROM guard_switches')).rows).toEqual([]);

    const set = await officer.form('/securite/coupe-circuit', {
      niveau: 'surface',
      service: 'pool',
      motif: 'incident',
    });
    expect(set.headers.location).toBe('/securite?fait=coupure-activee');
    const home = textOf((await officer.open('/securite')).body);
    expect(home).toContain('Coupe-circuits actifs (1)');
    expect(home).toContain('Vivier de candidats');
    expect(home).toContain('Incident de sécurité en cours');
    const { id } = (await db.query<{ id: string }>('SELECT id FROM guard_switches WHERE lifted_at IS NULL')).rows[0]!;
    expect((await officer.form('/securite/coupe-circuit/levee', { coupure: id })).headers.location).toBe(
      '/securite?fait=levee-demandee',
    );
    const again = await officer.form('/securite/coupe-circuit/levee', { coupure: id });
    expect(again.statusCode).toBe(403);
    expect((await db.query('SELECT 1 FROM guard_switches WHERE lifted_at IS NULL')).rows).toHaveLength(1);
    await second.open('/securite');
    expect((await second.form('/securite/coupe-circuit/levee', { coupure: id })).headers.location).toBe(
      '/securite?fait=coupure-levee',
    );
    expect((await db.query('SELECT 1 FROM guard_switches WHERE lifted_at IS NULL')).rows).toEqual([]);

    // An account, from its page: suspended at once, and back to its page.
    await officer.open(`/securite/comptes/${reader}`);
    const account = await officer.form('/securite/coupe-circuit', {
      niveau: 'account',
      compte: reader,
      motif: 'compromise_suspected',
      retour: reader,
    });
    expect(account.headers.location).toBe(`/securite/comptes/${reader}?fait=coupure-activee`);
    const state = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [reader]);
    expect(state.rows[0]!.status).toBe('suspended');
  });

  it('asks for a fresh second-factor check before any decision, and does nothing until then', async () => {
    const stale = await signedInBrowser(app, db, {
      accountId: secondId,
      role: 'security_officer',
      clock,
      mfaAgoMs: 10 * 60 * 1000,
      firstPage: '/securite',
    });
    const posted = await stale.form('/securite/coupe-circuit', {
      niveau: 'surface',
      service: 'of_portal',
      motif: 'incident',
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(/^\/compte\/verification/);
    expect((await db.query("SELECT 1 FROM guard_switches WHERE target = 'of_portal'")).rows).toEqual([]);
    // Without the page's CSRF token, nothing either, fresh check or not.
    const forged = await signedInBrowser(app, db, { accountId: secondId, role: 'security_officer', clock });
    forged.csrf = 'faux';
    const refused = await forged.form('/securite/coupe-circuit', {
      niveau: 'surface',
      service: 'of_portal',
      motif: 'incident',
    });
    expect(refused.statusCode).toBe(403);
    expect((await db.query("SELECT 1 FROM guard_switches WHERE target = 'of_portal'")).rows).toEqual([]);
  });
});
