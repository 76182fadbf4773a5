import type { ShortlistEntry } from '../domain/shortlist.ts';
import type { CandidacyStore } from '../ports/candidacies.ts';
import type { JobOrderRecord } from '../ports/job-orders.ts';

/**
 * Brings a shortlist's ranked entries into the order's workflow: new people as `suggested`, everyone already
 * handled untouched, so it is idempotent. The shortlist job runs it before it marks the list done: whoever sees
 * the list done finds its people in the workflow, and reading the workflow never has to write.
 */
export async function syncShortlistWorkflow(
  candidacies: Pick<CandidacyStore, 'syncShortlist'>,
  shortlistId: string,
  order: JobOrderRecord,
  entries: ReadonlyArray<Pick<ShortlistEntry, 'candidateId' | 'jobcenter'>>,
): Promise<void> {
  await candidacies.syncShortlist({
    shortlistId,
    jobOrderId: order.id,
    orderJobcenter: order.jobcenter,
    entries,
  });
}
