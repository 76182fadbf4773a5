import type { Actor } from '../domain/workflow.ts';

/** Who read whose CV: every read by a company or another jobcenter is recorded here. Append-only. */

export interface AuditEntry {
  id: number;
  at: string;
  actor: Actor & { jobcenter: string | null };
  /** e.g. company.bundle.view, company.bundle.download, candidate.cross_read, contact.release */
  action: string;
  candidateId: string | null;
  homeJobcenter: string | null;
  jobOrderId: string | null;
  bundleId: string | null;
  detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface AuditFilter {
  candidateId?: string;
  homeJobcenter?: string;
  /** Default 1000. */
  limit?: number;
}

export interface AuditLog {
  record(entry: NewAuditEntry): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}
