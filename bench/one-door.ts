import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/client.js';
import { person, system } from '../test/support/fixtures.js';
import type { Actor, Vault } from '../src/vault/index.js';
import { fmt, median, throughput } from './stats.js';

export interface OneDoorResult {
  plainPerSecond: number;
  vaultPerSecond: number;
  /** The same read with steps switched off, to show where the time goes (not a product mode). */
  steps: { label: string; perSecond: number }[];
  ratio: number;
  concurrency: number;
  reads: number;
}

const FIELDS = ['lastName', 'firstName', 'email', 'phone'] as const;

/**
 * The cost of the one door: reading one person through vault.read (scope + guard + access log
 * + decryption) against a plain SELECT of the same person from an unprotected plaintext copy,
 * on the same database, pool and concurrency, runs interleaved so both see the same machine.
 */
export async function benchOneDoor(options: {
  db: Db;
  vault: Vault;
  /** Vaults with some steps switched off, for the breakdown; built by the caller. */
  variants?: { label: string; vault: Vault }[];
  people?: number;
  reads?: number;
  concurrency?: number;
  rounds?: number;
}): Promise<OneDoorResult> {
  const { db, vault } = options;
  const peopleCount = options.people ?? 2000;
  const reads = options.reads ?? 4000;
  const concurrency = options.concurrency ?? 8;
  const { actor, ids } = await prepare(db, vault, peopleCount);
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const plain = (i: number) =>
    db.query('SELECT id, last_name, first_name, email, phone FROM bench_plain_people WHERE id = $1', [pick(i)]);
  const secure = async (i: number) => {
    const rows = await vault.read(actor, [pick(i)], FIELDS, 'training.follow_up');
    if (rows.length !== 1) throw new Error('lecture attendue');
  };
  await throughput(200, concurrency, plain);
  await throughput(200, concurrency, secure);
  const plainRuns: number[] = [];
  const vaultRuns: number[] = [];
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    plainRuns.push(await throughput(reads, concurrency, plain));
    vaultRuns.push(await throughput(reads, concurrency, secure));
  }
  const plainPerSecond = median(plainRuns);
  const vaultPerSecond = median(vaultRuns);
  const steps = [];
  for (const variant of options.variants ?? []) {
    const read = (i: number) => variant.vault.read(actor, [pick(i)], FIELDS, 'training.follow_up');
    steps.push({ label: variant.label, perSecond: await throughput(reads, concurrency, read) });
  }
  return { plainPerSecond, vaultPerSecond, steps, ratio: vaultPerSecond / plainPerSecond, concurrency, reads };
}

async function prepare(db: Db, vault: Vault, count: number): Promise<{ actor: Actor; ids: string[] }> {
  const people = Array.from({ length: count }, (_, i) => person({ lastName: `Durand-${i}`, firstName: 'Amélie' }));
  for (let i = 0; i < people.length; i += 500) await vault.createPeople(system, people.slice(i, i + 500), 'bench');
  await db.query(`CREATE TABLE bench_plain_people (id uuid PRIMARY KEY, last_name text, first_name text,
    email text, phone text, birth_date text, address text, ft_id text)`);
  await db.query(
    `INSERT INTO bench_plain_people SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
       $6::text[], $7::text[], $8::text[])`,
    [
      people.map((p) => p.id),
      people.map((p) => p.lastName),
      people.map((p) => p.firstName),
      people.map((p) => p.email),
      people.map((p) => p.phone),
      people.map((p) => p.birthDate),
      people.map((p) => JSON.stringify(p.address)),
      people.map((p) => p.franceTravailId),
    ],
  );
  const organisation = randomUUID();
  const session = randomUUID();
  await db.query(
    "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF banc d’essai', '12345678901234')",
    [organisation],
  );
  await db.query(
    `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
     VALUES ($1, $2, 'Session', '75', 'Paris', '2026-01-05', '2026-06-30', 5000)`,
    [session, organisation],
  );
  await db.query('INSERT INTO referrals (id, session_id, person_id) SELECT gen_random_uuid(), $1, unnest($2::uuid[])', [
    session,
    people.map((p) => p.id),
  ]);
  const accountId = randomUUID();
  await vault.createAccounts(
    system,
    [
      {
        id: accountId,
        role: 'of_user',
        organisationId: organisation,
        personId: null,
        email: 'banc@demo.rempart.test',
        displayName: 'Banc',
        passwordHash: null,
        status: 'active',
        createdBy: null,
        approvedBy: null,
      },
    ],
    'bench',
  );
  // The bench reads every person many times: lift the daily ceiling, keep the guard running.
  await db.query('UPDATE accounts SET read_ceiling_per_day = 100000 WHERE id = $1', [accountId]);
  await db.query('ANALYZE');
  const actor: Actor = {
    kind: 'account',
    accountId,
    role: 'of_user',
    organisationId: organisation,
    personId: null,
    sessionId: 'bench',
    clientAddr: '127.0.0.1',
  };
  return { actor, ids: people.map((p) => p.id) };
}

export function printOneDoor(result: OneDoorResult): void {
  console.log(
    `(b) coût de la porte unique — PostgreSQL, ${result.concurrency} lectures simultanées, ${result.reads} lectures par tour`,
  );
  console.log(`    SELECT en clair : ${fmt(result.plainPerSecond)} lectures/s (médiane)`);
  console.log(`    vault.read      : ${fmt(result.vaultPerSecond)} lectures/s (médiane)`);
  console.log(`    ratio           : ${fmt(result.ratio, 3)} (objectif ≥ 0,8)`);
  for (const step of result.steps) {
    console.log(`    détail — ${step.label} : ${fmt(step.perSecond)} lectures/s (un tour)`);
  }
}
