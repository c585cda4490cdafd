import { seedAccounts } from '../seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, system } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { issueToken, peekToken } from '../identity/tokens.js';
import { systemRandom } from '../kernel/random.js';

const migration = new URL('../db/migrations/0006_mail_tokens.sql', import.meta.url);

/**
 * Migration 0006 on a database made before links were minted at delivery: the tokens whose
 * links sat in the outbox stop working and the links are erased; other tokens (a seeded demo
 * invitation, whose link is only in demo-accounts.json) keep working.
 */
describe.each(engines)('upgrading an outbox that held links, on %s', (engine) => {
  let db: Db;
  let kit: Awaited<ReturnType<typeof makeVault>>;
  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
  });
  afterAll(() => db.close());

  const account = async () => {
    const id = randomUUID();
    await kit.vault.write(system, seedAccounts, [
      {
        id,
        role: 'candidate',
        organisationId: null,
        personId: null,
        email: `${id}@exemple.fr`,
        displayName: 'Candidate',
        passwordHash: null,
        status: 'active',
        createdBy: null,
        approvedBy: null,
        approvedAt: null,
      },
    ]);
    return id;
  };
  const issue = (accountId: string, purpose: 'reset_password' | 'invitation') =>
    issueToken(db, { accountId, purpose, ttlMs: 3600_000, clock: kit.clock, random: systemRandom });
  const live = async (token: string, purpose: 'reset_password' | 'invitation') =>
    (await peekToken(db, { token, purpose, clock: kit.clock })) !== null;

  it('spends the tokens of stored links, erases the links, and leaves other tokens alone', async () => {
    const stored = await account();
    const token = await issue(stored, 'reset_password');
    // As the code before 0006 queued it (a direct insert: enqueueMail refuses a link now).
    await db.query(
      `INSERT INTO mail_outbox (id, account_id, template, params) VALUES ($1, $2, 'reset_password', $3::jsonb)`,
      [randomUUID(), stored, JSON.stringify({ link: `https://rempart.test/mot-de-passe/nouveau/${token}` })],
    );
    const seeded = await issue(await account(), 'invitation');
    expect(await live(token, 'reset_password')).toBe(true);

    // The migration's two UPDATEs, run again on this database (its CREATE TABLE ran already).
    const sql = await readFile(migration, 'utf8');
    const statements = sql.split(/;\s*$/m).map((part) => part.replace(/--.*$/gm, '').trim());
    const updates = statements.filter((statement) => statement.startsWith('UPDATE'));
    expect(updates).toHaveLength(2);
    for (const statement of updates) await db.query(statement);

    expect(await live(token, 'reset_password')).toBe(false);
    expect(await live(seeded, 'invitation')).toBe(true);
    const { rows } = await db.query<{ params: Record<string, string> }>('SELECT params FROM mail_outbox');
    expect(rows.map((row) => row.params)).toEqual([{}]);
  });
});
