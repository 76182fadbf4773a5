/**
 * A worker process for test/adapters/queue-crash.test.ts: the real composition (createContext from the
 * environment, the real job handlers, the configured QUEUE_LEASE_MS) with the shortlist handler made slower than
 * the lease, so a run must renew its lease to keep the job:
 *   SLOW_SHORTLIST_MS=<ms> node --import tsx test/support/slow-shortlist-worker.ts
 * The slow part comes after the list is marked running, as the real handler's scoring would; while in it the
 * worker logs a 'still working' line every 200 ms with the time since the job started.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { loggedHandlers } from '../../workers/logged-handlers.ts';

async function main(): Promise<void> {
  const slowMs = Number(process.env.SLOW_SHORTLIST_MS ?? '0');
  const config = loadConfig(process.env);
  const log = createLogger(config, process.stdout, 'slow-worker');
  const ctx = await createContext(config);
  const real = ctx.handlers.shortlist;
  const handlers = loggedHandlers(
    {
      ...ctx.handlers,
      shortlist: async (payload, job) => {
        await ctx.stores.shortlists.markRunning(payload.shortlistId);
        const started = Date.now();
        while (Date.now() - started < slowMs) {
          await sleep(200);
          log.info({ jobId: job.id, attempt: job.attempt, ms: Date.now() - started }, 'still working');
        }
        await real(payload, job);
      },
    },
    log,
  );
  await ctx.queue.startWorkers(handlers, { concurrency: 1 });
  log.info({ pid: process.pid }, 'worker ready');
  process.once('SIGTERM', () => {
    ctx.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
