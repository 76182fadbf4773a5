/**
 * `npm start`: the HTTP API on a listening port. The start-up around it (demo seed, in-process workers, daily
 * retention, banner) is in runtime/start.ts. SIGTERM or SIGINT: stop accepting requests, finish the ones in
 * flight and the running jobs, close everything, exit 0.
 */
import { pathToFileURL } from 'node:url';
import { markInterruptedImports } from '../indexer/import-runs.ts';
import { buildApp } from './app.ts';
import { type CliIo, UsageError, write } from './cli/io.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type AppContext, createContext } from './context.ts';
import { createLogger } from './runtime/logger.ts';
import { shutdownSignal } from './runtime/shutdown.ts';
import {
  banner,
  publicUrl,
  scheduleReconciler,
  scheduleRetention,
  seedOnFirstStart,
  startInProcessWorkers,
} from './runtime/start.ts';

export async function startServer(
  config: Config,
  /** Where the banner and the start-up log go; tests pass a sink. */
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<{ stop: () => Promise<void>; url: string; ctx: AppContext }> {
  const log = createLogger(config, stdout, 'vikarmatch');
  const ctx = await createContext(config, {
    onQueueError: (error) => log.error({ err: error }, 'queue error (retrying)'),
    onFeedError: (error) => log.error({ err: error }, 'candidate change feed error (retrying)'),
    onNotice: (fields, message) => log.warn(fields, message),
    onIndexReady: (fields) => log.info(fields, 'candidate index ready'),
  });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const interrupted = await markInterruptedImports(ctx.stores.importRuns);
    if (interrupted.length > 0) log.warn({ runs: interrupted }, 'import runs interrupted by a dead process');
    const seeded = await seedOnFirstStart(ctx, log);
    app = await buildApp(ctx, { logger: { stream: stdout } });
    const http = app;
    await app.listen({ host: config.HOST, port: config.PORT });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = publicUrl(config.HOST, port);

    const stopRetention = scheduleRetention(ctx, log);
    const workers = await startInProcessWorkers(ctx, log);
    const stopReconciler = scheduleReconciler(ctx, log);
    stdout.write(banner(config, url, seeded, workers));

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        stopRetention();
        await stopReconciler();
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
  // Everything this process creates (databases, their -wal and -shm, the key, exports) is the service user's only.
  process.umask(0o077);
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
