import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAccessLog } from '../src/audit/index.js';
import { withoutTriggers } from '../src/audit/testing.js';
import { commandHelp } from '../src/cli/help.js';
import { loadConfig } from '../src/config/config.js';
import { main } from '../src/main.js';
import { openPlatform } from '../src/platform.js';
import type { DemoAccountsFile } from '../src/seed/index.js';
import { seedPeople } from '../src/seed/seed.purposes.js';
import { platformActor } from '../src/vault/index.js';
import { person } from './support/fixtures.js';
import { prepareDataDir } from './support/pglite-template.js';
import { freePort } from './support/postgres-server.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/rempart.mjs');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-cli-'));
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

/** The real command, through `bin/rempart.mjs` and tsx, as `npx rempart` runs it. */
async function throughBin(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...baseEnv, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

/** The CLI in this process: what a subprocess would add is only node's start-up. */
async function inProcess(args: string[], env: Record<string, string> = {}) {
  const out = capture();
  const err = capture();
  const code = await main(args, { env: { ...baseEnv, ...env }, stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

beforeAll(() => prepareDataDir(inject('pgliteTemplate'), dataDir));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the help of the rempart command', () => {
  it('prints the French help with no argument, and starts nothing', async () => {
    const nowhere = path.join(dataDir, 'jamais-créé');
    const result = await inProcess([], { DATA_DIR: nowhere });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^rempart\u00a0: plateforme publique de l’emploi/);
    expect(result.out).toContain('Utilisation\u00a0: rempart <commande> [options]');
    for (const name of Object.keys(commandHelp)) expect(result.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(existsSync(nowhere)).toBe(false);
  });

  it.each(Object.keys(commandHelp))('explains « %s » with --help, before reading any setting', async (name) => {
    // A bad setting would stop any command that runs: help must not need one.
    const result = await inProcess([name, '--help'], { PORT: 'quatre-vingts' });
    expect(result.code).toBe(0);
    expect(result.out.startsWith(`rempart ${name}\u00a0: ${commandHelp[name]!.summary.slice(0, 10)}`)).toBe(true);
    expect(result.out).toContain(`Utilisation\u00a0:\n  rempart ${name}`);
    expect((await inProcess(['help', name])).out).toBe(result.out);
  });

  it('speaks French only, whatever goes wrong', async () => {
    const outputs = await Promise.all(
      [[], ['--help'], ['démarrer'], ['help', 'démarrer'], ['audit'], ['keys', 'tourner'], ['serve', 'en-plus']].map(
        (args) => inProcess(args),
      ),
    );
    const [, , unknown, unknownTopic, noSub, badSub, extra] = outputs;
    expect(unknown!.code).toBe(2);
    expect(unknown!.err).toMatch(/^Commande inconnue\u00a0: «\u00a0démarrer\u00a0»\./);
    expect(unknownTopic!.code).toBe(2);
    expect(noSub!.code).toBe(2);
    expect(noSub!.err).toContain('«\u00a0rempart audit\u00a0» attend l’une de ces sous-commandes');
    expect(badSub!.code).toBe(2);
    expect(extra!.code).toBe(2);
    expect(extra!.err).toContain('argument inattendu «\u00a0en-plus\u00a0»');
    for (const { out, err } of outputs) expect(`${out}${err}`).not.toMatch(/\b(usage|unknown|unexpected|invalid)\b/i);
  });
});

describe('the rempart command', () => {
  it('prints its help with no argument and exits 0, through the real bin; an unknown command exits 2', async () => {
    const nowhere = path.join(dataDir, 'jamais-créé');
    const [help, unknown] = await Promise.all([
      throughBin([], { DATA_DIR: nowhere }),
      throughBin(['démarrer'], { DATA_DIR: nowhere }),
    ]);
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain('Utilisation\u00a0: rempart <commande>');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Commande inconnue');
    expect(existsSync(nowhere)).toBe(false);
  });

  it('refuses production without a master key, in French, with exit code 2', async () => {
    const result = await inProcess(['serve'], { REMPART_MODE: 'production' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('REMPART_MASTER_KEY');
    expect(result.err).toContain('obligatoire en mode production');
  });

  it('names a bad setting', async () => {
    const result = await inProcess(['migrate'], { PORT: 'quatre-vingts' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/PORT/);
  });

  // One data directory for the whole chain, laid from the run's migrated template: each step is
  // a separate command on the same files, as an operator would run them.
  it('seeds, verifies the log, rotates keys and verifies again', async () => {
    const seeded = await inProcess(['seed', '--people', '60', '--seed', '7']);
    expect(seeded.code, seeded.err).toBe(0);
    expect(statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const verified = await inProcess(['audit', 'verify']);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain('Chaîne intègre');
    expect((await inProcess(['audit', 'checkpoint'])).code).toBe(0);
    const rotated = await inProcess(['keys', 'rotate', '--batch-size', '50', '--settle-seconds', '0']);
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toMatch(/Rotation \(nouvelle\) terminée\u00a0: clé de données version 2/);
    const again = await inProcess(['audit', 'verify']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Chaîne intègre');
    const reads = await inProcess(['audit', 'reads', '--account', 'pas-un-uuid', '--from', 'x', '--to', 'y']);
    expect(reads.code).toBe(2);
    expect(reads.out).toContain('--account');
    const unknownOption = await inProcess(['audit', 'purge', '--jours', '3']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain('option inconnue «\u00a0--jours\u00a0»');
    expect(unknownOption.err).toContain('Utilisation\u00a0: rempart audit purge [--days N]');
  });

  it('says in French that the log is broken, and exits 1, when an entry was edited in the database', async () => {
    // A platform of its own: its keys, two people written (logged), sealed and signed outside the database.
    const brokenDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-cli-rompu-'));
    try {
      await prepareDataDir(inject('pgliteTemplate'), brokenDir);
      const platform = await openPlatform(loadConfig({ ...baseEnv, DATA_DIR: brokenDir }));
      try {
        await platform.vault.write(platformActor('test'), seedPeople, [person(), person()]);
        await platform.sealer.sealNow();
        expect(await platform.checkpoint()).toMatchObject({ status: 'written' });
        // The control: before the edit, the same log verifies.
        const before = await verifyAccessLog(platform.db, {
          checkpointDir: platform.config.auditCheckpointDir,
          ...platform.keys,
          now: new Date(),
        });
        expect(before).toMatchObject({ ok: true, checked: 1 });
        // Then someone with the owner's rights edits the newest entry, past the triggers (left off:
        // the directory is thrown away after the verification).
        const owner = await platform.openOwner();
        try {
          await owner.transaction((tx) =>
            withoutTriggers(tx, () =>
              tx.query("UPDATE access_log SET purpose = 'falsifié' WHERE seq = (SELECT max(seq) FROM access_log)"),
            ),
          );
        } finally {
          await owner.close();
        }
      } finally {
        await platform.close();
      }
      const verified = await throughBin(['audit', 'verify'], { DATA_DIR: brokenDir });
      expect(verified.code, verified.err).toBe(1);
      expect(verified.out).toMatch(
        /^Chaîne ROMPUE\u00a0: L’entrée n° \d+ a été modifiée\u00a0: son empreinte ne correspond plus à celle de son sceau\.$/m,
      );
      expect(verified.out).not.toContain('Chaîne intègre');
    } finally {
      rmSync(brokenDir, { recursive: true, force: true });
    }
  });

  // After the chain, on its data directory: its accounts exist, so serving seeds nothing first.
  it('says in French when its port is taken, instead of a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await inProcess(['serve'], { PORT: String(port) });
      expect(result.code).toBe(2);
      expect(result.err).toContain(`Le port 127.0.0.1:${port} est déjà pris\u00a0: arrêtez l’autre programme`);
      expect(result.err).not.toMatch(/EADDRINUSE|\bat /);
    } finally {
      taken.close();
    }
  });
});

/** A started `rempart serve`, read until it says it is ready. */
interface Started {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  stop(): Promise<void>;
}

async function startServe(command: string, args: string[], env: Record<string, string>): Promise<Started> {
  // Its own process group, so that stopping a terminal wrapper also stops the server under it.
  const child = spawn(command, args, { cwd: root, env: { ...baseEnv, ...env }, detached: true });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('rempart est prêt')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`arrêt ${code} : ${out}${err}`)));
  });
  return {
    child,
    out: () => out,
    err: () => err,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

describe('rempart serve, as npm start runs it', () => {
  const demoDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-demo-'));
  afterAll(() => rmSync(demoDir, { recursive: true, force: true }));
  let port: number;
  let demo: DemoAccountsFile;

  it('makes demo data with progress on a first start, logs JSON when not at a terminal, and says what to do next', async () => {
    port = await freePort();
    // A real first start: no template here, the database is created as on a new machine.
    const server = await startServe(process.execPath, [bin, 'serve'], {
      DATA_DIR: demoDir,
      PORT: String(port),
      DEMO_PEOPLE: '50',
      LOG_LEVEL: 'info',
    });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(await home.text()).toContain('lang="fr"');
      expect(server.err()).toContain('Premier démarrage en mode démo');
      expect(server.err()).toContain('Personnes fictives de démonstration\u00a0: 50/50');
      const file = path.join(demoDir, 'demo-accounts.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      demo = JSON.parse(readFileSync(file, 'utf8')) as DemoAccountsFile;
      // Standard output is a pipe: log lines are JSON, and the rest is the message for a person.
      const lines = server.out().split('\n');
      const json = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
      expect(json.map((entry) => entry.msg)).toContain('migrations appliquées');
      const message = lines.filter((line) => !line.startsWith('{')).join('\n');
      expect(message).toContain(`Comptes de démonstration, un par rôle, avec e-mail et mot de passe\u00a0: ${file}`);
      expect(message).toContain('(totpSecret) est dans ce');
      for (const account of demo.accounts.filter((a) => a.invitationLink)) {
        const line = message.split('\n').find((text) => text.endsWith(` ${account.invitationLink}`));
        expect(line?.trim().startsWith(`${account.roleLabel} `), account.role).toBe(true);
      }
      expect(message).toContain(`http://localhost:${port}/demo/boite-mail`);
      expect(message.trimEnd().split('\n').at(-1)).toBe(`rempart est prêt\u00a0: http://localhost:${port}/`);
    } finally {
      await server.stop();
    }
  });

  it('lists one account per role and two administrators, TOTP secrets for the roles that may use TOTP, invitations for the others', () => {
    // Beyond one per role: the demo advisor's job seekers at other stages of a training.
    const stages = demo.accounts.filter((account) => account.email.startsWith('demandeur-emploi-'));
    expect(stages.map((account) => account.role)).toEqual(stages.map(() => 'job_seeker'));
    const perRole = demo.accounts.filter((account) => !stages.includes(account));
    expect(perRole.map((account) => account.role).sort()).toEqual([
      'admin',
      'admin',
      'advisor',
      'advisor',
      'candidate',
      'job_seeker',
      'of_manager',
      'of_user',
      'recruiter',
      'recruiter_manager',
      'security_officer',
      'security_officer',
    ]);
    // The roles that must use a passkey get a link to enrol one, as a new staff member would.
    const invited = demo.accounts.filter((account) => account.invitationLink).map((account) => account.role);
    expect(invited.sort()).toEqual([
      'admin',
      'admin',
      'advisor',
      'advisor',
      'of_manager',
      'recruiter_manager',
      'security_officer',
      'security_officer',
    ]);
    for (const account of demo.accounts.filter((a) => a.invitationLink))
      expect(account.invitationLink).toMatch(new RegExp(`^http://localhost:${port}/invitation/[A-Za-z0-9_-]{43}$`));
    const withTotp = demo.accounts.filter((account) => account.totpSecret).map((account) => account.role);
    expect(withTotp.sort()).toEqual(['of_user', 'recruiter']);
    for (const account of demo.accounts.filter((a) => a.totpSecret))
      expect(account.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('writes readable lines at a terminal, without a line per request, and keeps its data on the next start', async () => {
    // `script` gives the server a terminal, as `npm start` in a shell has.
    const server = await startServe('script', ['-qefc', `${process.execPath} ${bin} serve`, '/dev/null'], {
      DATA_DIR: demoDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      for (const page of ['/', '/connexion', '/health']) await fetch(`http://127.0.0.1:${port}${page}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Colours aside (pino-pretty colours the level at a terminal), the lines read as they show.
      const out = stripVTControlCharacters(server.out());
      expect(out).toMatch(/\] INFO: à l’écoute sur http:\/\/127\.0\.0\.1:\d+/);
      expect(out).not.toMatch(/^\{/m);
      expect(out).not.toMatch(/request|Server listening/);
      expect(out).not.toContain('Premier démarrage');
      expect(out).toContain(demo.accounts.find((a) => a.invitationLink)!.invitationLink);
    } finally {
      await server.stop();
    }
  });
});
