import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const HOST = '127.0.0.1';

/** The directory holding initdb and pg_ctl: Debian's versioned directory (newest first), else PATH. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = path.join(root, v, 'bin');
      if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/**
 * Why the PostgreSQL tests cannot run here, or undefined when they can: PG_URL names a server, or a local
 * PostgreSQL installation can start a throwaway cluster.
 */
export function postgresUnavailable(): string | undefined {
  if (process.env.PG_URL) return undefined;
  if (!findPostgresBin()) {
    return 'PostgreSQL tests skipped: no initdb/pg_ctl found (install Debian\'s "postgresql" or set PG_URL)';
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'PostgreSQL tests skipped: running as root and there is no "postgres" user to run initdb as';
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

export interface TestPostgres {
  /** The maintenance database of the server; use schemas or createDatabase() to isolate tests. */
  url: string;
  /** A new, empty database on the server; its URL. */
  createDatabase(): Promise<string>;
  /** A new, empty schema in the database at `url`; its name. */
  createSchema(url?: string): Promise<string>;
  dropSchema(name: string, url?: string): Promise<void>;
  /** Stops the throwaway cluster and deletes its files; with PG_URL, drops only what this harness created. */
  stop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const randomName = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A PostgreSQL server for tests: the one at PG_URL, or a throwaway cluster made with initdb in a temp dir, on a
 * free port on 127.0.0.1, with durability off (a test cluster is thrown away, so fsync buys nothing). initdb
 * refuses to run as root, so under root the cluster belongs to the "postgres" user.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const databases: string[] = [];
  const external = process.env.PG_URL;
  let url: string;
  let teardown: () => void = () => {};
  if (external) {
    url = external;
  } else {
    const bin = findPostgresBin();
    if (!bin) throw new Error(postgresUnavailable());
    ({ url, teardown } = await startCluster(bin));
  }
  const helpers: TestPostgres = {
    url,
    async createDatabase() {
      const name = randomName('vm_test');
      await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
      databases.push(name);
      return withDatabase(url, name);
    },
    async createSchema(at = url) {
      const name = randomName('t');
      await withClient(at, (c) => c.query(`CREATE SCHEMA ${name}`));
      return name;
    },
    async dropSchema(name, at = url) {
      await withClient(at, (c) => c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`));
    },
    async stop() {
      if (external) {
        for (const name of databases) {
          await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        }
      }
      teardown();
    },
  };
  return helpers;
}

async function startCluster(bin: string): Promise<{ url: string; teardown: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vm-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const command = path.join(bin, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const ids = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, ids('-u'), ids('-g'));
  }
  let started = false;
  const teardown = (): void => {
    if (started) {
      started = false;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: nothing left to stop.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that exits without stop() must not leave a server running.
  process.once('exit', teardown);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // pg_ctl may lose the port to another process between freePort() and listen; a new port then.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-c listen_addresses=${HOST}`,
        `-k ${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      try {
        run('pg_ctl', [
          '-D',
          data,
          '-l',
          path.join(dir, 'server.log'),
          '-o',
          options,
          '-w',
          '-t',
          '30',
          'start',
        ]);
        started = true;
        return { url: `postgres://postgres@${HOST}:${port}/postgres`, teardown };
      } catch (error) {
        if (attempt >= 3) {
          const log = existsSync(path.join(dir, 'server.log'))
            ? readFileSync(path.join(dir, 'server.log'), 'utf8')
            : '';
          throw new Error(`PostgreSQL did not start: ${log}`, { cause: error });
        }
      }
    }
  } catch (error) {
    teardown();
    throw error;
  }
}
