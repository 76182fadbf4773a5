import type { ShortlistEntry } from '../domain/shortlist.ts';
import type { JobOrderRecord } from '../ports/store.ts';
import type { WorkflowStore } from '../ports/workflow.ts';

/**
 * Brings a shortlist's ranked entries into the order's workflow: new people as `suggested`, everyone already
 * handled untouched, so it is idempotent. The shortlist job runs it before it marks the list done: whoever sees
 * the list done finds its people in the workflow, and reading the workflow never has to write.
 */
export async function syncShortlistWorkflow(
  workflow: Pick<WorkflowStore, 'syncShortlist'>,
  shortlistId: string,
  order: JobOrderRecord,
  entries: ReadonlyArray<Pick<ShortlistEntry, 'candidateId' | 'jobcenter'>>,
): Promise<void> {
  await workflow.syncShortlist({
    shortlistId,
    jobOrderId: order.id,
    orderJobcenter: order.jobcenter,
    entries,
  });
}
