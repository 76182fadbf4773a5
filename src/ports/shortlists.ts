import type { NearMiss, ShortlistEntry, ShortlistScope } from '../domain/shortlist.ts';
import type { Page, PageResult } from './page.ts';

export type ShortlistStatus = 'queued' | 'running' | 'done' | 'failed';
export type ShortlistStrategy = 'fit-first' | 'weighted';

export interface ShortlistRecord {
  id: string;
  jobOrderId: string;
  status: ShortlistStatus;
  scope: ShortlistScope;
  size: number;
  strategy: ShortlistStrategy;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  candidatesConsidered: number;
  entries: ShortlistEntry[];
  nearMisses: NearMiss[];
  error?: string | undefined;
  /** The scope that produced the list: with scope 'auto' the own jobcenter, or the pool when it was widened. */
  effectiveScope?: ShortlistScope | undefined;
  widened?: boolean | undefined;
}

/** A shortlist without its entries: what a list of an order's shortlists shows (an order may have hundreds). */
export type ShortlistSummary = Omit<ShortlistRecord, 'entries' | 'nearMisses'> & {
  entryCount: number;
  nearMissCount: number;
};

export interface ShortlistResult {
  candidatesConsidered: number;
  entries: ShortlistEntry[];
  nearMisses: NearMiss[];
  effectiveScope?: ShortlistScope | undefined;
  widened?: boolean | undefined;
}

/** Bruttolister of a job order: queued by the API, run and finished by the shortlist job. */
export interface ShortlistStore {
  /** Rejects when the job order does not exist. */
  create(input: {
    jobOrderId: string;
    scope: ShortlistScope;
    size: number;
    strategy: ShortlistStrategy;
  }): Promise<ShortlistRecord>;
  /** No effect on a finished list or an unknown id; a retry restamps startedAt. */
  markRunning(id: string): Promise<void>;
  /** Idempotent: completing a shortlist twice keeps one result (a retried job must not duplicate anything). */
  complete(id: string, result: ShortlistResult): Promise<void>;
  /** A failure arriving after another attempt finished the list does not undo it. */
  fail(id: string, error: string): Promise<void>;
  get(id: string): Promise<ShortlistRecord | undefined>;
  /** The order's shortlists, newest first. */
  list(jobOrderId: string): Promise<ShortlistRecord[]>;
  /**
   * The order's shortlists newest first, a page at a time and without their entries. A cursor from another order's
   * pages, or of a list since deleted, throws InvalidCursorError.
   */
  listSummaries(jobOrderId: string, page: Page): Promise<PageResult<ShortlistSummary>>;
  /** How many of the order's shortlists are queued or running. */
  countInFlight(jobOrderId: string): Promise<number>;
  /** Queued or running lists of every order, oldest first: what the reconciler checks against the queue. */
  unfinished(limit: number): Promise<Array<Pick<ShortlistRecord, 'id' | 'status' | 'createdAt'>>>;
}
