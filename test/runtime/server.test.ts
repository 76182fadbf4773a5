import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { startServer } from '../../src/server.ts';
import { waitFor } from '../support/wait.ts';
import { createOrderAndShortlist } from './http.ts';
import { spawnNode, waitForOutput } from './processes.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The banner of an in-process server, kept out of the test output. */
const sink = () => new PassThrough().resume();

function tmpDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-server-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('npm start (src/server.ts as a process)', () => {
  it('seeds an empty DATA_DIR, serves a shortlist over HTTP, and exits 0 on SIGTERM', async () => {
    const dataDir = tmpDataDir();
    const server = spawnNode('src/server.ts', [], {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO_CANDIDATES: '300',
      LOG_LEVEL: 'warn',
    });
    cleanups.push(() => {
      server.child.kill('SIGKILL');
    });
    const [, url] = await waitForOutput(server, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, token] = await waitForOutput(server, /konsulent 751 \([^)]*\): (vm_[A-Za-z0-9_-]+)/);
    expect(server.output()).toContain(`${url}/docs`);

    // The tokens are in the file too, readable by the service user only.
    const tokensFile = join(dataDir, 'demo-tokens.txt');
    expect(readFileSync(tokensFile, 'utf8')).toContain(token!);
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);

    const docs = await fetch(`${url}/docs/json`);
    expect(docs.status).toBe(200);
    const { shortlist } = await createOrderAndShortlist(url!, token!);
    expect(shortlist.status).toBe('done');
    expect(shortlist.candidatesConsidered).toBeGreaterThan(0);
    expect(shortlist.entries.length).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toMatch(/"level":50/);
  });
});

describe('vikar serve', () => {
  it('is npm start under the CLI: serves, and exits 0 on SIGINT', async () => {
    const server = spawnNode('src/cli.ts', ['serve'], {
      DATA_DIR: tmpDataDir(),
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    cleanups.push(() => {
      server.child.kill('SIGKILL');
    });
    const [, url] = await waitForOutput(server, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect(server.output()).toContain(`${url}/docs`);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('refuses a bad setting with exit code 78, naming it', async () => {
    const server = spawnNode('src/cli.ts', ['serve'], { DATA_DIR: tmpDataDir(), PORT: 'eighty' });
    expect(await server.exited).toBe(78);
    expect(server.output()).toMatch(/PORT/);
  });
});

describe('startServer', () => {
  it('with SEED_DEMO=false leaves the store empty', async () => {
    const dataDir = tmpDataDir();
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
    const server = await startServer(config, sink());
    const res = await fetch(`${server.url}/health/ready`);
    expect(res.status).toBe(200);
    await server.stop();

    const ctx = await createContext(config);
    try {
      expect(await ctx.stores.candidates.count()).toBe(0);
      expect((await ctx.stores.jobOrders.list({}, { limit: 10 })).items).toEqual([]);
      expect(await ctx.stores.access.listJobcentre()).toEqual([]);
      expect(await ctx.stores.access.listTokens()).toEqual([]);
    } finally {
      await ctx.close();
    }
    expect(existsSync(join(dataDir, 'demo-tokens.txt'))).toBe(false);
  });

  it('seeds once: a second start on the same DATA_DIR keeps the data and the tokens', async () => {
    const dataDir = tmpDataDir();
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      SEED_DEMO_CANDIDATES: '90',
      LOG_LEVEL: 'silent',
    });
    const first = await startServer(config, sink());
    await first.stop();
    const tokens = readFileSync(join(dataDir, 'demo-tokens.txt'), 'utf8');

    const second = await startServer(config, sink());
    await second.stop();
    expect(readFileSync(join(dataDir, 'demo-tokens.txt'), 'utf8')).toBe(tokens);
    const ctx = await createContext(config);
    try {
      expect(await ctx.stores.candidates.count()).toBe(90);
      expect((await ctx.stores.access.listJobcentre()).map((j) => j.id).sort()).toEqual([
        '101',
        '461',
        '751',
      ]);
      // Three konsulent tokens and an admin token (no ADMIN_TOKEN configured), made once.
      expect(await ctx.stores.access.listTokens()).toHaveLength(4);
    } finally {
      await ctx.close();
    }
  });

  it('enqueues the retention job once a day when RETENTION_MONTHS is set', async () => {
    const dataDir = tmpDataDir();
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      RETENTION_MONTHS: '24',
      // Not consumed here, so the job stays visible in the queue.
      IN_PROCESS_WORKERS: 'false',
    });
    const first = await startServer(config, sink());
    const jobId = `retention-${new Date().toISOString().slice(0, 10)}`;
    await waitFor(async () => (await first.ctx.queue.getJob(jobId))?.state === 'waiting');
    await first.stop();
    // A restart the same day adds no second one.
    const second = await startServer(config, sink());
    try {
      await waitFor(async () => (await second.ctx.queue.counts()).waiting >= 1);
      expect((await second.ctx.queue.counts()).waiting).toBe(1);
    } finally {
      await second.stop();
    }
  });
});
