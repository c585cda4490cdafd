import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/postgres-server.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/rempart.mjs');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-cli-'));
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

function rempart(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...baseEnv, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the rempart command', () => {
  it('refuses production without a master key, in French, with exit code 2', () => {
    const result = rempart(['serve'], { REMPART_MODE: 'production' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('REMPART_MASTER_KEY');
    expect(result.err).toContain('obligatoire en mode production');
  });

  it('names a bad setting', () => {
    const result = rempart(['migrate'], { PORT: 'quatre-vingts' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/PORT/);
  });

  it('seeds, verifies the log, rotates keys and verifies again', { timeout: 240_000 }, () => {
    const seeded = rempart(['seed', '--people', '120', '--seed', '7']);
    expect(seeded.code, seeded.err).toBe(0);
    expect(statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const verified = rempart(['audit', 'verify']);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toContain('Chaîne intègre');
    expect(rempart(['audit', 'checkpoint']).code).toBe(0);
    const rotated = rempart(['keys', 'rotate', '--batch-size', '50', '--settle-seconds', '0']);
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toMatch(/Rotation \(nouvelle\) terminée : clé de données version 2/);
    const again = rempart(['audit', 'verify']);
    expect(again.code).toBe(0);
    const reads = rempart(['audit', 'reads', '--account', 'pas-un-uuid', '--from', 'x', '--to', 'y']);
    expect(reads.code).toBe(2);
    expect(reads.out).toContain('--account');
  });

  it('rejects an unknown command with the usage', () => {
    const result = rempart(['démarrer']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage : rempart');
  });

  it('serves /health and the home page with demo data and demo accounts', { timeout: 240_000 }, async () => {
    const demoDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-demo-'));
    const port = await freePort();
    const child = spawn(process.execPath, [bin], {
      cwd: root,
      env: { ...baseEnv, DATA_DIR: demoDir, PORT: String(port), DEMO_PEOPLE: '80' },
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
