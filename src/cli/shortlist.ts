import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { consumesInProcess, createContext } from '../context.ts';
import { RANKING_STRATEGIES, type RankingStrategy } from '../domain/job-order.ts';
import { SHORTLIST_SCOPES, type ShortlistScope } from '../domain/shortlist.ts';
import { enqueueShortlist } from '../jobs/enqueue-shortlist.ts';
import { shortlistTable, shortlistView } from '../views/shortlist.ts';
import { type CliIo, NOT_CONSUMING, UsageError, waitUntil, write } from './io.ts';

const USAGE = `usage: vikar shortlist <jobOrderExternalId> --jobcenter <id> [--size N] [--scope auto|own|pool|all] [--strategy fit-first|weighted] [--json]`;

/** How long the CLI waits for a worker before giving up (a queue without workers would otherwise hang forever). */
const WAIT_MS = 10 * 60_000;

export async function main(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jobcenter: { type: 'string' },
      size: { type: 'string' },
      scope: { type: 'string' },
      strategy: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  const externalId = positionals[0];
  if (!externalId) throw new UsageError(`missing <jobOrderExternalId>\n${USAGE}`);
  if (!values.jobcenter) throw new UsageError(`--jobcenter is required\n${USAGE}`);
  const size = values.size === undefined ? 10 : Number(values.size);
  if (!Number.isInteger(size) || size < 1 || size > 500)
    throw new UsageError('--size must be a whole number from 1 to 500');
  const scope = (values.scope ?? 'auto') as ShortlistScope;
  if (!SHORTLIST_SCOPES.includes(scope))
    throw new UsageError(`--scope must be one of ${SHORTLIST_SCOPES.join(', ')}`);
  if (values.strategy !== undefined && !RANKING_STRATEGIES.includes(values.strategy as RankingStrategy)) {
    throw new UsageError(`--strategy must be one of ${RANKING_STRATEGIES.join(', ')}`);
  }

  const config = loadConfig(io.env);
  const ctx = await createContext(config);
  try {
    const order = await ctx.stores.jobOrders.find(String(Number(values.jobcenter)), externalId);
    if (!order) {
      write(io.stderr, `job order '${externalId}' is unknown in jobcenter ${values.jobcenter}`);
      return 1;
    }
    const strategy = values.strategy as RankingStrategy | undefined;
    const created = await enqueueShortlist(ctx, order, { scope, size, strategy });
    write(io.stderr, `shortlist ${created.id} queued for ${order.jobOrder.title}`);
    if (consumesInProcess(config)) await ctx.queue.startWorkers(ctx.handlers, { concurrency: 1 });
    else write(io.stderr, NOT_CONSUMING);
    const done = await waitUntil(
      () => ctx.stores.shortlists.get(created.id),
      (s) => s.status === 'done' || s.status === 'failed',
      WAIT_MS,
      `shortlist ${created.id} did not finish within ${WAIT_MS / 60_000} minutes: is a worker running?`,
    );
    const view = shortlistView(done);
    if (values.json) write(io.stdout, JSON.stringify(view, null, 2));
    else write(io.stdout, shortlistTable(view, `${order.jobOrder.title} (${order.jobOrder.externalId})`));
    return done.status === 'done' ? 0 : 1;
  } finally {
    await ctx.close();
  }
}
