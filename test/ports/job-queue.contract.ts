import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobHandlers } from '../../src/jobs/catalog.ts';
import type { JobQueue } from '../../src/ports/job-queue.ts';
import { waitFor } from '../support/wait.ts';

export interface JobQueueFixture {
  queue: JobQueue;
  /** A fresh queue instance on the same backing store, as a restarted process would open it. */
  reopen: () => Promise<JobQueue>;
  /** Closes every queue the fixture opened (close may already have been called) and removes the store. */
  cleanup: () => Promise<void>;
}

// Retries back off 500 ms then 1 s (catalog: shortlist), so a three-attempt job needs a few seconds.
const DEADLINE_MS = 15_000;

function unexpected(name: string) {
  return async () => {
    throw new Error(`the contract suite does not expect a '${name}' job here`);
  };
}

function handlers(overrides: Partial<JobHandlers>): JobHandlers {
  return {
    shortlist: unexpected('shortlist'),
    reindex: unexpected('reindex'),
    bundle: unexpected('bundle'),
    retention: unexpected('retention'),
    ...overrides,
  };
}

function shortlistId(): string {
  return `shortlist-${randomUUID()}`;
}

async function waitForState(queue: JobQueue, id: string, state: 'completed' | 'failed') {
  return waitFor(
    async () => {
      const job = await queue.getJob(id);
      return job?.state === state ? job : undefined;
    },
    DEADLINE_MS,
    `job ${id} to be ${state}`,
  );
}

/** A promise with its resolve function, for a handler the test lets finish when it chooses. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** What every JobQueue adapter must do; run by test/adapters/job-queue.test.ts for each of them. */
export function jobQueueContract(name: string, make: () => Promise<JobQueueFixture>) {
  describe(`JobQueue contract: ${name}`, () => {
    let fixture: JobQueueFixture;
    let queue: JobQueue;

    beforeEach(async () => {
      fixture = await make();
      queue = fixture.queue;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('answers ping and knows nothing of an unknown job', async () => {
      await expect(queue.ping()).resolves.toBeUndefined();
      expect(await queue.getJob(shortlistId())).toBeUndefined();
    });

    it('runs a job with its parsed payload and marks it completed', async () => {
      const seen: unknown[] = [];
      await queue.startWorkers(
        handlers({
          reindex: async (payload, job) => {
            seen.push({ payload, job });
          },
        }),
        { concurrency: 1 },
      );
      // The schema's default fills `reason`: the handler gets the parsed payload, not the raw one.
      const { id } = await queue.enqueue('reindex', {});
      const job = await waitForState(queue, id, 'completed');
      expect(job).toMatchObject({ id, name: 'reindex', state: 'completed', attempts: 1 });
      expect(seen).toEqual([{ payload: { reason: 'manual' }, job: { id, attempt: 1, maxAttempts: 2 } }]);
    });

    it('runs a job enqueued twice under the same jobId once, also after it completed', async () => {
      const ran: string[] = [];
      const record = async ({ shortlistId }: { shortlistId: string }) => {
        ran.push(shortlistId);
      };
      const jobId = shortlistId();
      expect(await queue.enqueue('shortlist', { shortlistId: 'first' }, { jobId })).toEqual({ id: jobId });
      expect(await queue.enqueue('shortlist', { shortlistId: 'second' }, { jobId })).toEqual({ id: jobId });
      // With one worker, jobs run in order: once the later job is done, a duplicate would have run too.
      const before = await queue.enqueue('shortlist', { shortlistId: 'sentinel-1' });
      await queue.startWorkers(handlers({ shortlist: record }), { concurrency: 1 });
      await waitForState(queue, before.id, 'completed');
      expect(ran).toEqual(['first', 'sentinel-1']);

      expect(await queue.enqueue('shortlist', { shortlistId: 'third' }, { jobId })).toEqual({ id: jobId });
      const after = await queue.enqueue('shortlist', { shortlistId: 'sentinel-2' });
      await waitForState(queue, after.id, 'completed');
      expect(ran).toEqual(['first', 'sentinel-1', 'sentinel-2']);
      expect(await queue.getJob(jobId)).toMatchObject({ state: 'completed', attempts: 1 });
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const attempts: number[] = [];
      await queue.startWorkers(
        handlers({
          shortlist: async (_payload, job) => {
            attempts.push(job.attempt);
            if (job.attempt < 3) throw new Error(`transient failure ${job.attempt}`);
          },
        }),
        { concurrency: 1 },
      );
      const { id } = await queue.enqueue('shortlist', { shortlistId: 'flaky' }, { jobId: shortlistId() });
      const job = await waitForState(queue, id, 'completed');
      expect(job).toMatchObject({ state: 'completed', attempts: 3 });
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('fails a job that keeps throwing after exactly the catalog attempts, with its error', async () => {
      let calls = 0;
      const runs: Array<{ attempt: number; maxAttempts: number }> = [];
      await queue.startWorkers(
        handlers({
          shortlist: async (_payload, job) => {
            calls++;
            runs.push({ attempt: job.attempt, maxAttempts: job.maxAttempts });
            throw new Error('the store is gone');
          },
        }),
        { concurrency: 1 },
      );
      const { id } = await queue.enqueue('shortlist', { shortlistId: 'doomed' }, { jobId: shortlistId() });
      const job = await waitForState(queue, id, 'failed');
      expect(job).toMatchObject({ state: 'failed', attempts: 3, error: 'the store is gone' });
      // Catalog: shortlist has attempts 3.
      expect(calls).toBe(3);
      // The handler can tell its last try (attempt === maxAttempts) and give up on its own row there.
      expect(runs).toEqual([
        { attempt: 1, maxAttempts: 3 },
        { attempt: 2, maxAttempts: 3 },
        { attempt: 3, maxAttempts: 3 },
      ]);
    });

    it('fails a job with an invalid payload after one attempt, without calling the handler', async () => {
      let calls = 0;
      await queue.startWorkers(
        handlers({
          shortlist: async () => {
            calls++;
          },
        }),
        { concurrency: 1 },
      );
      // Bypasses the types the way an old producer or a hand-made job would.
      const { id } = await queue.enqueue('shortlist', { shortlistId: 42 } as never, { jobId: shortlistId() });
      const job = await waitForState(queue, id, 'failed');
      expect(job.attempts).toBe(1);
      expect(job.error).toMatch(/invalid payload for job 'shortlist'/);
      expect(calls).toBe(0);
    });

    it('runs jobs side by side up to the concurrency', async () => {
      const spans = new Map<string, { start: number; end: number }>();
      let started = 0;
      const both = gate();
      const a = await queue.enqueue('shortlist', { shortlistId: 'a' });
      const b = await queue.enqueue('shortlist', { shortlistId: 'b' });
      await queue.startWorkers(
        handlers({
          shortlist: async ({ shortlistId }) => {
            const start = Date.now();
            if (++started === 2) both.open();
            // Holds until the other job has started too; capped, so one-at-a-time processing ends without overlap.
            await Promise.race([both.opened, new Promise((resolve) => setTimeout(resolve, 3_000))]);
            await new Promise((resolve) => setTimeout(resolve, 50));
            spans.set(shortlistId, { start, end: Date.now() });
          },
        }),
        { concurrency: 2 },
      );
      await waitForState(queue, a.id, 'completed');
      await waitForState(queue, b.id, 'completed');
      const first = spans.get('a')!;
      const second = spans.get('b')!;
      expect(Math.max(first.start, second.start)).toBeLessThan(Math.min(first.end, second.end));
    });

    it('stopWorkers lets the running job finish, takes no new job, and workers can start again', async () => {
      const events: string[] = [];
      const release = gate();
      const running = gate();
      await queue.startWorkers(
        handlers({
          shortlist: async ({ shortlistId }) => {
            if (shortlistId === 'slow') {
              running.open();
              await release.opened;
            }
            events.push(`finished ${shortlistId}`);
          },
        }),
        { concurrency: 1 },
      );
      const slow = await queue.enqueue('shortlist', { shortlistId: 'slow' });
      await running.opened;
      expect(await queue.counts()).toMatchObject({ active: 1 });

      const stopped = queue.stopWorkers().then(() => events.push('stopped'));
      // The job outlives this delay; a stopWorkers that did not wait would resolve within it.
      setTimeout(release.open, 200);
      await stopped;
      expect(events).toEqual(['finished slow', 'stopped']);
      expect(await queue.getJob(slow.id)).toMatchObject({ state: 'completed' });

      const later = await queue.enqueue('shortlist', { shortlistId: 'later' });
      expect(await queue.getJob(later.id)).toMatchObject({ state: 'waiting' });
      await queue.startWorkers(handlers({ shortlist: async () => void events.push('finished later') }), {
        concurrency: 1,
      });
      await waitForState(queue, later.id, 'completed');
      expect(events).toEqual(['finished slow', 'stopped', 'finished later']);
    });

    it('keeps jobs enqueued while no worker runs for the next process', async () => {
      const one = await queue.enqueue('shortlist', { shortlistId: 'one' }, { jobId: shortlistId() });
      const two = await queue.enqueue('reindex', { reason: 'nightly' });
      expect(await queue.counts()).toMatchObject({ waiting: 2, active: 0 });
      await queue.close();

      const reopened = await fixture.reopen();
      const ran: string[] = [];
      await reopened.startWorkers(
        handlers({
          shortlist: async ({ shortlistId }) => void ran.push(shortlistId),
          reindex: async ({ reason }) => void ran.push(reason),
        }),
        { concurrency: 1 },
      );
      await waitForState(reopened, one.id, 'completed');
      await waitForState(reopened, two.id, 'completed');
      expect(ran.sort()).toEqual(['nightly', 'one']);
    });

    it('counts jobs by state', async () => {
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0 });
      await queue.startWorkers(handlers({ shortlist: async () => {} }), { concurrency: 1 });
      const ok = await queue.enqueue('shortlist', { shortlistId: 'ok' });
      const bad = await queue.enqueue('shortlist', { shortlistId: '' });
      await waitForState(queue, ok.id, 'completed');
      await waitForState(queue, bad.id, 'failed');
      await queue.stopWorkers();
      await queue.enqueue('shortlist', { shortlistId: 'w1' });
      await queue.enqueue('reindex', {});
      const counts = await queue.counts();
      expect(counts).toEqual({ waiting: 2, active: 0, completed: 1, failed: 1 });
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(4);
    });
  });
}
