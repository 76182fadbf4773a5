import type { Actor } from '../../domain/workflow.ts';
import type { AuditEntry, AuditFilter } from '../../ports/audit.ts';

/** The audit_log table as every SQL store reads it; the generated id is a number or (BIGINT) text. */
export interface AuditRow {
  id: number | string;
  at: string;
  actor_token_id: string;
  actor_label: string;
  actor_role: Actor['role'];
  actor_jobcenter: string | null;
  action: string;
  candidate_id: string | null;
  home_jobcenter: string | null;
  job_order_id: string | null;
  bundle_id: string | null;
  detail: string | null;
}

export const AUDIT_COLUMNS = `id, at, actor_token_id, actor_label, actor_role, actor_jobcenter, action, candidate_id,
  home_jobcenter, job_order_id, bundle_id, detail`;

/** How many entries a list returns when the filter names no limit. */
export const DEFAULT_AUDIT_LIMIT = 1000;

export const auditLimit = (filter: AuditFilter): number => filter.limit ?? DEFAULT_AUDIT_LIMIT;

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: {
      tokenId: r.actor_token_id,
      label: r.actor_label,
      role: r.actor_role,
      jobcenter: r.actor_jobcenter,
    },
    action: r.action,
    candidateId: r.candidate_id,
    homeJobcenter: r.home_jobcenter,
    jobOrderId: r.job_order_id,
    bundleId: r.bundle_id,
    detail: r.detail,
  };
}
