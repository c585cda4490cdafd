import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/config.js';
import { testMasterKey } from '../../src/http/test-helpers.js';
import { openPlatform } from '../../src/platform.js';
import { seedAccounts, seedPeople } from '../../src/seed/seed.purposes.js';
import { followTrainees } from '../../src/training/training.purposes.js';
import { platformActor, type Actor } from '../../src/vault/index.js';
import { person } from './fixtures.js';

/**
 * A child process for the crash test: opens the platform on DATA_DIR (or DATABASE_URL), makes an
 * organisation with trainees, then reads them through the door as fast as it can, eight at a
 * time, printing `read` after each read has returned (its entry committed), until it is killed.
 */
const config = loadConfig(process.env);
const platform = await openPlatform(config, { masterKey: testMasterKey });
// As `rempart serve` does at start: the genesis checkpoint of a new platform, then the sealer.
await platform.checkpoint();
platform.sealer.start();
const system = platformActor('test');
// 100 people: within an OF user's daily budget of list reads (its floor, 150: migration 0018).
const people = Array.from({ length: 100 }, () => person());
await platform.vault.write(system, seedPeople, people);
const organisation = randomUUID();
const session = randomUUID();
await platform.db.query("INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF crash', $2)", [
  organisation,
  String(Date.now()).padStart(14, '0').slice(-14),
]);
await platform.db.query(
  `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
   VALUES ($1, $2, 'Session', '75', 'Paris', '2026-01-05', '2026-06-30', 500)`,
  [session, organisation],
);
await platform.db.query(
  'INSERT INTO referrals (id, session_id, person_id) SELECT gen_random_uuid(), $1, unnest($2::uuid[])',
  [session, people.map((p) => p.id)],
);
const accountId = randomUUID();
await platform.vault.write(system, seedAccounts, [
  {
    id: accountId,
    role: 'of_user',
    organisationId: organisation,
    personId: null,
    email: `${accountId}@demo.rempart.test`,
    displayName: 'Crash',
    passwordHash: null,
    status: 'active',
    createdBy: null,
    approvedBy: null,
    approvedAt: null,
  },
]);
const actor: Actor = {
  kind: 'account',
  accountId,
  role: 'of_user',
  organisationId: organisation,
  personId: null,
  sessionId: 'crash',
  clientAddr: '192.0.2.9',
};
// A burst is a machine's pace, not a person's: the guard's pace (migration 0021) would stop it
// at its second second. The test is about the log, so the pace is lifted for the OF roles.
const owner = await platform.openOwner();
await owner.query("UPDATE guard_budgets SET per_second = NULL WHERE role = 'of_user'");
await owner.close();
process.stdout.write(`ready ${accountId}\n`);
let n = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (;;) {
      const i = n++;
      const rows = await platform.vault.read(actor, followTrainees, [people[i % people.length]!.id]);
      if (rows.length === 1) process.stdout.write('read\n');
    }
  }),
);
