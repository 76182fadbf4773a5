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
import { now, type PostgresDatabase } from './connection.ts';
import { recordImportBatch } from './import-run-store.ts';

const SQL = {
  // FOR UPDATE: a concurrent upsert of the same key waits instead of both comparing against the old hash.
  key: 'SELECT id, content_hash FROM job_orders WHERE jobcenter = $1 AND external_id = $2 FOR UPDATE',
  // DO NOTHING: when another transaction inserted the key meanwhile, the row is re-read and compared instead.
  insert: `INSERT INTO job_orders (id, jobcenter, external_id, job_order_json, content_hash, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (jobcenter, external_id) DO NOTHING`,
  update: 'UPDATE job_orders SET job_order_json = $2, content_hash = $3, updated_at = $4 WHERE id = $1',
  get: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE id = $1`,
  find: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE jobcenter = $1 AND external_id = $2`,
  list: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE id > $1 ORDER BY id LIMIT $2`,
  listOf: `SELECT ${JOB_ORDER_COLUMNS} FROM job_orders WHERE jobcenter = $1 AND id > $2 ORDER BY id LIMIT $3`,
  delete: 'DELETE FROM job_orders WHERE id = $1',
} as const;

export class PostgresJobOrderStore implements JobOrderStore {
  constructor(private readonly database: PostgresDatabase) {}

  async upsert(batch: Array<{ jobOrder: JobOrder }>, options: UpsertOptions = {}): Promise<WriteResult[]> {
    const prepared = batch.map(({ jobOrder }) => prepareJobOrder(jobOrder));
    return this.database.transaction(async (client) => {
      const at = now();
      const results: WriteResult[] = [];
      for (const p of prepared) {
        const keyOf = () =>
          client.query<{ id: string; content_hash: string }>(SQL.key, [p.jobcenter, p.externalId]);
        let [existing] = (await keyOf()).rows;
        if (!existing) {
          const id = newId();
          const inserted = await client.query(SQL.insert, [
            id,
            p.jobcenter,
            p.externalId,
            p.json,
            p.contentHash,
            at,
          ]);
          if (inserted.rowCount === 1) {
            results.push({ id, status: 'created' });
            continue;
          }
          [existing] = (await keyOf()).rows;
        }
        if (existing!.content_hash === p.contentHash) {
          results.push({ id: existing!.id, status: 'unchanged' });
          continue;
        }
        await client.query(SQL.update, [existing!.id, p.json, p.contentHash, at]);
        results.push({ id: existing!.id, status: 'updated' });
      }
      if (options.importRun) await recordImportBatch(client, options.importRun, results, () => false);
      return results;
    });
  }

  async get(id: string): Promise<JobOrderRecord | undefined> {
    const { rows } = await this.database.db.query<JobOrderRow>(SQL.get, [id]);
    return rows[0] && toJobOrderRecord(rows[0]);
  }

  async find(jobcenter: string, externalId: string): Promise<JobOrderRecord | undefined> {
    const { rows } = await this.database.db.query<JobOrderRow>(SQL.find, [jobcenter, externalId]);
    return rows[0] && toJobOrderRecord(rows[0]);
  }

  async list(filter: { jobcenter?: string }, page: Page): Promise<PageResult<JobOrderRecord>> {
    checkLimit(page.limit, 'page.limit');
    const after = decodeCursor(page.after);
    const { rows } =
      filter.jobcenter === undefined
        ? await this.database.db.query<JobOrderRow>(SQL.list, [after, page.limit + 1])
        : await this.database.db.query<JobOrderRow>(SQL.listOf, [filter.jobcenter, after, page.limit + 1]);
    return toPage(rows, page.limit, toJobOrderRecord);
  }

  /** Its shortlists go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<boolean> {
    return ((await this.database.db.query(SQL.delete, [id])).rowCount ?? 0) > 0;
  }
}
