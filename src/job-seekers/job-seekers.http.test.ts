import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { system, twoOrganisations } from '../../test/support/fixtures.js';
import { signedInBrowser, type FormBrowser } from '../../test/support/form-browser.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import { referJobSeeker } from '../advising/advising.purposes.js';
import type { Db } from '../db/client.js';
import type { DomainDeps } from '../domains.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { createNotify } from '../mail/index.js';
import { seedReferralEvents } from '../seed/seed.purposes.js';
import type { Actor, Vault } from '../vault/index.js';
import { declarationsSection, referralsSection } from './privacy.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');

/**
 * The job seeker's space on both engines: each job seeker reaches their own referrals and the
 * declarations about them, never another's, on the page and in « Mes données ».
 */
describe.each(engines)('the job seeker’s space (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  let seekerA: { browser: FormBrowser; actor: Actor };
  let seekerB: { browser: FormBrowser; actor: Actor };
  let names: { a: string; b: string };
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));

  const seeker = async (personId: string) => {
    const { id } = await addAccount(vault, { role: 'job_seeker', personId });
    const browser = await signedInBrowser(app, db, { accountId: id, role: 'job_seeker', clock });
    const actor: Actor = {
      kind: 'account',
      accountId: id,
      role: 'job_seeker',
      organisationId: null,
      personId,
      sessionId: null,
      clientAddr: '127.0.0.1',
    };
    return { browser, actor };
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    vault = built.vault;
    await app.ready();
    world = await twoOrganisations(db, vault);
    const orgs = await db.query<{ id: string; name: string }>('SELECT id, name FROM organisations');
    names = {
      a: orgs.rows.find((o) => o.id === world.orgA)!.name,
      b: orgs.rows.find((o) => o.id === world.orgB)!.name,
    };
    const referralOf = async (personId: string) =>
      (await db.query<{ id: string }>('SELECT id FROM referrals WHERE person_id = $1', [personId])).rows[0]!.id;
    const event = async (personId: string, detail: string) => ({
      id: randomUUID(),
      referralId: await referralOf(personId),
      kind: 'interruption' as const,
      occurredOn: '2026-10-15',
      detail,
      declaredBy: null,
    });
    await vault.write(system, seedReferralEvents, [
      await event(world.traineeA.id, 'Interruption : reprise d’emploi en CDI.'),
      await event(world.traineeB.id, 'Interruption pour raisons de santé.'),
    ]);
    // A second referral of A, by their advisor, with a note.
    const sessionB = (
      await db.query<{ id: string }>('SELECT id FROM training_sessions WHERE organisation_id = $1', [world.orgB])
    ).rows[0]!.id;
    await vault.write(world.actors.advisorA, referJobSeeker, [
      {
        id: randomUUID(),
        sessionId: sessionB,
        personId: world.traineeA.id,
        referredBy: idOf(world.actors.advisorA),
        referredAt: clock.now(),
        note: 'Motivée, à recontacter en janvier.',
      },
    ]);
    seekerA = await seeker(world.traineeA.id);
    seekerB = await seeker(world.traineeB.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('shows the job seeker their own referrals and the progress of their trainings only', async () => {
    const home = await seekerA.browser.open('/demandeur');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(names.a);
    expect(home.body).toContain('Hélène Dupré');
    expect(home.body).toContain('Interruption, le 15 octobre 2026');
    expect(home.body).toContain('reprise d’emploi en CDI');
    expect(home.body).not.toContain('raisons de santé');
    expect(home.body).toContain('href="/mes-acces"');
    expect(home.body).toContain('href="/mes-donnees"');
    const other = await seekerB.browser.open('/demandeur');
    expect(other.body).toContain('raisons de santé');
    expect(other.body).not.toContain('reprise d’emploi');
    expect(other.body).not.toContain('Motivée');
    expect(other.body).toContain('Thảo Nguyễn');
    expect(other.body).not.toContain('Hélène');
  });

  it('takes no id: nobody reaches another person’s space by address', async () => {
    const probe = await seekerA.browser.open(`/demandeur?personne=${world.traineeB.id}`);
    expect(probe.statusCode).toBe(400);
    expect(probe.body).not.toContain('raisons de santé');
  });

  it('is the job seeker’s only', async () => {
    const advisor = await signedInBrowser(app, db, {
      accountId: idOf(world.actors.advisorA),
      role: 'advisor',
      clock,
    });
    expect((await advisor.open('/demandeur')).statusCode).toBe(403);
    expect((await seekerA.browser.open('/conseiller')).statusCode).toBe(403);
  });

  it('gives « Mes données » their own referrals, notes and declarations, read as themselves', async () => {
    const deps = {
      db,
      vault,
      clock,
      random: systemRandom,
      notify: createNotify({ clock, random: systemRandom }),
    } as unknown as DomainDeps;
    const referrals = await referralsSection.collect(deps, seekerA.actor);
    expect(referrals).toHaveLength(2);
    expect(referrals.map((r) => r.note)).toContain('Motivée, à recontacter en janvier.');
    expect(referrals.map((r) => r.organisme).sort()).toEqual([names.a, names.b].sort());
    const declarations = await declarationsSection.collect(deps, seekerA.actor);
    expect(declarations).toEqual([
      {
        session: 'Développeur web',
        declaration: 'Interruption',
        date: '2026-10-15',
        detail: 'Interruption : reprise d’emploi en CDI.',
      },
    ]);
    const ofB = await referralsSection.collect(deps, seekerB.actor);
    expect(ofB.map((r) => r.organisme)).toEqual([names.b]);
    expect(ofB.map((r) => r.note)).toEqual([null]);
    const logged = await db.query<{ actor_id: string }>(
      "SELECT DISTINCT actor_id FROM access_log WHERE purpose IN ('job_seeker.referrals', 'job_seeker.declarations')",
    );
    expect(logged.rows.map((r) => r.actor_id).sort()).toEqual([idOf(seekerA.actor), idOf(seekerB.actor)].sort());
    // Another role gets nothing through the section.
    await expect(referralsSection.collect(deps, world.actors.advisorA)).rejects.toThrow();
  });
});
