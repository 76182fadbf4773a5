/**
 * Start to ready of the server on a large DATA_DIR: cold (no index snapshot, the index rebuilt from the database)
 * and warm (the snapshot the cold start wrote), each with the server's RSS once ready, and the index's live bytes
 * per candidate. The DATA_DIR is generated once per size under the system's temp directory and reused (writing a
 * million candidates takes minutes); set SCALE_DATA_DIR to put it elsewhere.
 *   npm run bench -- --section scale [--size 1000000]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTaxonomy } from '../scoring/taxonomy/active.ts';
import { loadTaxonomy } from '../scoring/taxonomy/load.ts';
import { readSnapshot } from '../src/adapters/embedded-index/snapshot.ts';
import { openSqliteStores } from '../src/adapters/sqlite/stores.ts';
import { storeGeneratedCandidates, timeAsync } from './util.ts';

const KEY = 'bench-scale-cpr-key-0123456789abcdef';
const SERVER = new URL('../src/server.ts', import.meta.url).pathname;

async function prepare(dir: string, size: number): Promise<{ ms: number; reused: boolean }> {
  const done = join(dir, 'bench-complete');
  if (existsSync(done)) return { ms: 0, reused: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { database, stores } = openSqliteStores({
    file: join(dir, 'vikarmatch.db'),
    cprKey: Buffer.from(KEY, 'utf8'),
  });
  await database.migrate();
  const { ms } = await timeAsync(() => storeGeneratedCandidates(stores.candidates, size, { seed: 1 }));
  await database.close();
  writeFileSync(done, `${size}\n`);
  return { ms, reused: false };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

interface Start {
  seconds: number;
  rssMb: number;
  index: Record<string, unknown> | undefined;
}

/** Spawns the server, waits for its banner (it listens only once the index is ready), then stops it cleanly. */
function startServer(dir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', SERVER], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        CPR_HASH_KEY: KEY,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        MEILI_URL: '',
        REDIS_URL: '',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let result: Start | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (result || !out.includes('is listening on')) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = out.split('\n').find((l) => l.includes('candidate index ready'));
      const index = line ? (JSON.parse(line) as Record<string, unknown>) : undefined;
      result = { seconds, rssMb: rssMb(child.pid!), index };
      child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`server exited with ${code} before it was ready:\n${out.slice(-2000)}`));
    });
  });
}

export async function run(size: number) {
  const dir = process.env.SCALE_DATA_DIR ?? join(tmpdir(), `vikarmatch-scale-${size}`);
  const prepared = await prepare(dir, size);
  const snapshot = join(dir, 'index.snapshot');
  rmSync(snapshot, { force: true });
  const cold = await startServer(dir);
  // The cold start wrote the snapshot after it was ready; its shutdown waited for the write.
  const snapshotMb = existsSync(snapshot) ? statSync(snapshot).size / 2 ** 20 : 0;
  const warm = await startServer(dir);

  // The index's live size, measured here by loading the snapshot on its own.
  const { database } = openSqliteStores({
    file: join(dir, 'vikarmatch.db'),
    cprKey: Buffer.from(KEY, 'utf8'),
  });
  await database.migrate();
  const schemaVersion = (
    database.connection.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }
  ).v;
  await database.close();
  const taxonomy = loadTaxonomy({ dirs: [] });
  useTaxonomy(taxonomy);
  global.gc?.();
  const before = process.memoryUsage();
  const loaded = readSnapshot(snapshot, { schemaVersion, taxonomyVersion: taxonomy.version });
  if (!loaded.ok) throw new Error(`snapshot not loadable: ${loaded.reason} ${loaded.detail}`);
  global.gc?.();
  const after = process.memoryUsage();
  const memory = loaded.index.memory();
  const heapBytes = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;

  return {
    cores: cpus().length,
    candidates: memory.candidates,
    dataDir: prepared.reused ? `${dir} (reused)` : `${dir} (written in ${(prepared.ms / 1000).toFixed(1)} s)`,
    'start to ready, cold (rebuild from the database)': `${cold.seconds.toFixed(2)} s, RSS ${cold.rssMb} MB`,
    'start to ready, warm (snapshot)': `${warm.seconds.toFixed(2)} s, RSS ${warm.rssMb} MB`,
    'index ready in (server log), cold / warm': `${cold.index?.ms ?? '?'} ms (${cold.index?.source}) / ${warm.index?.ms ?? '?'} ms (${warm.index?.source}, replayed ${warm.index?.replayed ?? '?'})`,
    'snapshot size': `${snapshotMb.toFixed(1)} MB`,
    'index live bytes per candidate (columns + postings exact, strings estimated)': memory.bytesPerCandidate,
    'index heap + array buffers per candidate (measured)': global.gc
      ? Math.round(heapBytes / memory.candidates)
      : 'run with --expose-gc',
  };
}
