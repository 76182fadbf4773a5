import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../src/adapters/bullmq/queue.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { startRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait.ts';
import { createOrderAndShortlist } from './http.ts';
import { logLines, spawnNode, waitForOutput } from './processes.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('BullMQ: the API enqueues, a separate `vikar worker` process consumes', () => {
  it('completes shortlists requested over HTTP, sees new candidates, and drains a job in flight on SIGTERM', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'vikarmatch-worker-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `runtime-${randomUUID()}`,
      CPR_HASH_KEY: 'runtime-test-key-runtime-test-key',
    };

    // The API process (in this process): with REDIS_URL it only enqueues.
    let apiLog = '';
    const apiOut = new PassThrough().on('data', (chunk: Buffer) => {
      apiLog += chunk.toString('utf8');
    });
    const api = await startServer(
      loadConfig({ ...env, PORT: '0', SEED_DEMO_CANDIDATES: '150', LOG_LEVEL: 'info' }),
      apiOut,
    );
    cleanups.push(() => api.stop());
    expect(apiLog).toContain('bullmq, enqueue only');
    const token = readFileSync(join(dataDir, 'demo-tokens.txt'), 'utf8').match(
      /konsulent 751 [^:]*: (\S+)/,
    )![1]!;

    const worker = spawnNode('src/cli.ts', ['worker', '--concurrency', '2'], { ...env, LOG_LEVEL: 'debug' });
    cleanups.push(() => {
      worker.child.kill('SIGKILL');
    });
    await waitForOutput(worker, /"msg":"worker ready"/);

    const first = await createOrderAndShortlist(api.url, token);
    expect(first.shortlist.status).toBe('done');
    expect(first.shortlist.entries.length).toBeGreaterThan(0);
    // The worker process ran it, not the API process.
    const ranBy = (log: string) =>
      logLines(log).filter((l) => l.msg === 'job done' && l.jobId === `shortlist-${first.shortlistId}`);
    expect(ranBy(worker.output())).toHaveLength(1);
    expect(ranBy(apiLog)).toHaveLength(0);

    // A candidate written through the API after the worker built its index is in the worker's next shortlist.
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const added = await fetch(`${api.url}/v1/candidates`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        externalId: 'runtime-new-1',
        jobcenter: '751',
        name: 'Mette Hansen',
        postalCode: '8000',
        unemployedSince: '2026-01-15',
        benefit: 'dagpenge',
        weeklyHours: 37,
        competences: ['lager', 'truckcertifikat B', 'plukning'],
        consent: { searchable: true, shareWithPool: true },
      }),
    });
    expect(added.status, await added.clone().text()).toBe(201);
    const { id: newCandidateId } = (await added.json()) as { id: string };
    const again = await fetch(`${api.url}/v1/job-orders/${first.orderId}/shortlists`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ size: 500, scope: 'own' }),
    });
    const { id: againId } = (await again.json()) as { id: string };
    const second = await waitFor(async () => {
      const s = await api.ctx.stores.shortlists.get(againId);
      return s?.status === 'done' || s?.status === 'failed' ? s : undefined;
    });
    expect(second.status).toBe('done');
    expect(second.candidatesConsidered).toBe(first.shortlist.candidatesConsidered + 1);
    expect([...second.entries, ...second.nearMisses].map((e) => e.candidateId)).toContain(newCandidateId);

    // Drain: hold the Store's write lock so the next job stops inside its handler (marking the shortlist
    // running), send SIGTERM while it is there, then let it go. The job must finish and the worker exit 0.
    const order = first.orderId;
    const blocker = new Database(join(dataDir, 'vikarmatch.db'));
    cleanups.push(() => {
      if (blocker.inTransaction) blocker.exec('ROLLBACK');
      blocker.close();
    });
    const held = await api.ctx.stores.shortlists.create({
      jobOrderId: order,
      scope: 'own',
      size: 10,
      strategy: 'fit-first',
    });
    blocker.exec('BEGIN IMMEDIATE');
    const jobId = `shortlist-${held.id}`;
    await api.ctx.queue.enqueue('shortlist', { shortlistId: held.id }, { jobId });
    const probe = new BullJobQueue({ url: redis.url, prefix: env.REDIS_PREFIX });
    cleanups.push(() => probe.close());
    // The busy timeout (5 s) is the budget: the lock is released well within it.
    await waitFor(
      async () => (await probe.getJob(jobId))?.state === 'active',
      3_000,
      'the job to be active',
      10,
    );
    worker.child.kill('SIGTERM');
    blocker.exec('ROLLBACK');

    expect(await worker.exited).toBe(0);
    expect((await probe.getJob(jobId))?.state).toBe('completed');
    expect((await api.ctx.stores.shortlists.get(held.id))?.status).toBe('done');
    const messages = logLines(worker.output()).map((l) => l.msg);
    expect(messages).toContain('stopping: no new jobs, draining the ones in flight');
    expect(messages.at(-1)).toBe('worker stopped');
    expect(logLines(worker.output()).filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});

describe('embedded: `vikar worker` next to a server that does not consume', () => {
  it('consumes the SQLite queue in the shared DATA_DIR and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vikarmatch-worker-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, CPR_HASH_KEY: 'runtime-test-key-runtime-test-key' };
    let apiLog = '';
    const apiOut = new PassThrough().on('data', (chunk: Buffer) => {
      apiLog += chunk.toString('utf8');
    });
    const api = await startServer(
      loadConfig({ ...env, PORT: '0', SEED_DEMO_CANDIDATES: '150', IN_PROCESS_WORKERS: 'false' }),
      apiOut,
    );
    cleanups.push(() => api.stop());
    expect(apiLog).toContain('embedded, enqueue only');
    const token = readFileSync(join(dataDir, 'demo-tokens.txt'), 'utf8').match(
      /konsulent 751 [^:]*: (\S+)/,
    )![1]!;

    const worker = spawnNode('src/cli.ts', ['worker'], env);
    cleanups.push(() => {
      worker.child.kill('SIGKILL');
    });
    await waitForOutput(worker, /"msg":"worker ready"/);
    expect(logLines(worker.output()).find((l) => l.msg === 'worker ready')).toMatchObject({
      queue: 'embedded',
    });

    const { shortlist, shortlistId } = await createOrderAndShortlist(api.url, token);
    expect(shortlist.status).toBe('done');
    expect(shortlist.entries.length).toBeGreaterThan(0);
    expect(
      logLines(worker.output()).filter((l) => l.msg === 'job done' && l.jobId === `shortlist-${shortlistId}`),
    ).toHaveLength(1);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});
