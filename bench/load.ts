import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { openSqliteStores } from '../src/adapters/sqlite/stores.ts';
import { spawnNode, waitForOutput } from '../test/runtime/processes.ts';
import { startRedis } from '../test/support/redis.ts';
import { fmt, jobOrders, percentile, storeGeneratedCandidates, timeAsync } from './util.ts';

const CPR_KEY = 'bench-key-bench-key-bench-key-00';
const JOBCENTER = '751';
const ORDERS = 20;
/** Each measurement: this many seconds, and never more than this many requests. */
const SECONDS = 4;
const MAX_REQUESTS = 40_000;
const CONCURRENCY = [8, 32];
const POLL_MS = 10;

/** A DATA_DIR with `size` generated candidates, all of one jobcenter, its job orders and a konsulent token. */
async function buildDataDir(dataDir: string, size: number) {
  const { database, stores } = openSqliteStores({
    file: join(dataDir, 'vikarmatch.db'),
    cprKey: Buffer.from(CPR_KEY),
  });
  await database.migrate();
  await stores.access.createJobcenter({ id: JOBCENTER, name: 'Jobcenter Aarhus' });
  const { token } = await stores.access.createToken({
    role: 'konsulent',
    jobcenter: JOBCENTER,
    label: 'load',
  });
  const written = await stores.jobOrders.upsert(
    jobOrders(ORDERS).map((o) => ({ jobOrder: { ...o, jobcenter: JOBCENTER } })),
  );
  await storeGeneratedCandidates(stores.candidates, size, { seed: 3, jobcenter: JOBCENTER });
  await database.close();
  return { token, orderIds: written.map((w) => w.id) };
}

/** Each figure also goes to stderr as it is measured, so a long run shows where it is. */
function progress(strings: TemplateStringsArray, ...values: unknown[]): string {
  const line = String.raw({ raw: strings }, ...values);
  process.stderr.write(`  load: ${line}\n`);
  return line;
}

let written = 0;
function newCandidate(): string {
  written++;
  return JSON.stringify({
    externalId: `load-${process.pid}-${written}`,
    jobcenter: JOBCENTER,
    name: 'Mette Hansen',
    postalCode: '8000',
    unemployedSince: '2026-01-15',
    benefit: 'dagpenge',
    weeklyHours: 37,
    availableFrom: '2026-11-01',
    competences: ['truckcertifikat B', 'lagerstyring'],
    experience: [{ title: 'Lagermedarbejder', from: '2019-03-01', to: '2025-12-31' }],
    cvText: 'Erfaren lagermedarbejder med truckcertifikat B, plukning og pakning.',
    consent: { searchable: true, shareWithPool: false },
  });
}

async function cannon(url: string, token: string, connections: number, requests: CannonRequest[]) {
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    // Not `amount`: that one overrides the duration.
    maxOverallRequests: MAX_REQUESTS,
    timeout: 10,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests,
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  return progress`${result.requests.average.toFixed(0)} req/s, p50 ${fmt(result.latency.p50)}, p99 ${fmt(result.latency.p99)}, ${result.requests.total} requests, ${failed} errors`;
}

/** POST a shortlist, poll it to done; `clients` loops at once for SECONDS. Lists per second and time to done. */
async function shortlists(url: string, token: string, orderIds: string[], clients: number) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const doneMs: number[] = [];
  let failed = 0;
  let next = 0;
  const until = Date.now() + SECONDS * 1000;
  const { ms } = await timeAsync(() =>
    Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const start = process.hrtime.bigint();
          const orderId = orderIds[next++ % orderIds.length]!;
          const res = await fetch(`${url}/v1/job-orders/${orderId}/shortlists`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ size: 10, scope: 'own' }),
          });
          if (res.status !== 202) {
            failed++;
            await res.arrayBuffer();
            continue;
          }
          const { id } = (await res.json()) as { id: string };
          for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
            const got = (await (await fetch(`${url}/v1/shortlists/${id}`, { headers })).json()) as {
              status: string;
            };
            if (got.status === 'done') {
              doneMs.push(Number(process.hrtime.bigint() - start) / 1e6);
              break;
            }
            if (got.status === 'failed') {
              failed++;
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          }
        }
      }),
    ),
  );
  return progress`${(doneMs.length / (ms / 1000)).toFixed(1)} lists/s, time to done p50 ${fmt(percentile(doneMs, 50))}, p99 ${fmt(percentile(doneMs, 99))}, ${doneMs.length} lists, ${failed} failed`;
}

/** The server in its own process on `dataDir`, with its workers in that process (one index shared by them). */
async function serve(dataDir: string, env: Record<string, string> = {}) {
  const live = spawnNode('src/server.ts', [], {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    CPR_HASH_KEY: CPR_KEY,
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...env,
  });
  try {
    const [, url] = await waitForOutput(live, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 300_000);
    return {
      url: url!,
      async stop() {
        live.child.kill('SIGTERM');
        await live.exited;
      },
    };
  } catch (error) {
    live.child.kill('SIGTERM');
    await live.exited;
    throw error;
  }
}

/**
 * Load over loopback against the server in its own process on a generated DATA_DIR: reads, writes and shortlists
 * at a few concurrencies, each for a few seconds and a bounded number of requests; then shortlists again with
 * BullMQ (a private redis-server) as the queue, the workers still in the server process.
 */
export async function run(size: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vm-bench-load-'));
  try {
    const build = await timeAsync(() => buildDataDir(dataDir, size));
    const { token, orderIds } = build.value;
    const out: Record<string, string> = {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}); client and server on the same machine`,
      'data (generated, one jobcenter)': `${size.toLocaleString('en')} candidates, ${ORDERS} job orders, built in ${fmt(build.ms)}`,
    };
    const started = await timeAsync(() => serve(dataDir));
    const server = started.value;
    out['server start to listening (embedded queue, index rebuilt from the Store)'] = fmt(started.ms);
    try {
      const url = server.url;
      // Warm-up: schemas compiled, caches filled.
      await cannon(url, token, 4, [{ method: 'GET', path: '/v1/candidates?limit=20' }]);
      await shortlists(url, token, orderIds, 4);
      for (const c of CONCURRENCY) {
        out[`reads, GET /v1/candidates?limit=20, c=${c}`] = await cannon(url, token, c, [
          { method: 'GET', path: '/v1/candidates?limit=20' },
        ]);
        out[`reads, GET /v1/job-orders/{id}, c=${c}`] = await cannon(
          url,
          token,
          c,
          orderIds.map((id) => ({ method: 'GET', path: `/v1/job-orders/${id}` })),
        );
        out[`writes, POST /v1/candidates, c=${c}`] = await cannon(url, token, c, [
          {
            method: 'POST',
            path: '/v1/candidates',
            setupRequest: (req) => ({ ...req, body: newCandidate() }),
          },
        ]);
        out[`shortlists, embedded queue, POST + poll to done (scope own, size 10), c=${c}`] =
          await shortlists(url, token, orderIds, c);
      }
    } finally {
      await server.stop();
    }
    const redis = await startRedis();
    try {
      const bull = await serve(dataDir, { REDIS_URL: redis.url, IN_PROCESS_WORKERS: 'true' });
      try {
        await shortlists(bull.url, token, orderIds, 4);
        for (const c of CONCURRENCY) {
          out[`shortlists, BullMQ, POST + poll to done (scope own, size 10), c=${c}`] = await shortlists(
            bull.url,
            token,
            orderIds,
            c,
          );
        }
      } finally {
        await bull.stop();
      }
    } finally {
      await redis.stop();
    }
    return out;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
