import type { JobHandlers, JobName, JobPayload } from '../jobs/catalog.ts';

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  error?: string | undefined;
}

export interface EnqueueOptions {
  /** Deduplication key: enqueuing the same id twice runs the job once. */
  jobId?: string;
}

/**
 * Work that must not block a request: shortlists, reindexing, CV bundles. Adapters: an in-process queue persisted
 * in SQLite (default) and BullMQ on Redis; test/ports/job-queue.contract.ts runs against both.
 */
export interface JobQueue {
  readonly name: string;
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: EnqueueOptions,
  ): Promise<{ id: string }>;
  /** Starts consuming with the given handlers. Jobs left waiting or active by a dead process are picked up. */
  startWorkers(handlers: JobHandlers, options: { concurrency: number }): Promise<void>;
  /** Stops taking new jobs and waits for the running ones to finish. */
  stopWorkers(): Promise<void>;
  getJob(id: string): Promise<JobInfo | undefined>;
  counts(): Promise<Record<JobState, number>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
