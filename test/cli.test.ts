import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { commandHelp } from '../src/cli/help.js';
import { main } from '../src/main.js';
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
    expect(rotated.out).toMatch(/Rotation \(nouvelle\) terminée : clé de données version 2/);
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

  it('serves /health and the home page with demo data and demo accounts', async () => {
    const demoDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-demo-'));
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: root,
      env: { ...baseEnv, DATA_DIR: demoDir, PORT: String(port), DEMO_PEOPLE: '50' },
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`pas prêt : ${out}`)), 150_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('rempart est prêt')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`arrêt ${code} : ${out}`)));
      });
      expect(out).toContain(`http://localhost:${port}/`);
      expect(out).toContain('demo-accounts.json');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(await home.text()).toContain('lang="fr"');
      const file = path.join(demoDir, 'demo-accounts.json');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const demo = JSON.parse(readFileSync(file, 'utf8')) as {
        accounts: { role: string; email: string; password: string; totpSecret?: string; invitationLink?: string }[];
      };
      // The roles that must use a passkey get a link to enrol one, as a new staff member would.
      const invited = demo.accounts.filter((account) => account.invitationLink).map((account) => account.role);
      expect(invited.sort()).toEqual(['admin', 'advisor', 'of_manager', 'recruiter_manager', 'security_officer']);
      for (const account of demo.accounts.filter((a) => a.invitationLink))
        expect(account.invitationLink).toMatch(new RegExp(`^http://localhost:${port}/invitation/[A-Za-z0-9_-]{43}$`));
      const withTotp = demo.accounts.filter((account) => account.totpSecret).map((account) => account.role);
      expect(withTotp.sort()).toEqual(['of_user', 'recruiter']);
      for (const account of demo.accounts.filter((a) => a.totpSecret))
        expect(account.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      expect(demo.accounts.map((account) => account.role).sort()).toEqual([
        'admin',
        'advisor',
        'candidate',
        'job_seeker',
        'of_manager',
        'of_user',
        'recruiter',
        'recruiter_manager',
        'security_officer',
      ]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
