import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  dispatchJob,
  InvalidPayloadError,
  isJobName,
  type JobHandlers,
  type JobName,
  type JobPayload,
  jobCatalog,
} from '../../jobs/catalog.ts';
import type { EnqueueOptions, JobInfo, JobQueue, JobState } from '../../ports/job-queue.ts';
import { outageReporter } from '../../runtime/outage.ts';

export interface BullJobQueueOptions {
  url: string;
  /** Redis key prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  queueName?: string;
  /** How long a dead worker's job stays locked before the stalled-job checker hands it to another worker. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs; defaults to the lock duration. */
  stalledIntervalMs?: number;
  /**
   * Connection and worker errors (Redis down, a lost lock). BullMQ keeps retrying, so they are reported, not
   * thrown, once per outage (ioredis repeats the error at every reconnect); defaults to stderr so an outage is
   * never silent.
   */
  onError?: (error: Error) => void;
  /** An enqueue that has no answer from Redis by then fails, so a request never hangs on a lost connection. */
  enqueueTimeoutMs?: number;
}

// Finished jobs stay readable through getJob for a day (callers poll shortlist status), bounded in number.
const KEEP_FINISHED = { age: 24 * 60 * 60, count: 10_000 };
const DEFAULT_LOCK_MS = 30_000;
const DEFAULT_ENQUEUE_TIMEOUT_MS = 2_000;

const STATES: Record<string, JobState> = {
  waiting: 'waiting',
  wait: 'waiting',
  paused: 'waiting',
  delayed: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

/**
 * BullMQ refuses integer-looking custom ids (they would collide with its own counter ids) and ':' (its key
 * separator); say so at enqueue time instead of surfacing BullMQ's terse message.
 */
export function assertValidJobId(id: string): void {
  if (id.length === 0 || id.includes(':') || `${Number.parseInt(id, 10)}` === id) {
    throw new Error(`invalid job id '${id}': must be non-empty, not an integer and contain no ':'`);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  // The late answer (or failure) of the losing promise must not become an unhandled rejection.
  promise.catch(() => {});
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The JobQueue on Redis via BullMQ, for deployments where API and workers run as separate processes. Retry
 * policy comes from the job catalog; a job whose worker died is moved back to waiting by BullMQ's stalled-job
 * checker once its lock expires.
 */
export class BullJobQueue implements JobQueue {
  readonly name = 'bullmq';
  private readonly redis: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private closed = false;

  constructor(private readonly opts: BullJobQueueOptions) {
    // Without the offline queue a command while Redis is down fails at once instead of waiting for a reconnect:
    // a producer (an API request) learns within milliseconds that the job was not queued, and the row's
    // reconciler enqueues it later. A command already sent when the connection dropped is retried once, not
    // at each of 20 reconnects (ioredis' default, some 10 s).
    this.redis = new Redis(opts.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // A connection that went silent without closing (a network partition) fails its commands too; nothing on
      // this connection blocks on purpose (the workers have their own).
      commandTimeout: 5_000,
    });
    this.outage = outageReporter((error) => this.emit(error));
    this.redis.on('error', this.report);
    this.redis.on('ready', this.outage.recovered);
    this.queue = new Queue(opts.queueName ?? 'jobs', { connection: this.redis, prefix: this.prefix });
    this.queue.on('error', this.report);
  }

  private readonly outage: ReturnType<typeof outageReporter>;

  private get prefix(): string {
    return this.opts.prefix ?? 'vikarmatch';
  }

  private emit(error: Error): void {
    if (this.opts.onError) this.opts.onError(error);
    else console.error(`bullmq queue '${this.opts.queueName ?? 'jobs'}': ${error.message}`);
  }

  private readonly report = (error: Error): void => {
    this.outage.failed(error);
  };

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}) {
    if (!isJobName(name)) throw new InvalidPayloadError(name, 'no such job in the catalog');
    if (options.jobId !== undefined) assertValidJobId(options.jobId);
    const { retry } = jobCatalog[name];
    // A duplicate jobId returns the existing job untouched, which is the deduplication the port promises.
    const adding = this.queue.add(name, payload, {
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
    let job: Job;
    try {
      job = await withTimeout(
        adding,
        this.opts.enqueueTimeoutMs ?? DEFAULT_ENQUEUE_TIMEOUT_MS,
        `enqueueing '${name}' got no answer from Redis`,
      );
    } catch (error) {
      // A producer may treat the failure as "enqueue later"; the outage must still be seen (once).
      this.report(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    if (job.id === undefined) throw new Error(`BullMQ returned no id for a '${name}' job`);
    return { id: job.id };
  }

  async startWorkers(handlers: JobHandlers, options: { concurrency: number }): Promise<void> {
    if (this.worker) return;
    const lockDuration = this.opts.lockDurationMs ?? DEFAULT_LOCK_MS;
    const worker = new Worker(
      this.queue.name,
      async (job: Job) => {
        try {
          // attemptsStarted also counts a run cut short by a dead worker (attemptsMade does not), which is what
          // the SQLite adapter reports as well.
          const attempt = Math.max(job.attemptsStarted, job.attemptsMade + 1);
          await dispatchJob(handlers, job.name, job.data, {
            id: job.id ?? '',
            attempt,
            maxAttempts: job.opts.attempts ?? 1,
          });
        } catch (error) {
          // Retrying a payload that can never parse only delays the failure.
          if (error instanceof InvalidPayloadError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        // Workers block on Redis; BullMQ requires unlimited per-request retries on their connections.
        connection: { url: this.opts.url, maxRetriesPerRequest: null },
        prefix: this.prefix,
        concurrency: options.concurrency,
        lockDuration,
        stalledInterval: this.opts.stalledIntervalMs ?? lockDuration,
        removeOnComplete: KEEP_FINISHED,
        removeOnFail: KEEP_FINISHED,
      },
    );
    worker.on('error', this.report);
    this.worker = worker;
    await worker.waitUntilReady();
  }

  async stopWorkers(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    // close() without force waits for the jobs in progress: a graceful drain.
    await worker?.close();
  }

  async getJob(id: string): Promise<JobInfo | undefined> {
    // State and job data are separate reads and a worker may move the job in between (a 'completed' state with
    // the data of the waiting job); read until the state is the same on both sides of the data.
    let state = STATES[await this.queue.getJobState(id)];
    let job: Job | undefined;
    for (let tries = 0; state && tries < 5; tries++) {
      job = await this.queue.getJob(id);
      const after = STATES[await this.queue.getJobState(id)];
      if (after === state) break;
      state = after;
    }
    // Unknown state: no such job, or removed meanwhile.
    if (!state || !job) return undefined;
    return {
      id,
      name: job.name,
      state,
      attempts: Math.max(job.attemptsStarted, job.attemptsMade),
      error: job.failedReason || undefined,
    };
  }

  async counts(): Promise<Record<JobState, number>> {
    const raw = await this.queue.getJobCounts(
      'waiting',
      'paused',
      'delayed',
      'prioritized',
      'waiting-children',
      'active',
      'completed',
      'failed',
    );
    const counts: Record<JobState, number> = { waiting: 0, active: 0, completed: 0, failed: 0 };
    for (const [type, n] of Object.entries(raw)) {
      const state = STATES[type];
      if (state) counts[state] += n;
    }
    return counts;
  }

  async ping(): Promise<void> {
    // The first connection may still be on its way (no offline queue to hold the PING until then).
    await withTimeout(this.queue.waitUntilReady(), DEFAULT_ENQUEUE_TIMEOUT_MS, 'no connection to Redis');
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected Redis PING answer: ${answer}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopWorkers();
    await this.queue.close();
    // The producer connection is ours (shared with the Queue), so BullMQ leaves closing it to us. With Redis
    // down there is no one to say goodbye to (and no offline queue to hold the QUIT).
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
