import { parseArgs } from 'node:util';
import { type Logger, pino } from 'pino';
import type { JobHandler, JobHandlers, JobName } from '../../workers/catalog.ts';
import { REDACT_PATHS } from '../api/plugins/logging.ts';
import { type Config, loadConfig } from '../config.ts';
import { createContext } from '../context.ts';
import { type CliIo, UsageError, write } from './io.ts';

const USAGE = `usage: vikar worker [--concurrency N]
  Consumes the job queue until SIGTERM or SIGINT, then finishes the jobs in flight and exits 0.
  With REDIS_URL: the BullMQ queue (run as many worker processes as you like). Without: the embedded queue in
  DATA_DIR, next to a server started with IN_PROCESS_WORKERS=false or the CLI.
  Concurrency defaults to WORKER_CONCURRENCY.`;

/** The service logger: JSON lines, CPR, names, emails and phones redacted (the API's paths). */
export function createLogger(config: Config, destination: NodeJS.WritableStream, service: string): Logger {
  return pino(
    {
      // Not pino's `name`: that key is redacted as a person's name.
      base: { pid: process.pid, service },
      level: config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}

/** Each job gets a start and an end line with its duration; a failure is logged and rethrown for the retry policy. */
export function loggedHandlers(handlers: JobHandlers, log: Logger): JobHandlers {
  const wrap = <N extends JobName>(name: N, handler: JobHandler<N>): JobHandler<N> => {
    return async (payload, job) => {
      const started = process.hrtime.bigint();
      // Payloads hold ids only (shortlistId, a reason), never personal data.
      const fields = { job: name, jobId: job.id, attempt: job.attempt, payload };
      log.debug(fields, 'job started');
      try {
        await handler(payload, job);
        log.info({ ...fields, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'job done');
      } catch (error) {
        log.warn({ ...fields, err: error }, 'job failed');
        throw error;
      }
    };
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      wrap(name as JobName, handler as JobHandler<JobName>),
    ]),
  ) as JobHandlers;
}

/**
 * Resolves with the first SIGTERM or SIGINT. A second one while the process drains exits at once with 130: an
 * operator pressing Ctrl-C twice means it.
 */
export function shutdownSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn({ signal }, 'second signal while shutting down: exiting without draining');
        process.exit(130);
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

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
  });
  try {
    await ctx.queue.startWorkers(loggedHandlers(ctx.handlers, log), { concurrency });
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
    await ctx.queue.stopWorkers();
    log.info('drained; closing');
  } finally {
    await ctx.close();
  }
  log.info('worker stopped');
  return 0;
}
