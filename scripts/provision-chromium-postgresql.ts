// The first half of `npm test` (package.json): Debian's chromium and postgresql are there, or
// installed here with apt-get, or one line says how. In the test command itself, not a `pretest`
// hook, so that it also runs where npm lifecycle hooks are skipped (`--ignore-scripts`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumPath } from '../test/support/browser.js';
import { findPostgresBinDir } from '../test/support/postgres-server.js';

/** The Debian packages the tests need: a real browser and a real PostgreSQL server. */
export type TestPackage = 'chromium' | 'postgresql';

/** Migrations use PostgreSQL 15 features; Debian 12's `postgresql` is 15. */
const MIN_POSTGRES_MAJOR = 15;

/** What the provisioning needs to know about, and do on, the machine; tests pass a fake one. */
export interface Machine {
  /** The packages whose programs are missing now. */
  missing(): TestPackage[];
  /** Who may run apt-get: root itself, a passwordless sudo, nobody, or there is no apt-get. */
  installer(): 'root' | 'sudo' | 'none' | 'no-apt';
  /** Runs a command with its output on the terminal and returns its exit status. */
  run(command: readonly string[]): number;
  /** Where the one line for a person goes. */
  err: NodeJS.WritableStream;
}

const nbsp = '\u00a0';
const quote = (text: string) => `«${nbsp}${text}${nbsp}»`;

function installCommand(packages: readonly TestPackage[], prefix: readonly string[]): string[] {
  return [...prefix, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages];
}

/** The one line said when the tests cannot start: what is missing and the command that fixes it. */
function refusal(packages: readonly TestPackage[], why: string): string {
  const manual = `sudo apt-get install -y ${packages.join(' ')}`;
  return `Tests impossibles${nbsp}: ${packages.join(' et ')} manque${packages.length > 1 ? 'nt' : ''} (${why})${nbsp}; lancez ${quote(manual)} puis ${quote('npm test')}.\n`;
}

/**
 * Makes sure the machine has what `npm test` needs, installing Debian's packages when it may
 * (root, or a passwordless sudo), and otherwise stopping at once with one line that names the
 * command to run. Returns the exit code for the first half of `npm test`.
 */
export function provisionTestMachine(machine: Machine): number {
  const missing = machine.missing();
  if (missing.length === 0) return 0;
  const who = machine.installer();
  if (who === 'none' || who === 'no-apt') {
    const why = who === 'none' ? 'ni root ni sudo sans mot de passe pour les installer' : 'pas d’apt-get ici';
    machine.err.write(refusal(missing, why));
    return 1;
  }
  const prefix = who === 'sudo' ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] : [];
  machine.err.write(`Installation des paquets Debian nécessaires aux tests${nbsp}: ${missing.join(', ')}\n`);
  const installed =
    machine.run([...prefix, 'apt-get', 'update', '-qq']) === 0 && machine.run(installCommand(missing, prefix)) === 0;
  const still = machine.missing();
  if (!installed || still.length > 0) {
    machine.err.write(refusal(still.length > 0 ? still : missing, 'l’installation automatique a échoué'));
    return 1;
  }
  return 0;
}

/** The major version of the initdb in `binDir`, or 0 when it cannot say. */
function postgresMajor(binDir: string): number {
  const version = spawnSync(path.join(binDir, 'initdb'), ['--version'], { encoding: 'utf8' });
  return Number(/\(PostgreSQL\) (\d+)/.exec(version.stdout ?? '')?.[1] ?? 0);
}

function succeeds(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** This machine, probed as the test setup (`test/support/`) will look for the programs. */
export const thisMachine: Machine = {
  missing: () => {
    const binDir = findPostgresBinDir();
    return [
      ...(existsSync(chromiumPath) ? [] : (['chromium'] as const)),
      ...(binDir && postgresMajor(binDir) >= MIN_POSTGRES_MAJOR ? [] : (['postgresql'] as const)),
    ];
  },
  installer: () => {
    if (!succeeds('apt-get', ['--version'])) return 'no-apt';
    if (process.getuid?.() === 0) return 'root';
    return succeeds('sudo', ['-n', 'true']) ? 'sudo' : 'none';
  },
  run: (command) => {
    const [file, ...args] = command;
    const result = spawnSync(file!, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return result.status ?? 1;
  },
  err: process.stderr,
};

// Run as a command (`tsx scripts/provision-chromium-postgresql.ts`), not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = provisionTestMachine(thisMachine);
}
