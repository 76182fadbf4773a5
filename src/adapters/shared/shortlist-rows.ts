import type { ShortlistRecord, ShortlistStatus, ShortlistStrategy } from '../../ports/shortlists.ts';

/**
 * The shortlists table's scalar columns as every SQL store reads them. The entries and near misses (text to parse,
 * or JSONB) and `widened` (0/1 or a boolean) differ per database, so each store adds those itself.
 */
export interface ShortlistColumns {
  id: string;
  job_order_id: string;
  status: ShortlistStatus;
  scope: ShortlistRecord['scope'];
  size: number;
  strategy: ShortlistStrategy;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  candidates_considered: number;
  error: string | null;
  effective_scope: ShortlistRecord['scope'] | null;
}

/** Everything of a list but its entries and near misses: the summary a page of lists shows. */
export function shortlistHeader(
  row: ShortlistColumns,
  widened: boolean | null,
): Omit<ShortlistRecord, 'entries' | 'nearMisses'> {
  return {
    id: row.id,
    jobOrderId: row.job_order_id,
    status: row.status,
    scope: row.scope,
    size: row.size,
    strategy: row.strategy,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    candidatesConsidered: row.candidates_considered,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.effective_scope ? { effectiveScope: row.effective_scope } : {}),
    ...(widened !== null ? { widened } : {}),
  };
}
