import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { person, system } from '../../test/support/fixtures.js';
import { signedInBrowser } from '../../test/support/form-browser.js';
import { identityApp } from '../../test/support/identity.js';
import { twoTrainingOrganisations } from '../../test/support/training.js';
import type { Db } from '../db/client.js';
import { newTotpSecret, totpStep } from '../identity/totp/index.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { seedPeople } from '../seed/seed.purposes.js';
import type { Actor } from '../vault/index.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');

/*
 * The guard as a person meets it in the pages: past the budget, « Voir les coordonnées » sends
 * them to the verification page; once their TOTP code is checked there, the kept form is posted
 * again and the contact shows. An API client gets the code instead of a page.
 */
describe.each(engines)('the guard in the pages (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const referrals: string[] = [];
  let code: () => string;

  beforeAll(async () => {
    db = await openTestDb(engine, { guard: 'as-shipped' });
    const built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    world = await twoTrainingOrganisations(db, built.vault);
    const trainees = Array.from({ length: 11 }, () => person());
    await built.vault.write(system, seedPeople, trainees);
    for (const trainee of trainees) {
      const id = randomUUID();
      await db.query('INSERT INTO referrals (id, session_id, person_id) VALUES ($1, $2, $3)', [
        id,
        world.sessionA,
        trainee.id,
      ]);
      referrals.push(id);
    }
    const secret = newTotpSecret(systemRandom);
    await built.vault.storeTotpSecret(idOf(world.actors.ofUserA), secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [
      idOf(world.actors.ofUserA),
    ]);
    code = () => HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('sends a person past the budget to the verification page, then shows what they asked for', async () => {
    const user = await signedInBrowser(app, db, {
      accountId: idOf(world.actors.ofUserA),
      role: 'of_user',
      clock,
      mfaAgoMs: 60 * 60_000,
    });
    const contact = async (referral: string) => {
      clock.advance(5_000); // a person's pace: one file, then the next (the pace is its own test)
      await user.open(`/organisme/orientations/${referral}`);
      return user.form(`/organisme/orientations/${referral}/coordonnees`, {});
    };
    for (const referral of referrals.slice(0, 10)) expect((await contact(referral)).statusCode).toBe(200);

    const held = await contact(referrals[10]!);
    expect(held.statusCode).toBe(303);
    const target = `/organisme/orientations/${referrals[10]}/coordonnees`;
    expect(held.headers.location).toBe(`/compte/verification?retour=${encodeURIComponent(target)}`);
    // Meanwhile the pages that read people wait too: a GET is sent to the same page.
    const list = await user.open(`/organisme/sessions/${world.sessionA}`);
    expect(list.statusCode).toBe(303);
    expect(list.headers.location).toMatch(/^\/compte\/verification\?retour=/);

    clock.advance(30_000);
    const page = await user.open(held.headers.location as string);
    expect(page.statusCode).toBe(200);
    const checked = await user.form('/compte/verification', { method: 'totp', code: code(), retour: target });
    expect(checked.statusCode).toBe(303);
    expect(checked.headers.location).toBe('/compte/reprise');
    const resumed = await user.open('/compte/reprise');
    expect(resumed.statusCode).toBe(200);
    // The resume page posts the kept form again, as the browser would.
    const again = await user.form(target, {});
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Coordonnées');
    const signals = await db.query<{ kind: string }>(
      'SELECT kind FROM guard_signals WHERE account_id = $1 ORDER BY id',
      [idOf(world.actors.ofUserA)],
    );
    expect(signals.rows.map((row) => row.kind)).toContain('budget');
  });
});
