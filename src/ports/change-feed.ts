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

/**
 * The Store's candidate change feed: which candidates changed since a sequence number, for an in-process index
 * that must follow writes made by other processes. Sequence numbers only grow.
 *
 * Synchronous, as the embedded SQLite adapter is: the index follower relies on nothing else running between
 * reading a batch and applying it.
 */
export interface CandidateChangeFeed {
  /** The sequence number of the latest change; 0 before the first. */
  head(): number;
  /** Candidates changed after `seq`, oldest change first, each with what the index should now hold for it. */
  since(seq: number, limit: number): CandidateChange[];
  /** The digest of search facts as this feed computes it: equal facts, equal digests. */
  digest(facts: CandidateSearchFacts): string;
}
