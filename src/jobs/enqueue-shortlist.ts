import type { RankingStrategy } from '../domain/job-order.ts';
import type { ShortlistScope } from '../domain/shortlist.ts';
import type { JobOrderRecord } from '../ports/job-orders.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { ShortlistRecord, ShortlistStore } from '../ports/shortlists.ts';
import type { Stores } from '../ports/stores.ts';

export interface ShortlistOrder {
  scope: ShortlistScope;
  size: number;
  /** Defaults to the job order's own ranking strategy. */
  strategy?: RankingStrategy | undefined;
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
  await deps.queue.enqueue('shortlist', { shortlistId: created.id }, { jobId: `shortlist-${created.id}` });
  return created;
}
