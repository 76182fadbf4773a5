import type { JobOrder } from '../../domain/job-order.ts';
import type { UpsertOptions } from '../../ports/import-runs.ts';
import type { JobOrderRecord, JobOrderStore } from '../../ports/job-orders.ts';
import type { Page, PageResult } from '../../ports/page.ts';
import type { WriteResult } from '../../ports/upsert.ts';
import { checkLimit, decodeCursor, toPage } from '../shared/cursor.ts';
import { newId } from '../shared/ids.ts';
import {
  JOB_ORDER_COLUMNS,
  type JobOrderRow,
  prepareJobOrder,
  toJobOrderRecord,
} from '../shared/job-order-rows.ts';
import { now, type SqliteDatabase } from './connection.ts';
import { recordImportBatch } from './import-run-store.ts';

const SQL = {
  key: 'SELECT id, content_hash FROM job_orders WHERE jobcenter = ? AND external_id = ?',
  insert: `INSERT INTO job_orders (id, jobcenter, external_id, job_order_json, content_hash, created_at, updated_at)
    VALUES (@id, @jobcenter, @externalId, @json, @contentHash, @now, @now)`,
  update:
    'UPDATE job_orders SET job_order_json = @json, content_hash = @contentHash, updated_at = @now WHERE id = @id',
  get: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE id = ?`,
  find: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE jobcenter = ? AND external_id = ?`,
  list: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE id > ? ORDER BY id LIMIT ?`,
  listOf: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE jobcenter = ? AND id > ? ORDER BY id LIMIT ?`,
  delete: 'DELETE FROM job_orders WHERE id = ?',
} as const;

export class SqliteJobOrderStore implements JobOrderStore {
  constructor(private readonly db: SqliteDatabase) {}

  async upsert(batch: Array<{ jobOrder: JobOrder }>, options: UpsertOptions = {}): Promise<WriteResult[]> {
    const key = this.db.statement<[string, string], { id: string; content_hash: string }>(SQL.key);
    const insert = this.db.statement<[object]>(SQL.insert);
    const update = this.db.statement<[object]>(SQL.update);
    const prepared = batch.map(({ jobOrder }) => prepareJobOrder(jobOrder));
    const write = this.db.transaction((items: typeof prepared) => {
      const at = now();
      const results = items.map((p): WriteResult => {
        const existing = key.get(p.jobcenter, p.externalId);
        if (!existing) {
          const id = newId();
          insert.run({ ...p, id, now: at });
          return { id, status: 'created' };
        }
        if (existing.content_hash === p.contentHash) return { id: existing.id, status: 'unchanged' };
        update.run({ id: existing.id, json: p.json, contentHash: p.contentHash, now: at });
        return { id: existing.id, status: 'updated' };
      });
      if (options.importRun) recordImportBatch(this.db, options.importRun, results, () => false);
      return results;
    });
    return write(prepared);
  }

  async get(id: string): Promise<JobOrderRecord | undefined> {
    const row = this.db.statement<[string], JobOrderRow>(SQL.get).get(id);
    return row && toJobOrderRecord(row);
  }

  async find(jobcenter: string, externalId: string): Promise<JobOrderRecord | undefined> {
    const row = this.db.statement<[string, string], JobOrderRow>(SQL.find).get(jobcenter, externalId);
    return row && toJobOrderRecord(row);
  }

  async list(filter: { jobcenter?: string }, page: Page): Promise<PageResult<JobOrderRecord>> {
    checkLimit(page.limit, 'page.limit');
    const after = decodeCursor(page.after);
    const rows =
      filter.jobcenter === undefined
        ? this.db.statement<[string, number], JobOrderRow>(SQL.list).all(after, page.limit + 1)
        : this.db
            .statement<[string, string, number], JobOrderRow>(SQL.listOf)
            .all(filter.jobcenter, after, page.limit + 1);
    return toPage(rows, page.limit, toJobOrderRecord);
  }

  /** Its shortlists go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<boolean> {
    return this.db.statement<[string]>(SQL.delete).run(id).changes > 0;
  }
}
