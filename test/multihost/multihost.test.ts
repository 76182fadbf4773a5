import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCandidates } from '../../src/demo/generate.ts';
import { logLines, type Spawned, spawnNode, waitForOutput } from '../runtime/processes.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The scale-out topology as separate processes on one machine: PostgreSQL, Redis, two API processes and two
 * worker processes, each with its own empty DATA_DIR and nothing shared but the two servers. Everything goes
 * through HTTP; the processes are the real `src/server.ts` and `src/cli.ts worker` (for the crash, the real
 * worker with its shortlist handler slowed down, test/support/slow-shortlist-worker.ts).
 */
const unavailable = postgresUnavailable();
const ADMIN = `admin-${randomUUID()}`;
const LEASE_MS = 1_000;
const SLOW_MS = 4 * LEASE_MS;
const KILL_AFTER_MS = 2.5 * LEASE_MS;

let postgres: TestPostgres | undefined;
let redis: TestRedis | undefined;
let databaseUrl = '';
const spawned: Spawned[] = [];
const dirs: string[] = [];

function dataDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vikarmatch-multihost-${name}-`));
  dirs.push(dir);
  return dir;
}

function env(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: redis!.url,
    REDIS_PREFIX: 'multihost',
    CPR_HASH_KEY: 'multi-host-test-key-multi-host-test-key',
    ADMIN_TOKEN: ADMIN,
    SEED_DEMO: 'false',
    // The queue's own takeover is under test, not the reconciler's.
    RECONCILE_INTERVAL_MS: '0',
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

interface Api {
  process: Spawned;
  url: string;
  dir: string;
}

async function startApi(dir: string): Promise<Api> {
  const process = spawnNode('src/server.ts', [], env(dir, { PORT: '0', HOST: '127.0.0.1' }));
  spawned.push(process);
  const [, url] = await waitForOutput(process, /Vikarmatch is listening on (http:\/\/\S+)/, 90_000);
  return { process, url: url!, dir };
}

async function startWorker(dir: string, slowMs?: number): Promise<Spawned> {
  const worker =
    slowMs === undefined
      ? spawnNode('src/cli.ts', ['worker', '--concurrency', '1'], env(dir))
      : spawnNode(
          'test/support/slow-shortlist-worker.ts',
          [],
          env(dir, { SLOW_SHORTLIST_MS: String(slowMs), QUEUE_LEASE_MS: String(LEASE_MS) }),
        );
  spawned.push(worker);
  await waitForOutput(worker, /"msg":"worker ready"/, 90_000);
  return worker;
}

async function stopGracefully(p: Spawned): Promise<void> {
  p.child.kill('SIGTERM');
  expect(await p.exited).toBe(0);
}

async function call<T>(api: Api, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} on ${api.url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

interface Shortlist {
  id: string;
  jobOrderId: string;
  status: string;
  entries: Array<{ candidateId: string }>;
  nearMisses: Array<{ candidateId?: string }>;
}

async function requestList(api: Api, token: string, orderId: string): Promise<string> {
  const { id } = await call<{ id: string }>(api, token, 'POST', `/v1/job-orders/${orderId}/shortlists`, {
    size: 50,
    scope: 'own',
  });
  return id;
}

async function finished(api: Api, token: string, id: string, deadlineMs = 60_000): Promise<Shortlist> {
  return waitFor(
    async () => {
      const s = await call<Shortlist>(api, token, 'GET', `/v1/shortlists/${id}`);
      return s.status === 'done' || s.status === 'failed' ? s : undefined;
    },
    deadlineMs,
    `shortlist ${id} to finish`,
    50,
  );
}

const idsIn = (s: Shortlist) =>
  new Set([...s.entries.map((e) => e.candidateId), ...s.nearMisses.map((e) => e.candidateId)]);

const jobLines = (p: Spawned, jobId: string, msg: string) =>
  logLines(p.output()).filter((l) => l.msg === msg && l.jobId === jobId);

/** Candidates of jobcenter 751 as the documented NDJSON, with externalIds of this run. */
function candidatesNdjson(count: number, seed: number): string {
  return [...generateCandidates(count, { seed, jobcentre: ['751'] })]
    .map((c) => JSON.stringify({ ...c, externalId: `mh${seed}-${c.externalId}` }))
    .join('\n');
}

async function bulk(api: Api, token: string, ndjson: string) {
  const res = await fetch(`${api.url}/v1/candidates/bulk`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: `${ndjson}\n`,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { imported: number; lines: Array<{ id?: string; externalId?: string }> };
}

describe.skipIf(unavailable)('several hosts on one PostgreSQL and one Redis', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase();
    redis = await startRedis();
  }, 60_000);

  afterAll(async () => {
    for (const p of spawned) p.child.kill('SIGKILL');
    await Promise.all(spawned.map((p) => p.exited));
    await redis?.stop();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('shares candidates, lists and erasures across two APIs and two workers; survives a killed worker and a restarted API', async () => {
    // Everything starts at once against an empty database: the migrations run once, under the advisory lock.
    const dir1 = dataDir('api1');
    const dir2 = dataDir('api2');
    const workerDirs = [dataDir('worker1'), dataDir('worker2')];
    const [apis, workers] = await Promise.all([
      Promise.all([startApi(dir1), startApi(dir2)]),
      Promise.all(workerDirs.map((dir) => startWorker(dir))),
    ]);
    let apiOne = apis[0]!;
    const apiTwo = apis[1]!;
    let running = workers;

    // Through API 1: the jobcenter, a konsulent token, candidates and a job order.
    await call(apiOne, ADMIN, 'POST', '/v1/jobcentre', { id: '751', name: 'Aarhus' });
    const { token } = await call<{ token: string }>(apiOne, ADMIN, 'POST', '/v1/tokens', {
      role: 'konsulent',
      jobcenter: '751',
      label: 'multi-host test',
    });
    const imported = await bulk(apiOne, token, candidatesNdjson(200, 41));
    expect(imported.imported).toBe(200);
    const order = await call<{ id: string }>(apiOne, token, 'POST', '/v1/job-orders', {
      externalId: `mh-${randomUUID()}`,
      jobcenter: '751',
      company: { cvr: '12345674', name: 'Nordlager A/S' },
      title: 'Lagermedarbejder',
      postalCode: '8000',
      tasks: 'Plukning, pakning og varemodtagelse',
      niceToHave: ['lager', 'truckcertifikat'],
      weeklyHours: 30,
      period: { from: '2027-01-04', to: '2027-06-30' },
    });

    // Through API 2: a bruttoliste, computed by a worker whose index followed API 1's import.
    const first = await finished(apiTwo, token, await requestList(apiTwo, token, order.id));
    expect(first.status).toBe('done');
    expect(first.entries.length).toBeGreaterThan(1);
    const computedBy = running.filter((w) => jobLines(w, `shortlist-${first.id}`, 'job done').length === 1);
    expect(computedBy).toHaveLength(1);

    // Erased through API 2; the next lists through API 1, one per worker at once, do not hold the person.
    const erased = first.entries[0]!.candidateId;
    await call(apiTwo, token, 'DELETE', `/v1/candidates/${erased}`);
    const next = await Promise.all(
      [0, 1].map(async () => finished(apiOne, token, await requestList(apiOne, token, order.id))),
    );
    for (const list of next) {
      expect(list.status).toBe('done');
      expect(list.entries.length).toBeGreaterThan(0);
      expect(idsIn(list).has(erased)).toBe(false);
    }
    // The erased person is gone from the list stored before the erasure, too.
    expect(idsIn(await call<Shortlist>(apiOne, token, 'GET', `/v1/shortlists/${first.id}`)).has(erased)).toBe(
      false,
    );

    // kill -9 a worker in the middle of a list: the real workers make way for two whose lists take 4 leases.
    await Promise.all(running.map(stopGracefully));
    running = await Promise.all(workerDirs.map((dir) => startWorker(dir, SLOW_MS)));
    const crashId = await requestList(apiTwo, token, order.id);
    const jobId = `shortlist-${crashId}`;
    const holder = await waitFor(
      () => running.find((w) => jobLines(w, jobId, 'job started').length > 0),
      30_000,
      'a worker to start the list',
    );
    const other = running.find((w) => w !== holder)!;
    await waitFor(
      () => jobLines(holder, jobId, 'still working').some((l) => Number(l.ms) >= KILL_AFTER_MS),
      30_000,
      'the holder to be well into the list',
    );
    expect(jobLines(other, jobId, 'job started')).toEqual([]);
    holder.child.kill('SIGKILL');
    await holder.exited;
    const crashed = await finished(apiOne, token, crashId);
    expect(crashed.status).toBe('done');
    expect(crashed.entries.length).toBeGreaterThan(0);
    expect(jobLines(holder, jobId, 'job done')).toEqual([]);
    expect(jobLines(other, jobId, 'job started')).toHaveLength(1);
    expect(jobLines(other, jobId, 'job started')[0]).toMatchObject({ attempt: 2 });
    // The worker marks the list done before it logs the job done, and its log reaches us through a pipe: wait for
    // the line instead of racing it.
    await waitFor(
      () => jobLines(other, jobId, 'job done').length > 0,
      10_000,
      'the other worker to log the job done',
    );
    expect(jobLines(other, jobId, 'job done')).toHaveLength(1);
    // Once: one workflow entry per candidate of the order, however many attempts wrote them.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT candidate_id FROM workflow_entries WHERE job_order_id = $1
           GROUP BY candidate_id HAVING count(*) > 1) d`,
        [order.id],
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await db.end();
    }

    // API 1 goes down; while it is down, API 2 adds a candidate and erases another.
    await stopGracefully(apiOne.process);
    const added = await bulk(apiTwo, token, candidatesNdjson(1, 42));
    const addedId = added.lines[0]!.id!;
    const gone = crashed.entries[0]!.candidateId;
    await call(apiTwo, token, 'DELETE', `/v1/candidates/${gone}`);
    // Back up on the same DATA_DIR: it serves both changes, and a list through it is computed without the erased.
    apiOne = await startApi(dir1);
    await call(apiOne, ADMIN, 'GET', '/health/ready');
    expect((await call<{ id: string }>(apiOne, token, 'GET', `/v1/candidates/${addedId}`)).id).toBe(addedId);
    const afterRestart = await finished(apiOne, token, await requestList(apiOne, token, order.id));
    expect(afterRestart.status).toBe('done');
    expect(idsIn(afterRestart).has(gone)).toBe(false);
    expect(idsIn(afterRestart).has(erased)).toBe(false);

    // No host kept anything another needs: no database, queue or key file in any DATA_DIR.
    for (const dir of [dir1, dir2, ...workerDirs]) {
      const files = readdirSync(dir);
      expect(
        files.filter((f) => /\.db|\.key|sqlite/.test(f)),
        dir,
      ).toEqual([]);
    }
    await Promise.all([apiOne.process, apiTwo.process, other].map(stopGracefully));
  }, 300_000);
});
