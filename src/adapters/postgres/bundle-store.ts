import type { Bundle, BundleStore } from '../../ports/bundles.ts';
import { BUNDLE_COLUMNS, type BundleRow, toBundle as toBundleOf } from '../shared/bundle-rows.ts';
import { newId } from '../shared/ids.ts';
import { now, type PostgresDatabase } from './connection.ts';

type PgBundleRow = BundleRow<string[]>;

const toBundle = (r: PgBundleRow): Bundle => toBundleOf(r, r.candidate_ids_json);

const SQL = {
  insert: `INSERT INTO bundles (id, job_order_id, jobcenter, status, candidate_ids_json, created_by, created_at)
    VALUES ($1, $2, $3, 'queued', $4, $5, $6)
    RETURNING ${BUNDLE_COLUMNS}`,
  setToken: 'UPDATE bundles SET token_id = $1 WHERE id = $2',
  markRendering: `UPDATE bundles SET status = 'rendering' WHERE id = $1 AND status IN ('queued', 'rendering')`,
  // The status check in the UPDATE itself: a retried job on another host cannot replace a finished PDF.
  complete: `UPDATE bundles SET status = 'done', pdf = $1, pdf_bytes = $2, candidate_ids_json = $3, completed_at = $4,
      error = NULL
    WHERE id = $5 AND status IN ('queued', 'rendering')`,
  fail: `UPDATE bundles SET status = 'failed', error = $1, completed_at = $2
    WHERE id = $3 AND status IN ('queued', 'rendering')`,
  // One statement: views from several hosts at once all count, and the first one's time stays.
  recordView:
    'UPDATE bundles SET opened_at = coalesce(opened_at, $1), view_count = view_count + 1 WHERE id = $2',
  get: `SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE id = $1`,
  pdf: `SELECT pdf FROM bundles WHERE id = $1 AND status = 'done'`,
  list: `SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE job_order_id = $1 ORDER BY created_at, id`,
  // Containment of the id as a whole element (served by the GIN index), never a part of another id.
  byCandidate: `SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE candidate_ids_json @> jsonb_build_array($1::text)
    ORDER BY created_at, id`,
  unfinished: `SELECT id, status, created_at FROM bundles WHERE status IN ('queued', 'rendering')
    ORDER BY created_at, id LIMIT $1`,
} as const;

/** CV bundles; the PDF is a BYTEA column, so every API host serves every bundle. */
export class PostgresBundleStore implements BundleStore {
  constructor(private readonly database: PostgresDatabase) {}

  async create(input: {
    jobOrderId: string;
    jobcenter: string;
    candidateIds: string[];
    createdBy: string;
  }): Promise<Bundle> {
    const { rows } = await this.database.db.query<PgBundleRow>(SQL.insert, [
      newId(),
      input.jobOrderId,
      input.jobcenter,
      JSON.stringify(input.candidateIds),
      input.createdBy,
      now(),
    ]);
    return toBundle(rows[0]!);
  }

  async setToken(id: string, tokenId: string): Promise<void> {
    await this.database.db.query(SQL.setToken, [tokenId, id]);
  }

  async markRendering(id: string): Promise<void> {
    await this.database.db.query(SQL.markRendering, [id]);
  }

  async complete(id: string, pdf: Buffer, candidateIds: string[]): Promise<void> {
    await this.database.db.query(SQL.complete, [pdf, pdf.length, JSON.stringify(candidateIds), now(), id]);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.database.db.query(SQL.fail, [error, now(), id]);
  }

  async recordView(id: string, at = new Date()): Promise<void> {
    await this.database.db.query(SQL.recordView, [at.toISOString(), id]);
  }

  async get(id: string): Promise<Bundle | undefined> {
    const { rows } = await this.database.db.query<PgBundleRow>(SQL.get, [id]);
    return rows[0] && toBundle(rows[0]);
  }

  async getPdf(id: string): Promise<Buffer | undefined> {
    const { rows } = await this.database.db.query<{ pdf: Buffer | null }>(SQL.pdf, [id]);
    return rows[0]?.pdf ?? undefined;
  }

  async list(jobOrderId: string): Promise<Bundle[]> {
    return (await this.database.db.query<PgBundleRow>(SQL.list, [jobOrderId])).rows.map(toBundle);
  }

  async listByCandidate(candidateId: string): Promise<Bundle[]> {
    return (await this.database.db.query<PgBundleRow>(SQL.byCandidate, [candidateId])).rows.map(toBundle);
  }

  async unfinished(limit: number): Promise<Array<Pick<Bundle, 'id' | 'status' | 'createdAt'>>> {
    const { rows } = await this.database.db.query<Pick<PgBundleRow, 'id' | 'status' | 'created_at'>>(
      SQL.unfinished,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at }));
  }
}
