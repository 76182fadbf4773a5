/**
 * What `npm start` does around listening: seed demo data into an empty DATA_DIR, run the queue's workers in this
 * process when there is no REDIS_URL, schedule the daily retention job, and print the banner.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { loggedHandlers } from '../../workers/logged-handlers.ts';
import { startReconciler } from '../../workers/reconciler.ts';
import type { Config } from '../config.ts';
import { type AppContext, consumesInProcess } from '../context.ts';
import { DEMO_JOBCENTRE, DEMO_TOKENS_FILE, type SeedResult, seedDemo, shouldSeed } from '../demo/seed.ts';

/** A URL a person can open: a wildcard bind address is reachable as localhost. */
export function publicUrl(host: string, port: number): string {
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

/** With SEED_DEMO, an empty data directory gets the demo data; the result carries the tokens for the banner. */
export async function seedOnFirstStart(ctx: AppContext, log: Logger): Promise<SeedResult | undefined> {
  const { config } = ctx;
  if (!config.SEED_DEMO || !(await shouldSeed(ctx))) return undefined;
  log.info({ candidates: config.SEED_DEMO_CANDIDATES }, 'empty data directory: seeding demo data');
  return seedDemo(ctx, { candidates: config.SEED_DEMO_CANDIDATES });
}

/** Without a shared queue the API consumes its own jobs; returns the banner's line on who runs them. */
export async function startInProcessWorkers(ctx: AppContext, log: Logger): Promise<string> {
  const { config } = ctx;
  const inProcess = consumesInProcess(config);
  if (inProcess) {
    await ctx.queue.startWorkers(loggedHandlers(ctx.handlers, log), {
      concurrency: config.WORKER_CONCURRENCY,
    });
  }
  return `${ctx.queue.name}, ${
    inProcess
      ? `${config.WORKER_CONCURRENCY} worker(s) in this process`
      : 'enqueue only (run `npm run worker` for the workers)'
  }`;
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

/**
 * Every process that enqueues or consumes runs the reconciler (API and worker alike: its passes are idempotent),
 * so shortlists and bundles whose job the queue lost are enqueued again within RECONCILE_INTERVAL_MS.
 */
export function scheduleReconciler(ctx: AppContext, log: Logger): () => Promise<void> {
  return startReconciler(ctx, { intervalMs: ctx.config.RECONCILE_INTERVAL_MS, log });
}
