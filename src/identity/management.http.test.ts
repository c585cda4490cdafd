import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { FormBrowser, signedInBrowser } from '../../test/support/form-browser.js';
import { addAccount, identityApp, TEST_PUBLIC_URL } from '../../test/support/identity.js';
import { softAuthenticator } from '../../test/support/soft-authenticator.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import type { Role, Vault } from '../vault/index.js';

/**
 * The approval queue over HTTP: who sees what, the two-person rule through the pages, step-up,
 * CSRF, suspension, and nothing of another organisation.
 */
describe.each(engines)('staff account management pages, on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  const clock = fixedClock(new Date('2026-11-22T14:00:00Z'));
  const ofA = randomUUID();
  const ofB = randomUUID();
  const platform = randomUUID();
  const employer = randomUUID();

  const browserOf = (accountId: string, role: Role, mfaAgoMs = 0) =>
    signedInBrowser(app, db, { accountId, role, clock, mfaAgoMs, firstPage: '/gestion/comptes' });
  const logEntries = async (actorId: string) =>
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM access_log WHERE actor_id = $1 AND purpose = 'account.manage'",
        [actorId],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ app, vault } = await identityApp(db, { clock }));
    await db.query(
      `INSERT INTO organisations (id, kind, name, siret, versant) VALUES
         ($1, 'training', 'Organisme de Rennes', '33333333333333', NULL),
         ($2, 'training', 'Organisme de Nîmes', '44444444444444', NULL),
         ($3, 'platform', 'Plateforme rempart', NULL, NULL),
         ($4, 'employer', 'Préfecture du Cher', NULL, 'etat')`,
      [ofA, ofB, platform, employer],
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  async function requestAccount(browser: FormBrowser, fields: Record<string, string>) {
    await browser.open('/gestion/comptes/nouveau');
    return browser.form('/gestion/comptes/nouveau', { reason: 'arrival', ...fields });
  }

  it('lets an RGC ask, and only a second RGC approve; the invitation is mailed', async () => {
    const first = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const second = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const asker = await browserOf(first.id, 'of_manager');
    expect((await asker.open('/gestion/comptes')).body).toContain('Aucune demande en attente.');

    const asked = await requestAccount(asker, {
      displayName: 'Élodie Marchand',
      email: 'elodie.marchand@organisme-rennes.fr',
      role: 'of_user',
      organisationId: ofA,
    });
    expect(asked.headers.location).toBe('/gestion/comptes?fait=demande');
    const queue = await asker.open('/gestion/comptes?fait=demande');
    expect(queue.body).toContain('Élodie Marchand');
    expect(queue.body).toContain('En attente d’une seconde personne');
    // The approver decides with the reason in view.
    expect(queue.body).toContain('Arrivée dans le service');
    expect(queue.body).not.toContain('/gestion/comptes/approuver');
    const { rows } = await db.query<{ account_id: string }>(
      'SELECT account_id FROM account_requests WHERE requested_by = $1',
      [first.id],
    );
    const requested = rows[0]!.account_id;

    // A forged approval by the asker: refused, and the request still waits.
    const forged = await asker.form('/gestion/comptes/approuver', { account: requested });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('une seconde personne habilitée doit l’approuver');

    const approver = await browserOf(second.id, 'of_manager');
    expect(approver.csrf).not.toBe('');
    const approved = await approver.form('/gestion/comptes/approuver', { account: requested });
    expect(approved.headers.location).toBe('/gestion/comptes?fait=approuve');
    const mail = await db.query("SELECT 1 FROM mail_outbox WHERE account_id = $1 AND template = 'invitation'", [
      requested,
    ]);
    expect(mail.rows).toHaveLength(1);
    expect(approved.headers.location).not.toMatch(/elodie|marchand/i);
  });

  it('asks for a step-up before creating or approving, and refuses a form without its CSRF token', async () => {
    const rgc = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const stale = await browserOf(rgc.id, 'of_manager', 6 * 60_000);
    const page = await stale.open('/gestion/comptes/nouveau');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/compte/verification?retour=%2Fgestion%2Fcomptes%2Fnouveau');
    const approval = await stale.form('/gestion/comptes/approuver', { account: randomUUID() });
    expect(approval.statusCode).toBe(303);
    expect(approval.headers.location).toBe('/compte/verification?retour=%2Fgestion%2Fcomptes');
    // Suspending stays one click away: no step-up.
    const target = await addAccount(vault, { role: 'of_user', organisationId: ofA });
    expect(
      (await stale.form('/gestion/comptes/suspendre', { account: target.id, motif: 'misuse' })).headers.location,
    ).toBe('/gestion/comptes?fait=suspendu');

    const fresh = await browserOf(rgc.id, 'of_manager');
    fresh.csrf = 'faux-jeton';
    const forged = await fresh.form('/gestion/comptes/reactiver', { account: target.id });
    expect(forged.statusCode).toBe(403);
    const { rows } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [target.id]);
    expect(rows[0]!.status).toBe('suspended');
  });

  it('suspends an account, which ends its sessions, and reactivates it', async () => {
    const rgc = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const user = await addAccount(vault, { role: 'of_user', organisationId: ofA });
    const victim = await signedInBrowser(app, db, { accountId: user.id, role: 'of_user', clock });
    expect((await victim.open('/compte')).statusCode).toBe(200);
    const manager = await browserOf(rgc.id, 'of_manager');
    const list = await manager.open(`/gestion/comptes`);
    expect(list.body).toContain('Actif');
    expect(
      (await manager.form('/gestion/comptes/suspendre', { account: user.id, motif: 'compromise_suspected' }))
        .statusCode,
    ).toBe(303);
    const after = await victim.open('/compte');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/connexion?session=expiree');
    expect((await manager.open('/gestion/comptes')).body).toContain('Suspendu');
    expect((await manager.form('/gestion/comptes/reactiver', { account: user.id })).headers.location).toBe(
      '/gestion/comptes?fait=reactive',
    );
  });

  it('keeps an admin’s suspension from the RGC, and lifts it only with a second admin', async () => {
    const [first, second] = [
      await addAccount(vault, { role: 'admin', organisationId: platform }),
      await addAccount(vault, { role: 'admin', organisationId: platform }),
    ];
    const rgc = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const user = await addAccount(vault, { role: 'of_user', organisationId: ofA });
    const admin = await browserOf(first.id, 'admin');
    const list = `/gestion/comptes?organisation=${ofA}`;
    expect((await admin.open(list)).body).toContain('name="motif"');
    // Without a reason: the queue again, the reason's field in error (a 400, as every form's bad input).
    const unexplained = await admin.form('/gestion/comptes/suspendre', { account: user.id });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.body).toContain('fr-select-group--error');
    expect(unexplained.body).toContain('Choisissez le motif de la suspension.');
    const suspended = await admin.form('/gestion/comptes/suspendre', { account: user.id, motif: 'investigation' });
    expect(suspended.headers.location).toBe('/gestion/comptes?fait=suspendu');
    const status = async () =>
      (await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [user.id])).rows[0]!.status;

    // The RGC sees why and by whom (the level), gets no button, and a forged form is refused.
    const manager = await browserOf(rgc.id, 'of_manager');
    const seen = await manager.open('/gestion/comptes');
    expect(seen.body).toContain('Suspendu par la plateforme');
    expect(seen.body).toContain('Vérification en cours par la sécurité');
    expect(seen.body).toContain('Réactivation par la plateforme seulement');
    const forged = await manager.form('/gestion/comptes/reactiver', { account: user.id });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('suspendu au niveau de la plateforme');
    expect(await status()).toBe('suspended');

    // One admin asks, the same admin cannot confirm, a second one does.
    await admin.open(list);
    const asked = await admin.form('/gestion/comptes/reactiver', { account: user.id });
    expect(asked.headers.location).toBe('/gestion/comptes?fait=reactivation-demandee');
    expect((await admin.open(list)).body).toContain('Réactivation demandée, en attente d’une seconde personne');
    expect((await admin.form('/gestion/comptes/reactiver', { account: user.id })).statusCode).toBe(403);
    expect(await status()).toBe('suspended');
    const confirmer = await browserOf(second.id, 'admin');
    expect((await confirmer.open(list)).body).toContain('Confirmer la réactivation');
    const lifted = await confirmer.form('/gestion/comptes/reactiver', { account: user.id });
    expect(lifted.headers.location).toBe('/gestion/comptes?fait=reactive');
    expect(await status()).toBe('active');
  });

  it('gives an RGC nothing of another organisation, and other roles nothing at all', async () => {
    const rgcA = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const rgcB = await addAccount(vault, { role: 'of_manager', organisationId: ofB });
    const userB = await addAccount(vault, {
      role: 'of_user',
      email: `b.${randomUUID().slice(0, 6)}@nimes.fr`,
      organisationId: ofB,
    });
    const bBrowser = await browserOf(rgcB.id, 'of_manager');
    await requestAccount(bBrowser, {
      displayName: 'Hugo Nîmois',
      email: 'hugo@organisme-nimes.fr',
      role: 'of_user',
      organisationId: ofB,
    });
    const { rows } = await db.query<{ account_id: string }>(
      'SELECT account_id FROM account_requests WHERE requested_by = $1',
      [rgcB.id],
    );

    const aBrowser = await browserOf(rgcA.id, 'of_manager');
    const before = await logEntries(rgcA.id);
    const queue = await aBrowser.open(`/gestion/comptes?organisation=${ofB}`);
    expect(queue.body).not.toContain('Hugo');
    expect(queue.body).not.toContain(userB.email);
    expect(await logEntries(rgcA.id)).toBeGreaterThan(before);
    for (const action of ['approuver', 'refuser', 'suspendre', 'reactiver']) {
      const target = action === 'suspendre' || action === 'reactiver' ? userB.id : rows[0]!.account_id;
      // Only the suspension's form has a reason: the others' strict schemas refuse any extra field.
      const fields: Record<string, string> =
        action === 'suspendre' ? { account: target, motif: 'misuse' } : { account: target };
      expect((await aBrowser.form(`/gestion/comptes/${action}`, fields)).statusCode).toBe(404);
    }
    // Asking for an account in B, or for a role an RGC cannot give: refused.
    const outside = await requestAccount(aBrowser, {
      displayName: 'Intrus',
      email: 'intrus@exemple.fr',
      role: 'of_user',
      organisationId: ofB,
    });
    expect(outside.statusCode).toBe(403);
    const tooHigh = await requestAccount(aBrowser, {
      displayName: 'Intrus',
      email: 'intrus@exemple.fr',
      role: 'admin',
      organisationId: ofA,
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.body).toContain('value="Intrus"');
    // No reason: the field says so, and what was typed stays.
    const noReason = await requestAccount(aBrowser, {
      displayName: 'Sans motif',
      email: 'sans.motif@exemple.fr',
      role: 'of_user',
      organisationId: ofA,
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Choisissez le motif de la demande.');
    expect(noReason.body).toContain('value="Sans motif"');

    for (const [role, organisationId] of [
      ['recruiter', employer],
      ['of_user', ofA],
      ['security_officer', platform],
    ] as const) {
      const { id } = await addAccount(vault, { role, organisationId });
      const browser = await signedInBrowser(app, db, { accountId: id, role, clock });
      expect((await browser.open('/gestion/comptes')).statusCode).toBe(403);
      expect((await browser.form('/gestion/comptes/suspendre', { account: userB.id })).statusCode).toBe(403);
    }
    const { rows: status } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [
      userB.id,
    ]);
    expect(status[0]!.status).toBe('active');
  });

  it('names who asked, under one heading, and lets the asker withdraw the request', async () => {
    const asker = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const colleague = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const mine = await browserOf(asker.id, 'of_manager');
    await requestAccount(mine, {
      displayName: 'Gaëlle Riou',
      email: `gaelle.${randomUUID().slice(0, 6)}@organisme-rennes.fr`,
      role: 'of_user',
      organisationId: ofA,
    });
    const { rows } = await db.query<{ account_id: string }>(
      'SELECT account_id FROM account_requests WHERE requested_by = $1',
      [asker.id],
    );
    const requested = rows[0]!.account_id;
    const seen = (await (await browserOf(colleague.id, 'of_manager')).open('/gestion/comptes')).body;
    expect(seen.match(/Demandes en attente d’approbation/g)).toHaveLength(1);
    expect(seen).toContain('Demandé par');
    expect(seen).toContain('Responsable des comptes de l’organisme de formation (Organisme de Rennes)');

    // Someone else cannot withdraw it; the asker can, and it leaves the queue for good.
    expect(
      (await (await browserOf(colleague.id, 'of_manager')).form('/gestion/comptes/retirer', { account: requested }))
        .statusCode,
    ).toBe(404);
    const queue = await mine.open('/gestion/comptes');
    expect(queue.body).toContain('/gestion/comptes/retirer');
    const withdrawn = await mine.form('/gestion/comptes/retirer', { account: requested });
    expect(withdrawn.headers.location).toBe('/gestion/comptes?fait=retire');
    expect((await mine.open('/gestion/comptes')).body).not.toContain('Gaëlle Riou</');
    const decided = await db.query<{ decision: string }>(
      'SELECT decision FROM account_requests WHERE account_id = $1',
      [requested],
    );
    expect(decided.rows[0]!.decision).toBe('rejected');
    expect((await mine.form('/gestion/comptes/retirer', { account: requested })).statusCode).toBe(404);
  });

  it('resumes a form sent without a fresh step-up once the step-up is done, with what was typed', async () => {
    const rgc = await addAccount(vault, { role: 'of_manager', organisationId: ofA });
    const browser = await browserOf(rgc.id, 'of_manager');
    // An RGC checks with a passkey (its role's policy): one is enrolled while the check is fresh.
    const authenticator = softAuthenticator(TEST_PUBLIC_URL);
    const enrol = (await browser.json('/compte/cles/options', {})).json().options;
    expect((await browser.json('/compte/cles', { response: authenticator.register(enrol) })).statusCode).toBe(200);
    expect((await browser.open('/gestion/comptes/nouveau')).statusCode).toBe(200);
    // Then the form takes longer than the check lasts.
    await db.query("UPDATE sessions SET mfa_at = mfa_at - interval '6 minutes' WHERE account_id = $1", [rgc.id]);
    const email = `jules.${randomUUID().slice(0, 6)}@organisme-rennes.fr`;
    const fields = {
      displayName: 'Jules Le Bihan',
      email,
      role: 'of_user',
      organisationId: ofA,
      reason: 'replacement',
    };
    const sent = await browser.form('/gestion/comptes/nouveau', fields);
    expect(sent.headers.location).toBe('/compte/verification?retour=%2Fgestion%2Fcomptes');
    const check = await browser.open(sent.headers.location as string);
    expect(check.body).toContain('votre action reprendra\u00a0: envoyer la demande de compte');
    const options = (await browser.json('/compte/verification/cle/options', {})).json().options;
    const passed = await browser.json('/compte/verification/cle', {
      response: authenticator.authenticate(options, new URL(TEST_PUBLIC_URL).hostname),
      retour: '/gestion/comptes',
    });
    expect(passed.json()).toEqual({ redirect: '/compte/reprise' });
    const resume = await browser.open('/compte/reprise');
    expect(resume.body).toContain('action="/gestion/comptes/nouveau" data-reprendre');
    expect(resume.body).toContain('<script type="module" src="/static/reprise.js"></script>');
    const kept = Object.fromEntries(
      [...resume.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
        .filter(([, name]) => name !== '_csrf')
        .map(([, name, value]) => [name!, value!]),
    );
    expect(kept).toEqual(fields);
    const done = await browser.form('/gestion/comptes/nouveau', kept);
    expect(done.headers.location).toBe('/gestion/comptes?fait=demande');
    expect(await vault.findAccountIdByEmail(email)).not.toBeNull();
    // The waiting form is handed out once; a step-up with none waiting goes back where it was asked.
    expect((await browser.open('/compte/reprise')).headers.location).toBe('/compte');
    await db.query("UPDATE sessions SET mfa_at = mfa_at - interval '6 minutes' WHERE account_id = $1", [rgc.id]);
    const again = (await browser.json('/compte/verification/cle/options', {})).json().options;
    const back = await browser.json('/compte/verification/cle', {
      response: authenticator.authenticate(again, new URL(TEST_PUBLIC_URL).hostname),
      retour: '/gestion/comptes',
    });
    expect(back.json()).toEqual({ redirect: '/gestion/comptes' });
  });

  it('lets an admin pick an organisation, and keeps bad input in the form', async () => {
    const admin = await addAccount(vault, { role: 'admin', organisationId: platform });
    const browser = await browserOf(admin.id, 'admin');
    const page = await browser.open(`/gestion/comptes?organisation=${ofA}`);
    expect(page.body).toContain('Organisme de Rennes');
    expect(page.body).toContain('Comptes de l’organisation');
    const wrongKind = await requestAccount(browser, {
      displayName: 'Claire Dupont',
      email: 'claire.dupont@prefecture.gouv.fr',
      role: 'advisor',
      organisationId: employer,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.body).toContain('Ce rôle ne correspond pas à cette organisation');
    expect(wrongKind.body).toContain('value="claire.dupont@prefecture.gouv.fr"');
    // Each field in error is marked under itself, as the DSFR does, and what was typed stays.
    const missing = await browser.form('/gestion/comptes/nouveau', { displayName: '', email: 'pas-une-adresse' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('value="pas-une-adresse"');
    for (const [field, message] of [
      ['displayName', 'Indiquez le prénom et le nom de la personne.'],
      ['email', 'Indiquez une adresse électronique valide, par exemple nom@domaine.fr.'],
      ['role', 'Choisissez un rôle.'],
      ['organisationId', 'Choisissez une organisation.'],
      ['reason', 'Choisissez le motif de la demande.'],
    ]) {
      expect(missing.body).toContain(`<p class="fr-error-text" id="champ-${field}-erreur">${message}</p>`);
      expect(missing.body).toMatch(new RegExp(`aria-describedby="[^"]*champ-${field}-erreur"`));
    }
    const ok = await browser.form('/gestion/comptes/nouveau', {
      displayName: 'Claire Dupont',
      email: 'claire.dupont@prefecture.gouv.fr',
      role: 'recruiter_manager',
      organisationId: employer,
      reason: 'new_duties',
    });
    expect(ok.headers.location).toBe('/gestion/comptes?fait=demande');
  });
});
