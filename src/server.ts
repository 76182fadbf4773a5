/**
 * `npm start`: the HTTP API on a listening port. On an empty DATA_DIR it first seeds demo data (SEED_DEMO) and
 * prints the tokens; without REDIS_URL it also runs the queue's workers in this process. SIGTERM or SIGINT: stop
 * accepting requests, finish the ones in flight and the running jobs, close everything, exit 0.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { loggedHandlers } from '../workers/logged-handlers.ts';
import { buildApp } from './app.ts';
import { type CliIo, UsageError, write } from './cli/io.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type AppContext, consumesInProcess, createContext } from './context.ts';
import { DEMO_JOBCENTRE, DEMO_TOKENS_FILE, type SeedResult, seedDemo, shouldSeed } from './demo/seed.ts';
import { createLogger } from './runtime/logger.ts';
import { shutdownSignal } from './runtime/shutdown.ts';

/** A URL a person can open: a wildcard bind address is reachable as localhost. */
function publicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

export function banner(config: Config, url: string, seeded: SeedResult | undefined, workers: string): string {
  const rule = '='.repeat(78);
  const lines = [
    '',
    rule,
    `  Vikarmatch is listening on ${url}`,
    `  API docs (Swagger UI):     ${url}/docs`,
    `  Health:                    ${url}/health/ready`,
    `  Job queue:                 ${workers}`,
  ];
  if (seeded) {
    const konsulent = DEMO_JOBCENTRE.map(
      (jc) => `    konsulent ${jc.id} (${jc.name}): ${seeded.tokens.konsulent[jc.id]}`,
    );
    lines.push(
      '',
      `  Demo data seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${seeded.candidates} candidates and ` +
        `${seeded.jobOrders} job orders across jobcentre ${seeded.jobcentre.map((j) => j.id).join(', ')}.`,
      '  Demo tokens (shown only now; also saved to the file below, readable by this user only):',
      ...konsulent,
      seeded.tokens.admin ? `    admin: ${seeded.tokens.admin}` : '    admin: the ADMIN_TOKEN you configured',
      `  Saved to: ${seeded.tokensFile}`,
      '',
      `  Try:  curl -H "Authorization: Bearer ${seeded.tokens.konsulent['751']}" ${url}/v1/job-orders`,
    );
  } else if (config.SEED_DEMO) {
    lines.push(
      '',
      `  ${config.DATA_DIR} holds data already: not seeded again. Demo tokens of the first start, if it seeded:`,
      `    ${join(config.DATA_DIR, DEMO_TOKENS_FILE)}`,
    );
  }
  lines.push(rule, '');
  return lines.join('\n');
}

const RETENTION_CHECK_MS = 60 * 60_000;

/**
 * With RETENTION_MONTHS set, enqueues the `retention` job once a day. The job id names the day, so however many
 * server replicas (or restarts) enqueue it, it runs once per day; checking hourly catches the date change.
 */
export function scheduleRetention(ctx: AppContext, log: Logger): () => void {
  if (ctx.config.RETENTION_MONTHS === undefined) return () => {};
  const enqueue = () => {
    const day = new Date().toISOString().slice(0, 10);
    ctx.queue
      .enqueue('retention', { reason: `daily ${day}` }, { jobId: `retention-${day}` })
      .catch((error) => {
        log.error({ err: error }, 'could not enqueue the daily retention job; trying again within the hour');
      });
  };
  enqueue();
  const timer = setInterval(enqueue, RETENTION_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export async function startServer(
  config: Config,
  /** Where the banner and the start-up log go; tests pass a sink. */
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<{ stop: () => Promise<void>; url: string; ctx: AppContext }> {
  const log = createLogger(config, stdout, 'vikarmatch');
  const ctx = await createContext(config, {
    onQueueError: (error) => log.error({ err: error }, 'queue error (retrying)'),
  });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    let seeded: SeedResult | undefined;
    if (config.SEED_DEMO && (await shouldSeed(ctx))) {
      log.info({ candidates: config.SEED_DEMO_CANDIDATES }, 'empty data directory: seeding demo data');
      seeded = await seedDemo(ctx, { candidates: config.SEED_DEMO_CANDIDATES });
    }
    app = await buildApp(ctx, { logger: { stream: stdout } });
    const http = app;
    await app.listen({ host: config.HOST, port: config.PORT });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = publicUrl(config.HOST, port);

    const stopRetention = scheduleRetention(ctx, log);
    const inProcess = consumesInProcess(config);
    if (inProcess) {
      await ctx.queue.startWorkers(loggedHandlers(ctx.handlers, log), {
        concurrency: config.WORKER_CONCURRENCY,
      });
    }
    const workers = `${ctx.queue.name}, ${
      inProcess
        ? `${config.WORKER_CONCURRENCY} worker(s) in this process`
        : 'enqueue only (run `npm run worker` for the workers)'
    }`;
    stdout.write(banner(config, url, seeded, workers));

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        stopRetention();
        // New connections are refused at once; requests in flight are answered before close resolves.
        await http.close();
        log.info('http closed; draining jobs in flight');
        await ctx.queue.stopWorkers();
        await ctx.close();
        log.info('stopped');
      })();
      return stopping;
    };
    return { stop, url, ctx };
  } catch (error) {
    // A port in use, say: nothing may stay open, or the process would not exit.
    await app?.close();
    await ctx.queue.stopWorkers();
    await ctx.close();
    throw error;
  }
}

/** Serves until SIGTERM or SIGINT, then stops gracefully; resolves with the exit code. */
export async function serve(env: NodeJS.ProcessEnv, stdout: NodeJS.WritableStream): Promise<number> {
  const config = loadConfig(env);
  const log = createLogger(config, stdout, 'vikarmatch');
  // Before the start-up work (index build, seeding): a SIGTERM then still ends in a clean stop once it is done.
  const signal = shutdownSignal(log);
  const server = await startServer(config, stdout);
  const received = await signal;
  log.info({ signal: received }, 'shutting down');
  await server.stop();
  return 0;
}

/** `vikar serve`: the same as `npm start`. */
export async function main(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    write(
      io.stdout,
      'usage: vikar serve   (the HTTP API; configuration from the environment, see README.md)',
    );
    return 0;
  }
  if (args.length > 0) throw new UsageError(`vikar serve takes no arguments (got ${args.join(' ')})`);
  return serve(io.env, io.stdout);
}

async function runAsScript(): Promise<void> {
  try {
    process.exitCode = await serve(process.env, process.stdout);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  // Every handle is closed by now; if a library left one open, do not hang the orchestrator's stop.
  setTimeout(() => process.exit(), 5_000).unref();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAsScript().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
