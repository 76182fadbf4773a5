import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BullJobQueue } from '../src/adapters/bullmq/queue.ts';
import { SqliteJobQueue } from '../src/adapters/embedded-queue/sqlite-job-queue.ts';
import { openSqliteStores } from '../src/adapters/sqlite/stores.ts';
import type { JobQueue } from '../src/ports/job-queue.ts';
import { spawnNode, waitForOutput } from '../test/runtime/processes.ts';
import { startRedis } from '../test/support/redis.ts';
import { fmt, jobOrders, percentile, storeGeneratedCandidates, timeAsync } from './util.ts';

const CPR_KEY = 'bench-key-bench-key-bench-key-00';
const ORDERS = 40;
const SEQUENTIAL_ROUNDS = 2;
const CLIENTS = 8;
const PER_CLIENT = 20;
/**
 * Between polls of GET /v1/shortlists/{id}. Shorter polls do not measure faster: each GET takes server time from
 * the worker that runs in the same process. The server's own createdAt -> completedAt is reported alongside.
 */
const POLL_MS = 5;

/**
 * The pool goes straight into the Store (validated and analysed as an import does); the server indexes it at
 * start. Also the job orders and an admin token to request their shortlists with.
 */
async function buildPool(dataDir: string, size: number): Promise<{ token: string; orderIds: string[] }> {
  const { database, stores } = openSqliteStores({
    file: join(dataDir, 'vikarmatch.db'),
    cprKey: Buffer.from(CPR_KEY),
  });
  await database.migrate();
  const { token } = await stores.access.createToken({
    role: 'admin',
    label: 'bench',
  });
  const written = await stores.jobOrders.upsert(jobOrders(ORDERS).map((jobOrder) => ({ jobOrder })));
  await storeGeneratedCandidates(stores.candidates, size, { seed: 1 });
  await database.close();
  return { token, orderIds: written.map((w) => w.id) };
}

interface Timing {
  /** POST until the 202 with the shortlist id: what the caller waits for the enqueue. */
  enqueueMs: number;
  /** POST until a GET first reports the shortlist done. */
  doneMs: number;
  /** The shortlist's createdAt -> completedAt, as the server recorded them: no client or polling in it. */
  serverMs: number;
}

async function shortlistOverHttp(
  url: string,
  token: string,
  orderId: string,
  scope: 'all' | 'own' = 'all',
): Promise<Timing> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const start = process.hrtime.bigint();
  const res = await fetch(`${url}/v1/job-orders/${orderId}/shortlists`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ size: 10, scope }),
  });
  if (res.status !== 202) throw new Error(`POST shortlist: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const enqueueMs = Number(process.hrtime.bigint() - start) / 1e6;
  for (;;) {
    const got = await fetch(`${url}/v1/shortlists/${id}`, { headers });
    const body = (await got.json()) as {
      status: string;
      error?: string;
      createdAt: string;
      completedAt: string;
    };
    if (body.status === 'done') {
      return {
        enqueueMs,
        doneMs: Number(process.hrtime.bigint() - start) / 1e6,
        serverMs: Date.parse(body.completedAt) - Date.parse(body.createdAt),
      };
    }
    if (body.status === 'failed') throw new Error(`shortlist ${id} failed: ${body.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The port call alone, no workers: what putting one job on the queue costs each adapter. */
async function measureEnqueue(queue: JobQueue) {
  try {
    for (let i = 0; i < 200; i++) await queue.enqueue('shortlist', { shortlistId: `warm-${i}` });
    const ms: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const start = process.hrtime.bigint();
      await queue.enqueue('shortlist', { shortlistId: `bench-${i}` }, { jobId: `shortlist-bench-${i}` });
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  } finally {
    await queue.close();
  }
}

/**
 * The server in a process of its own, as deployed: a client in the same process would share its event loop with
 * the in-process workers, and every response would wait for the scoring of the job it just queued.
 */
async function measure(env: Record<string, string>, token: string, ids: string[]) {
  const startedAt = process.hrtime.bigint();
  const server = spawnNode('src/server.ts', [], env);
  let result: Awaited<ReturnType<typeof drive>> & { startMs: number };
  try {
    const [, url] = await waitForOutput(server, /listening on (http:\/\/\S+)/, 300_000);
    const startMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    result = { startMs, ...(await drive(url!, token, ids)) };
  } finally {
    server.child.kill('SIGTERM');
  }
  const code = await server.exited;
  if (code !== 0) throw new Error(`the server exited with ${code}:\n${server.output()}`);
  return result;
}

async function drive(url: string, token: string, ids: string[]) {
  // Warm-up: the first requests compile schemas and fill caches.
  for (const id of ids.slice(0, 3)) await shortlistOverHttp(url, token, id);

  const sequential: Timing[] = [];
  for (let round = 0; round < SEQUENTIAL_ROUNDS; round++) {
    for (const id of ids) sequential.push(await shortlistOverHttp(url, token, id));
  }

  let next = 0;
  const concurrent = await timeAsync(() =>
    Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < PER_CLIENT; i++) await shortlistOverHttp(url, token, ids[next++ % ids.length]!);
      }),
    ),
  );
  // What a konsulent usually asks for: the own jobcenter's candidates only.
  const own: Timing[] = [];
  for (const id of ids) own.push(await shortlistOverHttp(url, token, id, 'own'));

  const done = sequential.map((t) => t.doneMs);
  const enqueue = sequential.map((t) => t.enqueueMs);
  const server = sequential.map((t) => t.serverMs);
  return {
    ownP50: percentile(
      own.map((t) => t.doneMs),
      50,
    ),
    ownP95: percentile(
      own.map((t) => t.doneMs),
      95,
    ),
    serverP50: percentile(server, 50),
    serverP95: percentile(server, 95),
    doneP50: percentile(done, 50),
    doneP95: percentile(done, 95),
    enqueueP50: percentile(enqueue, 50),
    enqueueP95: percentile(enqueue, 95),
    perSecond: (CLIENTS * PER_CLIENT) / (concurrent.ms / 1000),
  };
}

/**
 * End to end over HTTP against a listening server: POST /v1/job-orders/{id}/shortlists, then GET until done,
 * national scope (the whole pool in reach), first with the embedded queue, then with BullMQ on a local Redis
 * (workers in the server process in both, so the difference is the queue). The server runs in a child process.
 */
export async function run(size: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vm-bench-http-'));
  const redis = await startRedis();
  try {
    const build = await timeAsync(() => buildPool(dataDir, size));
    const { token, orderIds } = build.value;
    const base = {
      DATA_DIR: dataDir,
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      CPR_HASH_KEY: CPR_KEY,
      RATE_LIMIT_PER_MINUTE: '100000000',
      WORKER_CONCURRENCY: '2',
    };
    const embedded = await measure(base, token, orderIds);
    const bullmq = await measure(
      { ...base, REDIS_URL: redis.url, REDIS_PREFIX: 'bench', IN_PROCESS_WORKERS: 'true' },
      token,
      orderIds,
    );
    const enqueueEmbedded = await measureEnqueue(new SqliteJobQueue(join(dataDir, 'enqueue-bench.db')));
    const enqueueBull = await measureEnqueue(new BullJobQueue({ url: redis.url, prefix: 'bench-enqueue' }));
    const line = (m: Awaited<ReturnType<typeof measure>>) =>
      `client p50 ${fmt(m.doneP50)}, p95 ${fmt(m.doneP95)} (server createdAt -> completedAt p50 ${fmt(m.serverP50)}, p95 ${fmt(m.serverP95)}); ${m.perSecond.toFixed(1)} shortlists/s with ${CLIENTS} clients`;
    return {
      'pool built (generate + validate + analyse + store)': fmt(build.ms),
      'server start to listening (process start, index rebuilt from the Store)': fmt(embedded.startMs),
      [`embedded: request -> done (${ORDERS * SEQUENTIAL_ROUNDS} sequential, scope all, size 10)`]:
        line(embedded),
      [`embedded: request -> done, scope own (${ORDERS} sequential)`]: `client p50 ${fmt(embedded.ownP50)}, p95 ${fmt(embedded.ownP95)}`,
      'embedded: enqueue (POST -> 202) p50 / p95': `${fmt(embedded.enqueueP50)} / ${fmt(embedded.enqueueP95)}`,
      'bullmq (local Redis): request -> done': line(bullmq),
      'bullmq: request -> done, scope own': `client p50 ${fmt(bullmq.ownP50)}, p95 ${fmt(bullmq.ownP95)}`,
      'bullmq: enqueue (POST -> 202) p50 / p95': `${fmt(bullmq.enqueueP50)} / ${fmt(bullmq.enqueueP95)}`,
      'enqueue alone (JobQueue.enqueue, 2000 calls) embedded p50 / p95': `${fmt(enqueueEmbedded.p50)} / ${fmt(enqueueEmbedded.p95)}`,
      'enqueue alone bullmq p50 / p95': `${fmt(enqueueBull.p50)} / ${fmt(enqueueBull.p95)}`,
      'enqueue overhead ratio bullmq / embedded (JobQueue.enqueue p50)': `${(enqueueBull.p50 / enqueueEmbedded.p50).toFixed(1)}x`,
      'enqueue ratio bullmq / embedded over HTTP (POST -> 202 p50)': `${(bullmq.enqueueP50 / embedded.enqueueP50).toFixed(2)}x`,
      'request -> done ratio bullmq / embedded (p50)': `${(bullmq.doneP50 / embedded.doneP50).toFixed(2)}x`,
      'peak RSS': `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    };
  } finally {
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
