import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';
import type { JobHandlers } from '../../src/jobs/catalog.ts';
import { reconcileOnce } from '../../workers/reconciler.ts';
import { jobOrderInputFixture } from '../ports/fixtures.ts';
import { waitFor } from '../support/wait.ts';

/** The rows are the source of truth: the reconciler brings the queue in line with them. Embedded queue here;
 * test/runtime/redis-loss.test.ts does the same against a Redis that lost everything. */
describe('reconciler', () => {
  let dir: string;
  let ctx: AppContext;
  let orderId: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vm-reconcile-'));
    ctx = await createContext(
      loadConfig({ DATA_DIR: dir, CPR_HASH_KEY: 'reconciler-test-key-reconciler-test' }),
    );
    const [order] = await ctx.stores.jobOrders.upsert([{ jobOrder: jobOrderInputFixture() }]);
    orderId = order!.id;
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queuedList = () =>
    ctx.stores.shortlists.create({ jobOrderId: orderId, scope: 'own', size: 5, strategy: 'fit-first' });

  it('enqueues a queued list the queue has no job for, once, and the list then completes', async () => {
    const lost = await queuedList();
    expect(await ctx.queue.getJob(`shortlist-${lost.id}`)).toBeUndefined();

    expect(await reconcileOnce(ctx)).toEqual({ enqueued: [lost.id], failed: [] });
    expect(await ctx.queue.getJob(`shortlist-${lost.id}`)).toMatchObject({ state: 'waiting' });
    // The job is live now: a second pass (another process's reconciler) leaves it alone.
    expect(await reconcileOnce(ctx)).toEqual({ enqueued: [], failed: [] });

    await ctx.queue.startWorkers(ctx.handlers, { concurrency: 1 });
    await waitFor(async () => (await ctx.stores.shortlists.get(lost.id))?.status === 'done', 20_000);
    expect(await ctx.queue.getJob(`shortlist-${lost.id}`)).toMatchObject({ state: 'completed', attempts: 1 });
    expect(await reconcileOnce(ctx)).toEqual({ enqueued: [], failed: [] });
  });

  it('also enqueues a list left running (its job lost mid-run) and a queued bundle without a job', async () => {
    const running = await queuedList();
    await ctx.stores.shortlists.markRunning(running.id);
    const bundle = await ctx.stores.bundles.create({
      jobOrderId: orderId,
      jobcenter: '751',
      candidateIds: ['c-1'],
      createdBy: 'tok',
    });
    const result = await reconcileOnce(ctx);
    expect(result.enqueued.sort()).toEqual([running.id, bundle.id].sort());
    expect(await ctx.queue.getJob(`bundle-${bundle.id}`)).toMatchObject({ name: 'bundle', state: 'waiting' });
  });

  it('marks a list failed, with the job error, when the queue gave its job up', async () => {
    const list = await queuedList();
    await ctx.queue.enqueue('shortlist', { shortlistId: list.id }, { jobId: `shortlist-${list.id}` });
    // A handler that fails without touching the row (say, its process could not reach the store at the end).
    const broken = async () => {
      throw new Error('the index is unreachable');
    };
    await ctx.queue.startWorkers({ ...ctx.handlers, shortlist: broken } satisfies JobHandlers, {
      concurrency: 1,
    });
    await waitFor(async () => (await ctx.queue.getJob(`shortlist-${list.id}`))?.state === 'failed', 20_000);
    expect((await ctx.stores.shortlists.get(list.id))?.status).toBe('queued');

    expect(await reconcileOnce(ctx)).toEqual({ enqueued: [], failed: [list.id] });
    const failed = await ctx.stores.shortlists.get(list.id);
    expect(failed).toMatchObject({ status: 'failed', error: 'the job failed: the index is unreachable' });
  });
});
