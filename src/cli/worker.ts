import { parseArgs } from 'node:util';
import { loggedHandlers } from '../../workers/logged-handlers.ts';
import { loadConfig } from '../config.ts';
import { createContext } from '../context.ts';
import { createLogger } from '../runtime/logger.ts';
import { shutdownSignal } from '../runtime/shutdown.ts';
import { scheduleReconciler } from '../runtime/start.ts';
import { type CliIo, UsageError, write } from './io.ts';

const USAGE = `usage: vikar worker [--concurrency N]
  Consumes the job queue until SIGTERM or SIGINT, then finishes the jobs in flight and exits 0.
  With REDIS_URL: the BullMQ queue (run as many worker processes as you like). Without: the embedded queue in
  DATA_DIR, next to a server started with IN_PROCESS_WORKERS=false or the CLI.
  Concurrency defaults to WORKER_CONCURRENCY.`;

export async function main(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  const config = loadConfig(io.env);
  const concurrency =
    values.concurrency === undefined ? config.WORKER_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency must be a whole number from 1 to 64');

  const log = createLogger(config, io.stdout, 'vikarmatch-worker');
  // Listening before the (possibly long) index build: a SIGTERM during start-up still ends in a clean exit.
  const signal = shutdownSignal(log);
  const ctx = await createContext(config, {
    onQueueError: (error) => log.error({ err: error }, 'queue error (retrying)'),
    onFeedError: (error) => log.error({ err: error }, 'candidate change feed error (retrying)'),
    onNotice: (fields, message) => log.warn(fields, message),
  });
  try {
    await ctx.queue.startWorkers(loggedHandlers(ctx.handlers, log), { concurrency });
    const stopReconciler = scheduleReconciler(ctx, log);
    log.info(
      {
        queue: ctx.queue.name,
        index: ctx.index.name,
        concurrency,
        candidatesIndexed: await ctx.index.count(),
      },
      'worker ready',
    );
    const received = await signal;
    log.info({ signal: received }, 'stopping: no new jobs, draining the ones in flight');
    await stopReconciler();
    await ctx.queue.stopWorkers();
    log.info('drained; closing');
  } finally {
    await ctx.close();
  }
  log.info('worker stopped');
  return 0;
}
