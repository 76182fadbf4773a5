import { bundleJobId, shortlistJobId } from '../src/jobs/catalog.ts';
import type { JobQueue } from '../src/ports/job-queue.ts';
import type { Stores } from '../src/ports/stores.ts';
import { outageReporter } from '../src/runtime/outage.ts';

/**
 * The shortlist and bundle rows are the source of truth, the queue only carries the work. The reconciler brings
 * the queue in line with the rows: a queued or running row whose job the queue does not know (a Redis restarted
 * without its data, an enqueue that failed while the queue was unreachable) is enqueued again, and a row whose
 * job the queue gave up on is marked failed with the job's error. Both are idempotent (job ids derive from row
 * ids, so a duplicate enqueue runs once; handlers skip finished rows), so any number of processes may run it.
 * A job that is waiting or active is left to the queue, which already takes over a dead worker's job once its
 * lease lapses.
 */
export interface ReconcilerDeps {
  stores: { shortlists: Pick<Stores['shortlists'], 'unfinished' | 'fail'> } & {
    bundles: Pick<Stores['bundles'], 'unfinished' | 'fail'>;
  };
  queue: Pick<JobQueue, 'enqueue' | 'getJob'>;
}

export interface ReconcileResult {
  /** Row ids whose job was missing and is queued again. */
  enqueued: string[];
  /** Row ids marked failed because their job had failed for good. */
  failed: string[];
}

/** Rows looked at per kind and pass; an older backlog is reached as the front of it finishes. */
const BATCH = 1000;

function failedReason(error: string | undefined): string {
  return `the job failed: ${error ?? 'no reason recorded'}`.slice(0, 1000);
}

/** One kind of row the reconciler keeps in line with the queue: where its rows are and how its job is named. */
interface RowKind {
  rows: Pick<Stores['shortlists'] | Stores['bundles'], 'unfinished' | 'fail'>;
  jobId: (rowId: string) => string;
  enqueue: (rowId: string, jobId: string) => Promise<unknown>;
}

async function reconcileRows(kind: RowKind, queue: ReconcilerDeps['queue'], result: ReconcileResult) {
  for (const row of await kind.rows.unfinished(BATCH)) {
    const jobId = kind.jobId(row.id);
    const job = await queue.getJob(jobId);
    if (!job) {
      await kind.enqueue(row.id, jobId);
      result.enqueued.push(row.id);
    } else if (job.state === 'failed') {
      await kind.rows.fail(row.id, failedReason(job.error));
      result.failed.push(row.id);
    }
  }
}

/** One pass over the unfinished rows. Throws when the store or the queue cannot be read (the caller retries). */
export async function reconcileOnce(deps: ReconcilerDeps): Promise<ReconcileResult> {
  const result: ReconcileResult = { enqueued: [], failed: [] };
  const { queue, stores } = deps;
  await reconcileRows(
    {
      rows: stores.shortlists,
      jobId: shortlistJobId,
      enqueue: (shortlistId, jobId) => queue.enqueue('shortlist', { shortlistId }, { jobId }),
    },
    queue,
    result,
  );
  await reconcileRows(
    {
      rows: stores.bundles,
      jobId: bundleJobId,
      enqueue: (bundleId, jobId) => queue.enqueue('bundle', { bundleId }, { jobId }),
    },
    queue,
    result,
  );
  return result;
}

export interface ReconcilerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Runs a pass now and then every `intervalMs`, never two at once. A pass that fails (the queue unreachable) is
 * logged once per outage and tried again at the next tick. The returned stop waits for a pass in progress.
 */
export function startReconciler(
  deps: ReconcilerDeps,
  options: { intervalMs: number; log: ReconcilerLog },
): () => Promise<void> {
  if (options.intervalMs <= 0) return async () => {};
  const { log } = options;
  const outage = outageReporter(
    (error) => log.warn({ err: error }, 'reconciler: queue or store unreachable; trying again'),
    () => log.info({}, 'reconciler: queue reachable again'),
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const tick = () => {
    pass = reconcileOnce(deps)
      .then((result) => {
        outage.recovered();
        if (result.enqueued.length > 0 || result.failed.length > 0) {
          log.info(
            { enqueued: result.enqueued.length, failed: result.failed.length },
            'reconciler: re-enqueued rows without a job, failed rows whose job failed',
          );
        }
      })
      .catch((error: unknown) => outage.failed(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, options.intervalMs);
        timer.unref();
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await pass;
  };
}
