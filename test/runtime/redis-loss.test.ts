import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BullJobQueue } from '../../src/adapters/bullmq/queue.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { startRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';
import { logLines, spawnNode, waitForOutput } from './processes.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LISTS = 20;
const RECONCILE_MS = 500;

/**
 * Redis killed with -9 while shortlists wait in it, before any snapshot, and started again empty: the queue has
 * forgotten every job. The shortlist rows remember them, and the reconciler enqueues them again.
 */
describe('fault: Redis lost with queued shortlists', () => {
  it('every list still finishes exactly once, and a request during the outage is answered fast, never 500', async () => {
    const consoleErrors = vi.spyOn(console, 'error');
    let redis = await startRedis();
    cleanups.push(() => redis.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'vikarmatch-redis-loss-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `redis-loss-${randomUUID()}`,
      CPR_HASH_KEY: 'redis-loss-test-key-redis-loss-test',
      RECONCILE_INTERVAL_MS: String(RECONCILE_MS),
      // All lists are for one order and stay queued while no worker runs: the per-order cap must not refuse them.
      SHORTLISTS_IN_FLIGHT_PER_ORDER: String(LISTS + 1),
    };
    let apiLog = '';
    const apiOut = new PassThrough().on('data', (chunk: Buffer) => {
      apiLog += chunk.toString('utf8');
    });
    // The API (this process) only enqueues: no worker runs until Redis has been lost.
    const api = await startServer(
      loadConfig({ ...env, PORT: '0', SEED_DEMO_CANDIDATES: '150', LOG_LEVEL: 'info' }),
      apiOut,
    );
    cleanups.push(() => api.stop());
    const token = readFileSync(join(dataDir, 'demo-tokens.txt'), 'utf8').match(
      /konsulent 751 [^:]*: (\S+)/,
    )![1]!;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const orders = (await (
      await fetch(`${api.url}/v1/job-orders?jobcenter=751&limit=5`, { headers })
    ).json()) as { items: Array<{ id: string }> };
    const order = orders.items[0]!.id;
    const requestList = () =>
      fetch(`${api.url}/v1/job-orders/${order}/shortlists`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ size: 10, scope: 'own' }),
      });

    const ids: string[] = [];
    for (let i = 0; i < LISTS; i++) {
      const res = await requestList();
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const probe = new BullJobQueue({ url: redis.url, prefix: env.REDIS_PREFIX, onError: () => {} });
    expect((await probe.counts()).waiting).toBe(LISTS);
    await probe.close();

    await redis.kill();

    // During the outage: a fast answer, 202 with the row queued (the reconciler enqueues it later), never 500.
    const started = Date.now();
    const during = await requestList();
    const duringMs = Date.now() - started;
    expect([202, 503]).toContain(during.status);
    expect(duringMs).toBeLessThan(4_000);
    if (during.status === 202) ids.push(((await during.json()) as { id: string }).id);
    else expect(during.headers.get('retry-after')).toBeTruthy();
    // A few reconciler passes fail meanwhile.
    await waitFor(() => apiLog.includes('reconciler: queue or store unreachable'), 20_000, 'a failed pass');

    redis = await startRedis({ port: redis.port });
    const worker = spawnNode('src/cli.ts', ['worker', '--concurrency', '2'], { ...env, LOG_LEVEL: 'info' });
    cleanups.push(() => {
      worker.child.kill('SIGKILL');
    });
    await waitForOutput(worker, /"msg":"worker ready"/);

    const recovered = Date.now();
    await waitFor(
      async () => {
        for (const id of ids) {
          const s = await api.ctx.stores.shortlists.get(id);
          if (s?.status !== 'done') return false;
        }
        return true;
      },
      60_000,
      `all ${ids.length} lists to be done`,
      100,
    );
    const recoveryMs = Date.now() - recovered;

    // Exactly once: one finished run per list, all in the worker.
    const done = logLines(worker.output()).filter((l) => l.msg === 'job done');
    const runs = new Map<string, number>();
    for (const line of done) runs.set(String(line.jobId), (runs.get(String(line.jobId)) ?? 0) + 1);
    for (const id of ids) expect(runs.get(`shortlist-${id}`), id).toBe(1);
    const reenqueued = logLines(apiLog)
      .concat(logLines(worker.output()))
      .filter((l) => String(l.msg).startsWith('reconciler: re-enqueued'))
      .reduce((n, l) => n + Number(l.enqueued), 0);
    expect(reenqueued).toBeGreaterThanOrEqual(ids.length);

    // The outage is reported once per client, not at every reconnect, and no ioredis error goes unhandled.
    const queueErrors = logLines(apiLog).filter((l) => l.msg === 'queue error (retrying)');
    expect(queueErrors.length).toBeGreaterThanOrEqual(1);
    expect(queueErrors.length).toBeLessThanOrEqual(2);
    expect(
      logLines(apiLog).filter((l) => String(l.msg).startsWith('rate-limit Redis unreachable')),
    ).toHaveLength(1);
    const unhandled = consoleErrors.mock.calls.filter((c) => String(c[0]).includes('Unhandled error event'));
    expect(unhandled).toEqual([]);
    expect(worker.output()).not.toContain('Unhandled error event');
    console.log(
      `redis loss: ${ids.length} lists; POST during outage ${during.status} in ${duringMs} ms; ` +
        `all done ${recoveryMs} ms after the worker was ready`,
    );
  });
});
