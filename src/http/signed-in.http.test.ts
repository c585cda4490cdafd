import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import { FormBrowser, signedInBrowser } from '../../test/support/form-browser.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import type { Vault } from '../vault/index.js';

/** The header, as the page shows it: from the banner's start to the end of its menu. */
const headerOf = (body: string) => body.slice(body.indexOf('<header'), body.indexOf('</header>'));

/**
 * Every page says who is signed in and what they may reach, whatever served it: a domain's
 * page, a public page, the demo mailbox, or an error page (issue 8, « Tried as a new user »).
 */
describe('the signed-in state on every page', () => {
  let db: Db;
  let app: FastifyInstance;
  const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
  let candidate: FormBrowser;
  let manager: FormBrowser;
  let vault: Vault;
  let platformTeam: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '55555555555555')",
      [organisation],
    );
    vault = built.vault;
    platformTeam = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'platform', 'Équipe')", [platformTeam]);
    const citizen = await addAccount(built.vault, { role: 'candidate' });
    const rgc = await addAccount(built.vault, { role: 'of_manager', organisationId: organisation });
    candidate = await signedInBrowser(app, db, { accountId: citizen.id, role: 'candidate', clock });
    manager = await signedInBrowser(app, db, { accountId: rgc.id, role: 'of_manager', clock });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it.each(['/', '/accessibilite', '/donnees-personnelles', '/demo/boite-mail', '/nulle-part', '/gestion/comptes'])(
    'shows the account and its menu on %s',
    async (path) => {
      // The demo mailbox answers the server's own machine only: open it from there.
      const from = path === '/demo/boite-mail' ? new FormBrowser(app, '127.0.0.1') : candidate;
      from.cookies = candidate.cookies;
      const response = await from.open(path);
      if (path === '/demo/boite-mail') expect(response.body).toContain('<h1>Boîte mail de démonstration</h1>');
      const header = headerOf(response.body);
      expect(header).toContain('Compte candidat');
      expect(header).toContain('Se déconnecter');
      expect(header).toContain('href="/compte/sessions"');
      expect(header).not.toContain('href="/connexion"');
      // What a candidate cannot reach is not offered.
      expect(header).not.toContain('Gestion des comptes');
      // Control: a visitor gets the way in, not an account (or the login page itself).
      const visitor = await new FormBrowser(app).open(path);
      if (visitor.statusCode === 303) return expect(visitor.headers.location).toBe('/connexion');
      expect(headerOf(visitor.body)).toContain('href="/connexion"');
      expect(headerOf(visitor.body)).not.toContain('Se déconnecter');
    },
  );

  it('offers each role what its routes allow it, and marks the page it is on', async () => {
    const header = headerOf((await manager.open('/gestion/comptes')).body);
    expect(header).toContain('Compte RGC');
    expect(header).toMatch(/href="\/gestion\/comptes" aria-current="page"/);
  });

  it('says an error in words, not with the catalogue’s code', async () => {
    const forbidden = await candidate.open('/gestion/comptes');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain('Vous n’avez pas le droit d’effectuer cette action.');
    expect(forbidden.body).not.toContain('FORBIDDEN');
  });

  it('sends each account from /espace to its role’s home, « Mon compte » where none is declared', async () => {
    const toHome = await candidate.open('/espace');
    expect(toHome.statusCode).toBe(303);
    expect(toHome.headers.location).toBe('/candidat');
    // A platform administrator has no portal: their space is the account.
    const { id } = await addAccount(vault, { role: 'admin', organisationId: platformTeam });
    const admin = await signedInBrowser(app, db, { accountId: id, role: 'admin', clock });
    expect((await admin.open('/espace')).headers.location).toBe('/compte');
    // Nobody signed in: the login page, as for any account page.
    expect((await new FormBrowser(app).open('/espace')).headers.location).toMatch(/^\/connexion/);
  });

  it('sends a signed-in person from the login and registration pages to their space', async () => {
    for (const path of ['/connexion', '/inscription']) {
      const response = await candidate.open(path);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/espace');
    }
    // Not when the device could not prove the session: the two pages would send each other round.
    const expired = await candidate.open('/connexion?session=expiree');
    expect(expired.statusCode).toBe(200);
    expect(expired.body).toContain('Votre session a expiré');
    expect((await new FormBrowser(app).open('/connexion')).statusCode).toBe(200);
  });
});
