import type { CandidateFacts } from '../../scoring/query.ts';
import type { Vocabulary } from '../../scoring/vocabulary.ts';
import type { CandidateSearchFacts } from './candidates.ts';

/**
 * Retrieval (udsøgning): which candidates are worth scoring for an order. Adapters: an in-process index (default)
 * and Meilisearch. Scoring itself stays in scoring/, so every adapter ranks the same way.
 */

export interface IndexDocument {
  id: string;
  jobcenter: string;
  externalId: string;
  /** Incomplete candidates are kept out of the index altogether. */
  facts: CandidateSearchFacts;
}

export interface RetrievalQuery {
  location: { lat: number; lon: number };
  /** Candidates beyond this distance are not returned (the order's outer radius plus the near-miss margin). */
  radiusKm: number;
  /** Candidates whose home jobcenter is one of these are eligible by scope... */
  homeJobcentre: readonly string[];
  /** ...and those of these other jobcentre only when they consented to sharing; '*' = every other jobcenter. */
  sharingJobcentre: readonly string[] | '*';
  /** The order's analysed terms: adapters that rank by text use them to decide what to return first. */
  terms: readonly string[];
  /**
   * Concept ids that can meet the order's phrases (each concept with every narrower and related one): adapters that
   * cannot read everything in reach return their holders first.
   */
  concepts?: readonly string[];
  /** Upper bound on candidates returned (adapters with a server-side limit honour it; the embedded one returns all). */
  limit: number;
}

export interface Retrieval {
  /** Term ids of the candidates refer to this vocabulary; compile the order's query against it. */
  vocabulary: Vocabulary;
  /**
   * Candidates in range and in scope, searchable, complete. May reuse one object between iterations (read each
   * before asking for the next).
   */
  candidates: Iterable<CandidateFacts>;
  /**
   * The same candidates narrowed to those holding at least one of `termIds` (ids in `vocabulary`), for an adapter
   * that keeps postings; a candidate holding none of an order's terms can never be on its list. Adapters without
   * postings leave it out and callers fall back to `candidates`.
   */
  holding?(termIds: Uint32Array): Iterable<CandidateFacts>;
}

export interface CandidateIndex {
  readonly name: string;
  upsert(docs: IndexDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Drops everything (before a rebuild from the Store). */
  clear(): Promise<void>;
  count(): Promise<number>;
  retrieve(query: RetrievalQuery): Promise<Retrieval>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
