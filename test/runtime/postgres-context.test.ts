import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCandidateBatch } from '../../indexer/import.ts';
import { PostgresDatabase } from '../../src/adapters/postgres/connection.ts';
import { readiness } from '../../src/api/services/health.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { startServer } from '../../src/server.ts';
import { candidateWrite } from '../ports/fixtures.ts';
import { postgresUnavailable, startPostgres } from '../support/postgres.ts';
import { startRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';

const KEY = 'multi-host-cpr-key-multi-host-cpr-key';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BASE = { DATABASE_URL: 'postgres://vm@db.example:5432/vm' };

describe('DATABASE_URL in the configuration', () => {
  it("is refused without REDIS_URL: the embedded queue lives in one host's DATA_DIR", () => {
    expect(() => loadConfig({ ...BASE, CPR_HASH_KEY: KEY })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, CPR_HASH_KEY: KEY })).toThrow(/REDIS_URL: required with DATABASE_URL/);
  });

  it('is refused without CPR_HASH_KEY: a key generated per host would hash one CPR several ways', () => {
    expect(() => loadConfig({ ...BASE, REDIS_URL: 'redis://r:6379' })).toThrow(
      /CPR_HASH_KEY: required with DATABASE_URL/,
    );
  });

  it('takes DATABASE_POOL_SIZE (default 10) and refuses a bad one by name', () => {
    const ok = { ...BASE, REDIS_URL: 'redis://r:6379', CPR_HASH_KEY: KEY };
    expect(loadConfig(ok).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ ...ok, DATABASE_POOL_SIZE: '3' }).DATABASE_POOL_SIZE).toBe(3);
    expect(() => loadConfig({ ...ok, DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ ...ok, DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });
});

describe.skipIf(postgresUnavailable())('a context on PostgreSQL', () => {
  it('uses the shared database, keeps nothing another host needs in DATA_DIR, follows other hosts, and is not ready without PostgreSQL', async () => {
    const server = await startPostgres();
    cleanups.push(() => server.stop());
    const databaseUrl = await server.createDatabase();
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const hosts = [1, 2].map((n) => {
      const dataDir = mkdtempSync(join(tmpdir(), `vikarmatch-pg-host${n}-`));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      return loadConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '3',
        REDIS_URL: redis.url,
        REDIS_PREFIX: `pgctx${n}`,
        CPR_HASH_KEY: KEY,
      });
    });
    // Two hosts start against one empty database at once: one migrates, both run.
    const feedErrors: Error[] = [];
    const [one, two] = await Promise.all(
      hosts.map((config) => createContext(config, { onFeedError: (e) => feedErrors.push(e) })),
    );
    cleanups.push(() => one!.close());
    cleanups.push(() => two!.close());
    expect(one!.database).toBeInstanceOf(PostgresDatabase);
    expect((one!.database as PostgresDatabase).pool.options.max).toBe(3);
    await expect(readiness(one!)).resolves.toEqual({ store: 'ok', index: 'ok', queue: 'ok' });

    const [written] = await writeCandidateBatch(one!, [candidateWrite()]);
    expect((await two!.stores.candidates.get(written!.id))?.id).toBe(written!.id);
    // Host two's index follows host one's write without being asked.
    await waitFor(async () => (await two!.index.count()) === 1 || undefined, 10_000, 'host two to follow');
    // Nothing of the Store, queue or key in either DATA_DIR.
    for (const config of hosts) expect(readdirSync(config.DATA_DIR)).toEqual([]);

    await server.stop();
    await expect(readiness(two!)).rejects.toMatchObject({ detail: 'not ready: store' });
  });

  it('starts the server from an empty database with the defaults: migrated, demo data seeded, ready', async () => {
    const server = await startPostgres();
    cleanups.push(() => server.stop());
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'vikarmatch-pg-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let banner = '';
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => {
      banner += chunk.toString('utf8');
    });
    const api = await startServer(
      loadConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: await server.createDatabase(),
        REDIS_URL: redis.url,
        CPR_HASH_KEY: KEY,
        PORT: '0',
        SEED_DEMO_CANDIDATES: '60',
      }),
      out,
    );
    cleanups.push(() => api.stop());
    expect(banner).toMatch(/Demo data seeded .*60 candidates/);
    const token = /konsulent 751 [^:]*: (\S+)/.exec(banner)![1]!;
    const ready = await fetch(`${api.url}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { store: 'ok', index: 'ok', queue: 'ok' } });
    const orders = await fetch(`${api.url}/v1/job-orders`, { headers: { authorization: `Bearer ${token}` } });
    expect(orders.status).toBe(200);
    expect(((await orders.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    // The web app on the same database: a session for the token, and the konsulent's overview through it.
    const login = await fetch(`${api.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(login.status).toBe(200);
    const cookie = /vikarmatch_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const overview = await fetch(`${api.url}/v1/overview`, { headers: { cookie } });
    expect(overview.status).toBe(200);
    const body = (await overview.json()) as { openJobOrders: unknown[]; shortlistsInProgress: unknown[] };
    expect(body.openJobOrders.length).toBeGreaterThan(0);
    expect(body.shortlistsInProgress).toEqual(expect.any(Array));
    const loggedOut = await fetch(`${api.url}/v1/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken },
    });
    expect(loggedOut.status).toBeLessThan(300);
    expect((await fetch(`${api.url}/v1/overview`, { headers: { cookie } })).status).toBe(401);
  });
});
