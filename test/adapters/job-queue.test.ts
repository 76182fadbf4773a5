import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidJobId, BullJobQueue } from '../../src/adapters/bullmq/queue.ts';
import { SqliteJobQueue } from '../../src/adapters/embedded-queue/sqlite-job-queue.ts';
import type { JobQueue } from '../../src/ports/job-queue.ts';
import { jobQueueContract } from '../ports/job-queue.contract.ts';
import { startRedis } from '../support/redis.ts';

/** Opens queues through `open` and closes every one of them at cleanup, whichever the test already closed. */
function tracked<Q extends JobQueue>(open: () => Q, removeStore: () => void = () => {}) {
  const opened: Q[] = [];
  const next = () => {
    const queue = open();
    opened.push(queue);
    return queue;
  };
  return {
    queue: next(),
    reopen: async () => next(),
    cleanup: async () => {
      for (const queue of opened) await queue.close();
      removeStore();
    },
  };
}

// A file, not ':memory:': durability means a second instance sees what the first one wrote.
jobQueueContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vikarmatch-queue-'));
  const file = join(dir, 'queue.db');
  return tracked(
    () => new SqliteJobQueue(file),
    () => rmSync(dir, { recursive: true, force: true }),
  );
});

let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

// One key prefix per test keeps them apart on the shared server.
jobQueueContract('bullmq', async () => {
  const url = redis!.url;
  const prefix = `contract-${randomUUID()}`;
  return tracked(() => new BullJobQueue({ url, prefix }));
});

describe('BullJobQueue job ids', () => {
  it('rejects ids BullMQ cannot store, with a clear message', () => {
    expect(() => assertValidJobId(`shortlist-${randomUUID()}`)).not.toThrow();
    expect(() => assertValidJobId('shortlist:1')).toThrow(/contain no ':'/);
    expect(() => assertValidJobId('42')).toThrow(/not an integer/);
    expect(() => assertValidJobId('')).toThrow(/non-empty/);
  });
});
