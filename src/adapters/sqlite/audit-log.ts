import type { Actor } from '../../domain/workflow.ts';
import type { AuditEntry, AuditFilter, AuditLog, NewAuditEntry } from '../../ports/audit.ts';
import { now, type SqliteDatabase } from './connection.ts';

interface AuditRow {
  id: number;
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

const INSERT = `INSERT INTO audit_log (at, actor_token_id, actor_label, actor_role, actor_jobcenter, action,
    candidate_id, home_jobcenter, job_order_id, bundle_id, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function toAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
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

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: SqliteDatabase) {}

  async record(e: NewAuditEntry): Promise<void> {
    this.db
      .statement(INSERT)
      .run(
        now(),
        e.actor.tokenId,
        e.actor.label,
        e.actor.role,
        e.actor.jobcenter,
        e.action,
        e.candidateId,
        e.homeJobcenter,
        e.jobOrderId,
        e.bundleId,
        e.detail,
      );
  }

  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.candidateId !== undefined) {
      where.push('candidate_id = ?');
      params.push(filter.candidateId);
    }
    if (filter.homeJobcenter !== undefined) {
      where.push('home_jobcenter = ?');
      params.push(filter.homeJobcenter);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db
      .statement<unknown[], AuditRow>(sql)
      .all(...params, filter.limit ?? 1000)
      .map(toAudit);
  }
}
