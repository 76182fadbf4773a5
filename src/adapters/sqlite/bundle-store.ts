import type { Bundle, BundleStore } from '../../ports/bundles.ts';
import { BUNDLE_COLUMNS, type BundleRow, toBundle as toBundleOf } from '../shared/bundle-rows.ts';
import { newId } from '../shared/ids.ts';
import { parseJson } from '../shared/json.ts';
import { now, type SqliteDatabase } from './connection.ts';

const SQL = {
  insert: `INSERT INTO bundles (id, job_order_id, jobcenter, status, candidate_ids_json, created_by, created_at)
    VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
  setToken: 'UPDATE bundles SET token_id = ? WHERE id = ?',
  markRendering: `UPDATE bundles SET status = 'rendering' WHERE id = ? AND status IN ('queued', 'rendering')`,
  complete: `UPDATE bundles SET status = 'done', pdf = ?, pdf_bytes = ?, candidate_ids_json = ?, completed_at = ?,
      error = NULL
    WHERE id = ? AND status IN ('queued', 'rendering')`,
  fail: `UPDATE bundles SET status = 'failed', error = ?, completed_at = ?
    WHERE id = ? AND status IN ('queued', 'rendering')`,
  get: `SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE id = ?`,
  pdf: `SELECT pdf FROM bundles WHERE id = ? AND status = 'done'`,
  list: `SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE job_order_id = ? ORDER BY created_at, id`,
  byCandidate: `SELECT ${BUNDLE_COLUMNS} FROM bundles
    WHERE EXISTS (SELECT 1 FROM json_each(candidate_ids_json) WHERE value = ?)
    ORDER BY created_at, id`,
  recordView:
    'UPDATE bundles SET opened_at = coalesce(opened_at, ?), view_count = view_count + 1 WHERE id = ?',
  unfinished: `SELECT id, status, created_at FROM bundles WHERE status IN ('queued', 'rendering')
    ORDER BY created_at, id LIMIT ?`,
} as const;

type SqliteBundleRow = BundleRow<string>;

const toBundle = (r: SqliteBundleRow): Bundle => toBundleOf(r, parseJson<string[]>(r.candidate_ids_json));

export class SqliteBundleStore implements BundleStore {
  constructor(private readonly db: SqliteDatabase) {}

  async create(input: {
    jobOrderId: string;
    jobcenter: string;
    candidateIds: string[];
    createdBy: string;
  }): Promise<Bundle> {
    const id = newId();
    this.db
      .statement(SQL.insert)
      .run(id, input.jobOrderId, input.jobcenter, JSON.stringify(input.candidateIds), input.createdBy, now());
    return (await this.get(id))!;
  }

  async setToken(id: string, tokenId: string): Promise<void> {
    this.db.statement(SQL.setToken).run(tokenId, id);
  }

  async markRendering(id: string): Promise<void> {
    this.db.statement(SQL.markRendering).run(id);
  }

  async complete(id: string, pdf: Buffer, candidateIds: string[]): Promise<void> {
    this.db.statement(SQL.complete).run(pdf, pdf.length, JSON.stringify(candidateIds), now(), id);
  }

  async fail(id: string, error: string): Promise<void> {
    this.db.statement(SQL.fail).run(error, now(), id);
  }

  async recordView(id: string, at = new Date()): Promise<void> {
    this.db.statement(SQL.recordView).run(at.toISOString(), id);
  }

  async get(id: string): Promise<Bundle | undefined> {
    const row = this.db.statement<[string], SqliteBundleRow>(SQL.get).get(id);
    return row && toBundle(row);
  }

  async getPdf(id: string): Promise<Buffer | undefined> {
    const row = this.db.statement<[string], { pdf: Buffer | null }>(SQL.pdf).get(id);
    return row?.pdf ?? undefined;
  }

  async list(jobOrderId: string): Promise<Bundle[]> {
    return this.db.statement<[string], SqliteBundleRow>(SQL.list).all(jobOrderId).map(toBundle);
  }

  async listByCandidate(candidateId: string): Promise<Bundle[]> {
    return this.db.statement<[string], SqliteBundleRow>(SQL.byCandidate).all(candidateId).map(toBundle);
  }

  async unfinished(limit: number): Promise<Array<Pick<Bundle, 'id' | 'status' | 'createdAt'>>> {
    return this.db
      .statement<[number], Pick<SqliteBundleRow, 'id' | 'status' | 'created_at'>>(SQL.unfinished)
      .all(limit)
      .map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at }));
  }
}
