import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL server started with Debian's initdb and pg_ctl. */
export interface PostgresServer {
  url: string;
  binDir: string;
  stop(): void;
}

function findBinDir(): string {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = [
    ...(fromConfig.status === 0 ? [fromConfig.stdout.trim()] : []),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      "PostgreSQL introuvable : installez le paquet Debian 'postgresql' (initdb et pg_ctl) pour les tests d'intégration.",
    );
  }
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** initdb refuses to run as root: then the server runs as Debian's `postgres` user. */
function runAs(): { user: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (ids.status !== 0) throw new Error("Les tests tournent en root mais l'utilisateur 'postgres' n'existe pas.");
  return { user: 'postgres', uid: Number(ids.stdout.trim()), gid: Number(gids.stdout.trim()) };
}

/**
 * Starts a server on a free loopback port, in a new temporary directory. Tests run it without
 * fsync (a crash of a throwaway server loses nothing we keep); `durable` keeps PostgreSQL's
 * defaults, fsync and synchronous_commit on, as the benches of the one door require.
 */
export async function startPostgres(settingsOf: { durable?: boolean } = {}): Promise<PostgresServer> {
  const binDir = findBinDir();
  const root = mkdtempSync(path.join(os.tmpdir(), 'rempart-pg-'));
  const dataDir = path.join(root, 'data');
  const user = runAs();
  if (user) chownSync(root, user.uid, user.gid);
  const run = (command: string, args: string[]) => {
    const full = path.join(binDir, command);
    if (user) execFileSync('runuser', ['-u', user.user, '--', full, ...args], { stdio: 'pipe', cwd: root });
    else execFileSync(full, args, { stdio: 'pipe', cwd: root });
  };
  run('initdb', ['-D', dataDir, '-U', 'rempart', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const settings = settingsOf.durable
    ? 'fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n'
    : 'fsync = off\nfull_page_writes = off\n';
  writeFileSync(path.join(dataDir, 'postgresql.auto.conf'), settings, { flag: 'a' });
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c max_connections=200`;
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(root, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://rempart@127.0.0.1:${port}/postgres`,
    binDir,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
