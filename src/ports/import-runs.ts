import type { FieldError } from '../domain/errors.ts';
import type { Page, PageResult } from './page.ts';

/**
 * `running` while its process imports; `finished` once every record was read; `interrupted` when the process that
 * ran it died first (marked at the next start): its counts are the records that landed.
 */
export type ImportRunStatus = 'running' | 'finished' | 'interrupted';

export interface ImportRun {
  id: string;
  kind: 'candidates' | 'job-orders';
  source: string;
  status: ImportRunStatus;
  /** The tenant a konsulent's upload belongs to; null for an admin's upload or a CLI import. */
  jobcenter: string | null;
  /** Which process runs it (`host:pid:start`), so a later start can tell a dead run from a live one. */
  owner: string | null;
  startedAt: string;
  finishedAt: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  /** First rejections with file, line and reason (capped; the full list is `rejections()`). */
  errors: Array<{ file: string; line: number; reason: string }>;
}

/** One rejected record, as kept for the per-line report. */
export interface ImportRejection {
  file: string;
  line: number;
  /** Only when it names no CPR-nummer. */
  externalId?: string;
  reason: string;
  errors: FieldError[];
}

/** What a batch adds to its run besides the writes: rejections since the previous batch. */
export interface ImportRunTally {
  runId: string;
  /** Rejected records since the previous tally (counted even when not all of them are kept). */
  rejected: number;
  /** The rejections to keep for the report (the importer stops keeping them past a cap). */
  rejections: ImportRejection[];
}

/**
 * Options of a store's batch upsert: with `importRun`, the run's counts (and the tally's rejections) are updated in
 * the same transaction as the batch, so a crash leaves counts that match what landed.
 */
export interface UpsertOptions {
  importRun?: ImportRunTally;
}

export interface StartImportRun {
  jobcenter?: string | null;
  owner?: string | null;
}

/** One row per bulk import, with its counts, status and rejections. */
export interface ImportRunStore {
  start(kind: ImportRun['kind'], source: string, opts?: StartImportRun): Promise<ImportRun>;
  /** Counts and keeps rejections that arrive with no batch to write (a run of bad lines, the end of a file). */
  addRejections(tally: ImportRunTally): Promise<void>;
  /** Stores the run's final counts and marks it finished; rejects when the run does not exist. */
  finish(run: ImportRun): Promise<void>;
  get(id: string): Promise<ImportRun | undefined>;
  /** The kept rejections in the order they were found, a page at a time. */
  rejections(runId: string, page: Page): Promise<PageResult<ImportRejection>>;
  /**
   * Marks every `running` run whose owner is not alive (per `isAlive`) as interrupted, keeping the counts that
   * landed; returns their ids. A run without an owner (written before owners were kept) counts as dead.
   */
  markInterrupted(isAlive: (owner: string) => boolean): Promise<string[]>;
}
