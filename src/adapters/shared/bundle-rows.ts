import type { Bundle, BundleStatus } from '../../ports/bundles.ts';

/**
 * The bundles table as every SQL store reads it, without the PDF (read on its own, only when downloaded). The
 * candidate id list differs per database (JSON text, or JSONB already parsed), so the mapper takes it decoded.
 */
export interface BundleRow<CandidateIds> {
  id: string;
  job_order_id: string;
  jobcenter: string;
  status: BundleStatus;
  candidate_ids_json: CandidateIds;
  token_id: string | null;
  created_by: string;
  created_at: string;
  completed_at: string | null;
  error: string | null;
  pdf_bytes: number | null;
  opened_at: string | null;
  view_count: number;
}

export const BUNDLE_COLUMNS =
  'id, job_order_id, jobcenter, status, candidate_ids_json, token_id, created_by, created_at, completed_at, error, pdf_bytes, opened_at, view_count';

/** Why an erased bundle has no PDF any more. */
export const ERASED_BUNDLE_ERROR = 'a candidate in this bundle was erased (GDPR); send a new bundle';

export function toBundle(r: BundleRow<unknown>, candidateIds: string[]): Bundle {
  return {
    id: r.id,
    jobOrderId: r.job_order_id,
    jobcenter: r.jobcenter,
    status: r.status,
    candidateIds,
    tokenId: r.token_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    error: r.error,
    pdfBytes: r.pdf_bytes,
    openedAt: r.opened_at,
    viewCount: Number(r.view_count),
  };
}
