import type { RankingStrategy } from '../domain/job-order.ts';
import type { ShortlistScope } from '../domain/shortlist.ts';
import type { JobOrderRecord } from '../ports/job-orders.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { ShortlistRecord, ShortlistStore } from '../ports/shortlists.ts';
import type { Stores } from '../ports/stores.ts';
import { type JobName, type JobPayload, shortlistJobId } from './catalog.ts';

export interface ShortlistOrder {
  scope: ShortlistScope;
  size: number;
  /** Defaults to the job order's own ranking strategy. */
  strategy?: RankingStrategy | undefined;
}

/**
 * Enqueues the job of a row that is already stored as queued. When the queue cannot take it (Redis unreachable,
 * the queue database locked) the row stays queued and the reconciler (workers/reconciler.ts) enqueues it once the
 * queue is back: the request that made the row still succeeds, and the queue adapter has reported the outage.
 * Resolves whether the job was queued now.
 */
export async function enqueueOrDefer<N extends JobName>(
  queue: Pick<JobQueue, 'enqueue'>,
  name: N,
  payload: JobPayload<N>,
  jobId: string,
): Promise<boolean> {
  try {
    await queue.enqueue(name, payload, { jobId });
    return true;
  } catch {
    return false;
  }
}

/**
 * Records a shortlist as queued and enqueues its computation: the one way the API and the CLI start a
 * bruttoliste. The job id is derived from the shortlist id, so enqueuing it again (a retried request) runs it once.
 * Who runs the job depends on the process: see consumesInProcess in src/context.ts.
 */
export async function enqueueShortlist(
  deps: {
    stores: { shortlists: Pick<ShortlistStore, 'create'> } & Partial<Stores>;
    queue: Pick<JobQueue, 'enqueue'>;
  },
  order: JobOrderRecord,
  request: ShortlistOrder,
): Promise<ShortlistRecord> {
  const created = await deps.stores.shortlists.create({
    jobOrderId: order.id,
    scope: request.scope,
    size: request.size,
    strategy: request.strategy ?? order.jobOrder.rankingStrategy,
  });
  await enqueueOrDefer(deps.queue, 'shortlist', { shortlistId: created.id }, shortlistJobId(created.id));
  return created;
}
