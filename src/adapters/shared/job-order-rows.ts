import type { JobOrder } from '../../domain/job-order.ts';
import type { JobOrderRecord } from '../../ports/job-orders.ts';
import { canonicalJson, parseJson, sha256 } from './json.ts';

/** The job_orders table as every SQL store reads and writes it; only the SQL differs per database. */
export interface JobOrderRow {
  id: string;
  jobcenter: string;
  external_id: string;
  job_order_json: string;
  created_at: string;
  updated_at: string;
}

export const JOB_ORDER_COLUMNS = 'id, jobcenter, external_id, job_order_json, created_at, updated_at';

export function toJobOrderRecord(row: JobOrderRow): JobOrderRecord {
  return {
    id: row.id,
    jobcenter: row.jobcenter,
    externalId: row.external_id,
    jobOrder: parseJson<JobOrder>(row.job_order_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A job order write, its canonical JSON and content hash computed before the transaction. */
export function prepareJobOrder(jobOrder: JobOrder) {
  const json = canonicalJson(jobOrder);
  return { jobcenter: jobOrder.jobcenter, externalId: jobOrder.externalId, json, contentHash: sha256(json) };
}
