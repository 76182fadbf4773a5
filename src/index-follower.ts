import { toIndexDocument } from '../indexer/import.ts';
import type { CandidateChange } from './adapters/sqlite/candidate-changes.ts';
import type { CandidateIndex, IndexDocument } from './ports/candidate-index.ts';
import type { Store } from './ports/store.ts';

export interface CandidateChangeFeed {
  head(): number;
  since(seq: number, limit: number): CandidateChange[];
}

const BATCH = 1000;

/**
 * Keeps an in-process CandidateIndex in step with the Store when other processes write to it. The embedded index
 * lives in one process's memory, but candidates arrive through the API process, the CLI importer, or are erased
 * by a worker; every process that shortlists from its own index calls catchUp() first, which replays the Store's
 * change feed since the last call (a single indexed read when nothing changed). A shared index (Meilisearch)
 * needs none of this.
 */
export class IndexFollower {
  private cursor = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly index: CandidateIndex,
    private readonly feed: CandidateChangeFeed,
    private readonly rebuildFromStore: (onProgress?: (n: number) => void) => Promise<number>,
  ) {}

  /** Rebuilds the index from the Store and follows the feed from there. */
  rebuild(onProgress?: (n: number) => void): Promise<number> {
    return this.serial(async () => {
      // Read before the scan: a change landing during it is replayed by the next catchUp (replays are idempotent).
      const head = this.feed.head();
      const n = await this.rebuildFromStore(onProgress);
      this.cursor = head;
      return n;
    });
  }

  /** Applies every candidate change committed before this call; returns how many candidates it re-read. */
  catchUp(): Promise<number> {
    // Serialised: concurrent jobs share one replay, and each waits for a replay that started after it asked.
    return this.serial(async () => {
      let applied = 0;
      for (;;) {
        const changes = this.feed.since(this.cursor, BATCH);
        if (changes.length === 0) return applied;
        const upserts: IndexDocument[] = [];
        const removals: string[] = [];
        for (const change of changes) {
          const record = await this.store.getCandidate(change.candidateId);
          // Gone (erased), incomplete or no longer searchable: out of the index, as the import path does it.
          if (!record || record.incomplete.length > 0 || !record.facts.searchable)
            removals.push(change.candidateId);
          else upserts.push(toIndexDocument(record.id, record));
        }
        if (removals.length > 0) await this.index.remove(removals);
        if (upserts.length > 0) await this.index.upsert(upserts);
        this.cursor = changes.at(-1)!.seq;
        applied += changes.length;
      }
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => {});
    return next;
  }
}
