import type { Store } from '../ports/store.ts';
import type { WorkflowStore } from '../ports/workflow.ts';

/**
 * Brings a finished shortlist's entries into the order's workflow: new people as `suggested`, everyone already
 * handled untouched. Run after the shortlist job and again (cheaply, idempotently) when a workflow is read.
 */
export async function syncShortlistWorkflow(
  deps: { store: Store; workflow: WorkflowStore },
  shortlistId: string,
): Promise<void> {
  const shortlist = await deps.store.getShortlist(shortlistId);
  if (shortlist?.status !== 'done') return;
  const order = await deps.store.getJobOrder(shortlist.jobOrderId);
  if (!order) return;
  await deps.workflow.syncShortlist({
    shortlistId,
    jobOrderId: order.id,
    orderJobcenter: order.jobcenter,
    entries: shortlist.entries,
  });
}
