import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { relinkBootstrapAdmin } from '../src/cli/admins-bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import {
  completeInvitationWithPasskey,
  invitationPasskeyOptions,
  openInvitation,
  setInvitationPassword,
} from '../src/identity/accounts/invitation.js';
import {
  approveStaffAccount,
  requestStaffAccount,
  type AccountsDeps,
} from '../src/identity/accounts/staff-requests.js';
import { argon2Hasher } from '../src/identity/login/argon2-hasher.js';
import { relyingParty } from '../src/identity/passkeys/relying-party.js';
import { createNotify } from '../src/mail/index.js';
import { main } from '../src/main.js';
import { openPlatform, type Platform } from '../src/platform.js';
import type { Actor } from '../src/vault/index.js';
import { prepareDataDir } from './support/pglite-template.js';
import { softAuthenticator } from './support/soft-authenticator.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-admins-'));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' };

async function rempart(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let said = '';
  let complained = '';
  out.on('data', (chunk: Buffer) => (said += chunk.toString()));
  err.on('data', (chunk: Buffer) => (complained += chunk.toString()));
  const code = await main(args, { env, stdout: out, stderr: err });
  return { code, out: said, err: complained };
}

const first = 'premiere.admin@exemple.gouv.fr';
const second = 'second.admin@exemple.gouv.fr';
const links = new Map<string, string>();

beforeAll(() => prepareDataDir(inject('pgliteTemplate'), dataDir));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('rempart admins bootstrap', () => {
  it.each([
    [['--email', first], 'il faut exactement deux fois --email'],
    [['--email', first, '--email', first.toUpperCase()], 'deux personnes, pas une'],
    [['--email', first, '--email', 'pas-une-adresse'], '«\u00a0pas-une-adresse\u00a0» n’est pas une adresse'],
    [['--email', first, '--mail', second], 'option inconnue «\u00a0--mail\u00a0»'],
  ])('refuses %j in French, and makes nobody', async (args, message) => {
    const result = await rempart(['admins', 'bootstrap', ...args]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('makes the first two administrators and prints the invitation link of each', async () => {
    const result = await rempart(['admins', 'bootstrap', '--email', first, '--email', second]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    for (const email of [first, second]) {
      const link = new RegExp(
        `^  ${email.replace(/\./g, '\\.')} +(http://localhost:3000/invitation/[A-Za-z0-9_-]{43})$`,
        'm',
      );
      const found = link.exec(result.out);
      expect(found, result.out).not.toBeNull();
      links.set(email, found![1]!);
    }
    expect(result.out).toContain('approuvé par une autre');
  });

  it('is refused once an administrator exists', async () => {
    const again = await rempart(['admins', 'bootstrap', '--email', 'x@exemple.fr', '--email', 'y@exemple.fr']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('Refusé\u00a0: cette installation a déjà un administrateur');
    expect(again.out).toBe('');
  });

  it('gives a new link to an administrator whose invitation is not complete, and the old one stops working', async () => {
    const old = links.get(second)!;
    const result = await rempart(['admins', 'relink', '--email', second]);
    expect(result.code).toBe(0);
    const link = /(http:\/\/localhost:3000\/invitation\/\S+)/.exec(result.out)?.[1];
    expect(link).toBeDefined();
    expect(link).not.toBe(old);
    links.set(second, link!);
    links.set(`${second} (ancien)`, old);
    const stranger = await rempart(['admins', 'relink', '--email', 'personne@exemple.fr']);
    expect(stranger.code).toBe(2);
    expect(stranger.err).toContain('n’est pas un des deux premiers administrateurs');
    expect((await rempart(['admins', 'relink'])).code).toBe(2);
  });

  describe('then, through the invitations', () => {
    let platform: Platform;
    let deps: AccountsDeps;
    const rp = relyingParty('http://localhost:3000');
    const tokenOf = (email: string) => links.get(email)!.split('/').at(-1)!;
    const actorOf = async (email: string): Promise<Extract<Actor, { kind: 'account' }>> => {
      const invitation = (await openInvitation(deps, tokenOf(email)))!;
      const { rows } = await platform.db.query<{ organisation_id: string }>(
        'SELECT organisation_id FROM accounts WHERE id = $1',
        [invitation.accountId],
      );
      return {
        kind: 'account',
        accountId: invitation.accountId,
        role: 'admin',
        organisationId: rows[0]!.organisation_id,
        personId: null,
        sessionId: null,
        clientAddr: '127.0.0.1',
      };
    };

    beforeAll(async () => {
      platform = await openPlatform(loadConfig(env));
      deps = {
        ...platform,
        passwords: argon2Hasher,
        notify: createNotify({ clock: platform.clock, random: platform.random }),
        publicUrl: 'http://localhost:3000',
        addressTagKey: platform.keys.addressKey,
      };
    });
    afterAll(() => platform.close());

    it('lets each administrator choose a password, then enrol a passkey', async () => {
      const token = tokenOf(first);
      const opened = await openInvitation(deps, token);
      expect(opened).toMatchObject({ email: first, step: 'password', totpAllowed: false });
      expect(await openInvitation(deps, tokenOf(second))).toMatchObject({ email: second, step: 'password' });
      const set = await setInvitationPassword(deps, {
        token,
        password: 'Une phrase de passe assez longue 2026 !',
        clientAddr: '127.0.0.1',
      });
      expect(set).toEqual({ ok: true });
      const { flow, options } = await invitationPasskeyOptions(deps, rp, token);
      const response = softAuthenticator(rp.origin).register(options);
      await completeInvitationWithPasskey(deps, rp, {
        token,
        flowHandle: flow,
        response,
        name: 'Clé de test',
        clientAddr: '127.0.0.1',
      });
      const { rows } = await platform.db.query<{ status: string; passkeys: number }>(
        `SELECT status, (SELECT count(*)::int FROM passkeys WHERE account_id = a.id) AS passkeys
         FROM accounts a WHERE id = $1`,
        [opened!.accountId],
      );
      expect(rows[0]).toEqual({ status: 'active', passkeys: 1 });
      // The link is spent.
      expect(await openInvitation(deps, token)).toBeNull();
    });

    it('opens only the newest link of a relinked administrator, and relinks no finished account', async () => {
      expect(await openInvitation(deps, links.get(`${second} (ancien)`)!.split('/').at(-1)!)).toBeNull();
      expect(await openInvitation(deps, tokenOf(second))).toMatchObject({ email: second });
      // The first one enrolled a passkey above: its account is finished, nobody may relink it.
      await expect(relinkBootstrapAdmin({ ...platform, publicUrl: 'http://localhost:3000' }, first)).rejects.toThrow(
        /n’est pas un des deux premiers administrateurs/,
      );
    });

    it('applies the two-person rule to every account after them', async () => {
      const asker = await actorOf(second);
      const other = { ...asker, accountId: (await platform.vault.findAccountIdByEmail(first))! };
      const requested = await requestStaffAccount(deps, asker, {
        email: 'responsable.securite@exemple.gouv.fr',
        role: 'security_officer',
        organisationId: asker.organisationId!,
        displayName: 'Responsable de la sécurité',
      });
      await expect(approveStaffAccount(deps, asker, requested)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await approveStaffAccount(deps, other, requested);
      const { rows } = await platform.db.query<{ created_by: string; approved_by: string }>(
        'SELECT created_by, approved_by FROM accounts WHERE id = $1',
        [requested],
      );
      expect(rows[0]).toEqual({ created_by: asker.accountId, approved_by: other.accountId });
    });
  });
});
