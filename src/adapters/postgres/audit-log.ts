import type { AuditEntry, AuditFilter, AuditLog, NewAuditEntry } from '../../ports/audit.ts';
import { AUDIT_COLUMNS, type AuditRow, auditLimit, toAuditEntry } from '../shared/audit-rows.ts';
import { now, type PostgresDatabase } from './connection.ts';

const INSERT = `INSERT INTO audit_log (at, actor_token_id, actor_label, actor_role, actor_jobcenter, action,
    candidate_id, home_jobcenter, job_order_id, bundle_id, detail)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

/** Append-only; newest first by the identity, which only grows. */
export class PostgresAuditLog implements AuditLog {
  constructor(private readonly database: PostgresDatabase) {}

  async record(e: NewAuditEntry): Promise<void> {
    await this.database.db.query(INSERT, [
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
    ]);
  }

  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.candidateId !== undefined) {
      params.push(filter.candidateId);
      where.push(`candidate_id = $${params.length}`);
    }
    if (filter.homeJobcenter !== undefined) {
      params.push(filter.homeJobcenter);
      where.push(`home_jobcenter = $${params.length}`);
    }
    params.push(auditLimit(filter));
    const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT $${params.length}`;
    return (await this.database.db.query<AuditRow>(sql, params)).rows.map(toAuditEntry);
  }
}
