import { seedAccounts } from '../seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, system } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { systemRandom } from '../kernel/random.js';

/*
 * Issue 8: the confirmation e-mail said « expire rapidement » while the page said 24 hours. The
 * page, the message and the token take the lifetime from TOKEN_TTL_MS alone: with the constant
 * changed here, all three change together.
 */
/*
 * Test files share their worker's modules (vitest `isolate: false`): the modules that read the
 * constant are imported afresh, after the mock, rather than taken from the worker's cache; and
 * after this file, the mock is removed and the modules dropped again, so that the next file in
 * the worker imports the real constant and nothing built on the mocked one.
 */
vi.resetModules();
vi.doMock('./tokens.js', async (original) => ({
  ...(await original<typeof import('./tokens.js')>()),
  TOKEN_TTL_MS: { verify_email: 48 * 3600_000, reset_password: 2 * 3600_000, invitation: 5 * 24 * 3600_000 },
}));
const { emptyForm, toHtmlString } = await import('../ui/index.js');
const { renderMail } = await import('../mail/render.js');
const { createLinkMinter, linkLifetimeInWords } = await import('./links.js');
const { resetRequestPage } = await import('./pages/password-reset.page.js');
const { registrationSentPage } = await import('./pages/registration.page.js');
afterAll(() => {
  vi.doUnmock('./tokens.js');
  vi.resetModules();
});

const link = 'https://rempart.test/lien/abc';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe.each(engines)('a link’s lifetime, stated and enforced from one constant, on %s', (engine) => {
  let db: Db;
  let kit: Awaited<ReturnType<typeof makeVault>>;
  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
  });
  afterAll(() => db.close());

  it('says it in words', () => {
    expect(['verify_email', 'reset_password', 'invitation'].map((p) => linkLifetimeInWords(p as never))).toEqual([
      '48 heures',
      '2 heures',
      '5 jours',
    ]);
  });

  it('the registration page and the confirmation message say the same lifetime', () => {
    expect(text(toHtmlString(registrationSentPage().main))).toContain('valable 48 heures.');
    expect(renderMail('verify_email', {}, link).text).toContain('expire dans 48 heures.');
  });

  it('the reset page and the reset message say the same lifetime', () => {
    expect(text(toHtmlString(resetRequestPage({ form: emptyForm('x'), sent: true }).main))).toContain(
      'valable 2 heures',
    );
    expect(renderMail('reset_password', {}, link).text).toContain('expire dans 2 heures.');
    expect(renderMail('invitation', { role: 'advisor' }, link).text).toContain('expire dans 5 jours.');
  });

  it('and the minted token lives exactly that long', async () => {
    const accountId = randomUUID();
    await kit.vault.write(system, seedAccounts, [
      {
        id: accountId,
        role: 'candidate',
        organisationId: null,
        personId: null,
        email: `${accountId}@exemple.fr`,
        displayName: 'Candidate',
        passwordHash: null,
        status: 'pending',
        createdBy: null,
        approvedBy: null,
        approvedAt: null,
      },
    ]);
    const mint = createLinkMinter({ publicUrl: 'https://rempart.test', clock: kit.clock, random: systemRandom });
    await mint(db, { accountId, purpose: 'verify_email' });
    const { rows } = await db.query<{ expires_at: Date }>(
      'SELECT expires_at FROM account_tokens WHERE account_id = $1',
      [accountId],
    );
    expect(rows[0]!.expires_at.getTime() - kit.clock.now().getTime()).toBe(48 * 3600_000);
  });
});
