import type { WorkflowState } from '../../domain/workflow.ts';
import type { OverviewData } from '../../ports/overview.ts';
import type { ShortlistStatus } from '../../ports/shortlists.ts';

/**
 * The overview's five queries as every SQL read model returns them: each database extracts the order's JSON in
 * its own dialect, under these column names, and the mappers below turn the rows into the port's sections.
 */
export type OverviewRow = Record<string, string | null>;

type Section<K extends keyof OverviewData> = OverviewData[K][number];

export const toOpenOrder = (r: OverviewRow): Section<'openJobOrders'> => ({
  id: r.id!,
  externalId: r.external_id!,
  title: r.title!,
  company: { cvr: r.cvr!, name: r.company_name ?? null },
  period: { from: r.period_from!, to: r.period_to! },
  lastShortlist: r.shortlist_id
    ? {
        id: r.shortlist_id,
        status: r.shortlist_status as ShortlistStatus,
        createdAt: r.shortlist_created_at!,
      }
    : null,
});

export const toShortlistInProgress = (r: OverviewRow): Section<'shortlistsInProgress'> => ({
  id: r.id!,
  jobOrderId: r.job_order_id!,
  status: r.status as 'queued' | 'running',
  createdAt: r.created_at!,
});

export const toAwaitingReply = (r: OverviewRow): Section<'awaitingReply'> => ({
  jobOrderId: r.job_order_id!,
  jobOrderTitle: r.title!,
  orderJobcenter: r.jobcenter!,
  candidateId: r.candidate_id!,
  state: r.state as WorkflowState,
  since: r.updated_at!,
});

export const toBundleNotOpened = (r: OverviewRow): Section<'bundlesNotOpened'> => ({
  id: r.id!,
  jobOrderId: r.job_order_id!,
  jobOrderTitle: r.title!,
  createdAt: r.created_at!,
  expiresAt: r.expires_at ?? null,
});

export const toRecentChoice = (r: OverviewRow): Section<'recentChoices'> => ({
  jobOrderId: r.job_order_id!,
  jobOrderTitle: r.title!,
  orderJobcenter: r.jobcenter!,
  candidateId: r.candidate_id!,
  choice: r.to_state as 'interview' | 'chosen' | 'not_chosen',
  at: r.at!,
});
