import type { AuditEntry, AuditFilter, AuditLog, NewAuditEntry } from '../../ports/audit.ts';
import { AUDIT_COLUMNS, type AuditRow, auditLimit, toAuditEntry } from '../shared/audit-rows.ts';
import { now, type SqliteDatabase } from './connection.ts';

const INSERT = `INSERT INTO audit_log (at, actor_token_id, actor_label, actor_role, actor_jobcenter, action,
    candidate_id, home_jobcenter, job_order_id, bundle_id, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

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
    const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return this.db
      .statement<unknown[], AuditRow>(sql)
      .all(...params, auditLimit(filter))
      .map(toAuditEntry);
  }
}
