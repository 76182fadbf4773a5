import type { JobOrder } from '../domain/job-order.ts';
import type { UpsertOptions } from './import-runs.ts';
import type { Page, PageResult } from './page.ts';
import type { WriteResult } from './upsert.ts';

export interface JobOrderRecord {
  id: string;
  jobcenter: string;
  externalId: string;
  jobOrder: JobOrder;
  createdAt: string;
  updatedAt: string;
}

/** Job orders (vikarprofiler), upserted by (jobcenter, externalId). */
export interface JobOrderStore {
  /** One transaction for the batch; an order whose content did not change reports 'unchanged'. */
  /** With `importRun`, that run's counts move in the same transaction as the batch. */
  upsert(batch: Array<{ jobOrder: JobOrder }>, options?: UpsertOptions): Promise<WriteResult[]>;
  get(id: string): Promise<JobOrderRecord | undefined>;
  find(jobcenter: string, externalId: string): Promise<JobOrderRecord | undefined>;
  list(filter: { jobcenter?: string }, page: Page): Promise<PageResult<JobOrderRecord>>;
  /** Its shortlists go with it. True when something was deleted. */
  delete(id: string): Promise<boolean>;
}
