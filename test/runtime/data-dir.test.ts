import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { startServer } from '../../src/server.ts';
import { createOrderAndShortlist } from './http.ts';
import { spawnNode, waitForOutput } from './processes.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tmpParent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-modes-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every entry under dir (the directory itself first) with its permission bits. */
function modes(dir: string): Array<{ path: string; mode: number }> {
  const out = [{ path: dir, mode: statSync(dir).mode & 0o7777 }];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    out.push({ path, mode: statSync(path).mode & 0o7777 });
  }
  return out;
}

function expectOwnerOnly(dir: string): void {
  const all = modes(dir);
  // The databases and their write-ahead logs are there, so the check covers them.
  for (const file of ['vikarmatch.db', 'vikarmatch.db-wal', 'queue.db', 'queue.db-wal', 'cpr-hash.key'])
    expect(all.map((e) => e.path)).toContain(join(dir, file));
  for (const { path, mode } of all)
    expect(`${path} 0${mode.toString(8)}`).toBe(`${path} 0${(mode & 0o700).toString(8)}`);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
}

describe("DATA_DIR and its files are the service user's only", () => {
  it('creates DATA_DIR 0700 and the databases 0600 (npm start, a process with the usual umask 022)', async () => {
    const dataDir = join(tmpParent(), 'data');
    const server = spawnNode('src/server.ts', [], {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO_CANDIDATES: '60',
      LOG_LEVEL: 'warn',
    });
    cleanups.push(() => {
      server.child.kill('SIGKILL');
    });
    const [, url] = await waitForOutput(server, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, token] = await waitForOutput(server, /konsulent 751 \([^)]*\): (vm_[A-Za-z0-9_-]+)/);
    // A write through the API and a job through the queue, so both databases have written their WAL.
    const { shortlist } = await createOrderAndShortlist(url!, token!);
    expect(shortlist.status).toBe('done');
    expectOwnerOnly(dataDir);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('tightens an existing open DATA_DIR and database files from an older start, and says so', async () => {
    const dataDir = join(tmpParent(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const config = loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'false', PORT: '0', LOG_LEVEL: 'warn' });
    // An older start left world-readable files behind.
    const old = await createContext(config, { onNotice: () => {} });
    await old.stores.access.createJobcenter({ id: '751', name: 'Jobcenter Aarhus' });
    await old.close();
    chmodSync(dataDir, 0o755);
    for (const { path } of modes(dataDir).slice(1)) chmodSync(path, 0o644);

    const out: string[] = [];
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
    const server = await startServer(config, stdout);
    cleanups.push(() => server.stop());
    const token = await server.ctx.stores.access.createToken({
      role: 'konsulent',
      jobcenter: '751',
      label: 'konsulent',
    });
    const res = await fetch(`${server.url}/v1/job-orders`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(res.status).toBe(200);
    expectOwnerOnly(dataDir);
    expect(out.join('')).toMatch(/"level":40[^\n]*"from":"0755","to":"0700"[^\n]*DATA_DIR was readable/);
  });
});
