import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { consumesInProcess, createContext } from '../context.ts';
import { type CliIo, NOT_CONSUMING, UsageError, waitUntil, write } from './io.ts';

const USAGE = `usage: vikar reindex
  Rebuilds the candidate index from the Store: the way to refill a Meilisearch index (MEILI_URL) that was lost,
  emptied or built by another version. Queues the reindex job; where this process consumes the queue (no
  REDIS_URL, or IN_PROCESS_WORKERS=true) it also runs it and waits for it, otherwise a \`vikar worker\` does.
  The embedded index needs none of this: every process rebuilds it from the Store when it starts.`;

/** A full rebuild of a large pool takes minutes; past this the command stops waiting (the job goes on). */
const WAIT_MS = 60 * 60_000;

export async function main(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`vikar reindex takes no arguments\n${USAGE}`);

  const config = loadConfig(io.env);
  const ctx = await createContext(config);
  try {
    const job = await ctx.queue.enqueue('reindex', { reason: 'vikar reindex' });
    write(io.stderr, `reindex job ${job.id} queued`);
    if (!consumesInProcess(config)) {
      write(io.stderr, NOT_CONSUMING);
      write(io.stdout, job.id);
      return 0;
    }
    await ctx.queue.startWorkers(ctx.handlers, { concurrency: 1 });
    const done = await waitUntil(
      () => ctx.queue.getJob(job.id),
      (j) => j.state === 'completed' || j.state === 'failed',
      WAIT_MS,
      `reindex job ${job.id} did not finish within ${WAIT_MS / 60_000} minutes`,
    );
    if (done.state === 'failed') {
      write(io.stderr, `reindex job ${job.id} failed: ${done.error ?? 'unknown error'}`);
      return 1;
    }
    write(io.stdout, `index ${ctx.index.name} rebuilt from the Store: ${await ctx.index.count()} candidates`);
    return 0;
  } finally {
    await ctx.close();
  }
}
