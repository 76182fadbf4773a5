import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { logLines, type Spawned, spawnNode, waitForOutput } from '../runtime/processes.ts';
import { startRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';

const LEASE_MS = 1_000;
/** The handler takes this long: four leases, so it keeps its job only by renewing the lease. */
const SLOW_MS = 4 * LEASE_MS;
/** Worker A is killed once it has held the job this long: well past one lease, so renewal has been needed. */
const KILL_AFTER_MS = 2.5 * LEASE_MS;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const jobLines = (worker: Spawned, jobId: string, msg: string) =>
  logLines(worker.output()).filter((l) => l.msg === msg && l.jobId === jobId);

/**
 * The real shortlist handler (made slower than the lease) in two live worker processes; the one holding the job is
 * killed with -9 in the middle of it. While it lives, the other must not take the job (its lease is renewed);
 * after it died, the other takes it over once the lease lapses, and the list is done exactly once.
 */
describe.each(['embedded', 'bullmq'] as const)(
  '%s: a worker killed mid-shortlist, a second one live',
  (adapter) => {
    it('keeps the job while the worker lives, hands it over when it dies, and finishes the list once', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'vikarmatch-crash-real-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = {
        DATA_DIR: dataDir,
        CPR_HASH_KEY: 'crash-real-test-key-crash-real-test',
        QUEUE_LEASE_MS: String(LEASE_MS),
        // Only the queue's own takeover is under test here.
        RECONCILE_INTERVAL_MS: '0',
      };
      if (adapter === 'bullmq') {
        const redis = await startRedis();
        cleanups.push(() => redis.stop());
        env.REDIS_URL = redis.url;
        env.REDIS_PREFIX = `crash-real-${randomUUID()}`;
      }
      const api = await startServer(
        loadConfig({ ...env, PORT: '0', SEED_DEMO_CANDIDATES: '150', IN_PROCESS_WORKERS: 'false' }),
        new PassThrough().resume(),
      );
      cleanups.push(() => api.stop());
      const token = readFileSync(join(dataDir, 'demo-tokens.txt'), 'utf8').match(
        /konsulent 751 [^:]*: (\S+)/,
      )![1]!;

      const workerEnv = { ...env, SLOW_SHORTLIST_MS: String(SLOW_MS), LOG_LEVEL: 'debug' };
      const workers = [0, 1].map(() => spawnNode('test/support/slow-shortlist-worker.ts', [], workerEnv));
      for (const w of workers) {
        cleanups.push(() => {
          w.child.kill('SIGKILL');
        });
      }
      for (const w of workers) await waitForOutput(w, /"msg":"worker ready"/);

      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const order = await fetch(`${api.url}/v1/job-orders`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          externalId: `crash-${randomUUID()}`,
          jobcenter: '751',
          company: { cvr: '12345674', name: 'Nordlager A/S' },
          title: 'Lagermedarbejder',
          postalCode: '8000',
          tasks: 'Plukning, pakning og varemodtagelse',
          niceToHave: ['lager', 'truckcertifikat'],
          weeklyHours: 30,
          period: { from: '2027-01-04', to: '2027-06-30' },
        }),
      });
      expect(order.status, await order.clone().text()).toBe(201);
      const { id: orderId } = (await order.json()) as { id: string };
      const res = await fetch(`${api.url}/v1/job-orders/${orderId}/shortlists`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ size: 10, scope: 'own' }),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      const jobId = `shortlist-${id}`;

      const holder = await waitFor(
        () => workers.find((w) => jobLines(w, jobId, 'job started').length > 0),
        20_000,
        'a worker to start the job',
      );
      const other = workers.find((w) => w !== holder)!;
      // The holder is past one lease (and, the time being measured inside it, past any renewal it needed).
      await waitFor(
        () => jobLines(holder, jobId, 'still working').some((l) => Number(l.ms) >= KILL_AFTER_MS),
        20_000,
        `the holder to work on the job for ${KILL_AFTER_MS} ms`,
      );
      expect((await api.ctx.stores.shortlists.get(id))?.status).toBe('running');
      // Renewal: in all that time the live second worker never got the job.
      expect(jobLines(other, jobId, 'job started')).toEqual([]);

      holder.child.kill('SIGKILL');
      await holder.exited;
      const killedAt = Date.now();

      const done = await waitFor(
        async () => {
          const s = await api.ctx.stores.shortlists.get(id);
          return s?.status === 'done' || s?.status === 'failed' ? s : undefined;
        },
        30_000,
        'the list to finish',
        50,
      );
      const takeoverMs = Date.now() - killedAt;
      expect(done.status).toBe('done');
      expect(done.entries.length).toBeGreaterThan(0);
      // Exactly once: the holder never finished, the other worker took over (a second attempt) and finished once.
      expect(jobLines(holder, jobId, 'job done')).toEqual([]);
      expect(jobLines(other, jobId, 'job started')).toHaveLength(1);
      expect(jobLines(other, jobId, 'job started')[0]).toMatchObject({ attempt: 2 });
      expect(jobLines(other, jobId, 'job done')).toHaveLength(1);
      // The taking-over run was slower than the lease as well: with no one left to steal it, it still ran once.
      expect(jobLines(other, jobId, 'still working').some((l) => Number(l.ms) >= SLOW_MS - 200)).toBe(true);
      const candidacies = await api.ctx.stores.candidacies.list(done.jobOrderId);
      expect(new Set(candidacies.map((c) => c.candidateId)).size).toBe(candidacies.length);
      console.log(
        `${adapter}: list done ${takeoverMs} ms after the holder was killed (lease ${LEASE_MS} ms)`,
      );
    });
  },
);
