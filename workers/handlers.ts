import type { RuleSet } from '../scoring/eligibility.ts';
import type { Taxonomy } from '../scoring/taxonomy/taxonomy.ts';
import { syncShortlistWorkflow } from '../src/candidacy/sync-shortlist.ts';
import type { JobHandlers, JobRun } from '../src/jobs/catalog.ts';
import type { CandidateIndex } from '../src/ports/candidate-index.ts';
import type { Stores } from '../src/ports/stores.ts';
import { runBundleJob } from './bundle.ts';
import { rebuildIndex } from './reindex.ts';
import { runRetentionJob } from './retention.ts';
import { runShortlistJob } from './shortlist.ts';

/** An in-process index that follows the Store's change feed (src/index-follower.ts). */
export interface FollowingIndex {
  /** Applies the Store's changes made since the last call, by any process. */
  catchUp(): Promise<unknown>;
  /** Rebuilds the index from the Store and follows the feed from there. */
  rebuild(): Promise<unknown>;
}

export interface HandlerDeps {
  stores: Stores;
  /** The index as this process reads and writes it. */
  index: CandidateIndex;
  /** Present when the index lives in this process's memory; a shared index (Meilisearch) needs no following. */
  follower?: FollowingIndex | undefined;
  loadRuleSet: (name: string) => RuleSet;
  taxonomy: Taxonomy;
  /** RETENTION_MONTHS: without it the retention job erases nothing. */
  retentionMonths: number | undefined;
}

/** The reason a konsulent reads on a list or bundle the queue gave up on. */
export function finalFailureReason(error: unknown, job: Pick<JobRun, 'attempt'>): string {
  const message = error instanceof Error ? error.message : String(error);
  return `failed after ${job.attempt} attempt${job.attempt === 1 ? '' : 's'}: ${message}`.slice(0, 1000);
}

/**
 * Runs the work; when its last attempt fails, records the failure on the row the konsulent watches before the
 * queue gives the job up, so nothing is left `running` forever. The error still reaches the queue.
 */
async function failRowOnLastAttempt(
  job: JobRun,
  work: () => Promise<void>,
  markFailed: (reason: string) => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (job.attempt >= job.maxAttempts) await markFailed(finalFailureReason(error, job));
    throw error;
  }
}

/** Every job of the catalog with its handler; a job name without one is a type error here. */
export function buildJobHandlers(deps: HandlerDeps): JobHandlers {
  const { stores, index, follower, loadRuleSet, taxonomy } = deps;
  return {
    shortlist: async ({ shortlistId }, job) =>
      failRowOnLastAttempt(
        job,
        async () => {
          // Candidates written by other processes since the last job must be in the index before it is read.
          await follower?.catchUp();
          await runShortlistJob(shortlistId, {
            stores,
            index,
            taxonomy,
            loadRuleSet,
            poolMembers: (jobcenter) => stores.pools.partnersOf(jobcenter),
            beforeDone: (order, result) =>
              syncShortlistWorkflow(stores.candidacies, shortlistId, order, result.entries),
          });
        },
        (reason) => stores.shortlists.fail(shortlistId, reason),
      ),
    bundle: async ({ bundleId }, job) =>
      failRowOnLastAttempt(
        job,
        () => runBundleJob(bundleId, { stores, loadRuleSet, taxonomy }),
        (reason) => stores.bundles.fail(bundleId, reason),
      ),
    retention: async () => {
      await runRetentionJob({ stores, index }, deps.retentionMonths);
    },
    reindex: async () => {
      if (follower) await follower.rebuild();
      else await rebuildIndex(stores.candidates, index);
    },
  };
}
