import type { IndexDocument } from './candidate-index.ts';
import type { CandidateSearchFacts } from './candidates.ts';

/** One candidate that changed, with what an index should hold for it now. */
export interface CandidateChange {
  candidateId: string;
  seq: number;
  /** digest() of what the index should hold for the candidate now; null: nothing (erased, incomplete or not
   * searchable). */
  digest: string | null;
  /** That document, parsed on demand: a reader that already holds it skips the parse. */
  document: () => IndexDocument | null;
}

/** Stops a watch; resolves once its connection is closed. */
export type StopWatching = () => Promise<void>;

/**
 * The Store's candidate change feed: which candidates changed since a sequence number, for an in-process index
 * that must follow writes made by other processes (on this host or another). Sequence numbers only grow, and a
 * change is never visible with a sequence number below one already read: a reader that has applied everything
 * up to N never has to look below N again.
 */
export interface CandidateChangeFeed {
  /** The sequence number of the latest change; 0 before the first. */
  head(): Promise<number>;
  /** Candidates changed after `seq`, oldest change first, each with what the index should now hold for it. */
  since(seq: number, limit: number): Promise<CandidateChange[]>;
  /** The digest of search facts as this feed computes it: equal facts, equal digests. */
  digest(facts: CandidateSearchFacts): string;
  /**
   * Calls `wake` soon after another process commits a change, and once whenever the watch (re)connects, since
   * changes made while it was down were not announced. A hint only: a wake may be missed or repeated, so a reader
   * still catches up before it relies on the index. Absent when the adapter cannot announce changes (readers
   * then catch up on demand).
   */
  watch?(wake: () => void, onError?: (error: Error) => void): Promise<StopWatching>;
}
