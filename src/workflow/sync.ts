import type { Stores } from '../ports/stores.ts';

/**
 * Brings a finished shortlist's entries into the order's workflow: new people as `suggested`, everyone already
 * handled untouched. Run after the shortlist job and again (cheaply, idempotently) when a workflow is read.
 */
export async function syncShortlistWorkflow(
  deps: { stores: Pick<Stores, 'shortlists' | 'jobOrders' | 'candidacies'> },
  shortlistId: string,
): Promise<void> {
  const shortlist = await deps.stores.shortlists.get(shortlistId);
  if (shortlist?.status !== 'done') return;
  const order = await deps.stores.jobOrders.get(shortlist.jobOrderId);
  if (!order) return;
  await deps.stores.candidacies.syncShortlist({
    shortlistId,
    jobOrderId: order.id,
    orderJobcenter: order.jobcenter,
    entries: shortlist.entries,
  });
}
