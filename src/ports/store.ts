import type { StoredCandidate } from '../domain/candidate.ts';
import type { JobOrder } from '../domain/job-order.ts';
import type { NearMiss, ShortlistEntry, ShortlistScope } from '../domain/shortlist.ts';
import type { Page, PageResult } from './page.ts';

export type { Page, PageResult } from './page.ts';

/**
 * The system of record: candidates, job orders, shortlists and import runs. One interface, several adapters
 * (SQLite embedded, PostgreSQL for scale); test/ports/store.contract.ts runs against each.
 * Methods are async because the server adapters are; the SQLite adapter answers synchronously inside.
 */

/** What the index needs of a candidate, pre-normalised at ingest so a rebuild never re-parses a CV. */
export interface CandidateSearchFacts {
  lat: number;
  lon: number;
  unemployedSince: string;
  benefit: StoredCandidate['benefit'];
  weeklyHours: number | null;
  availableFrom: string | null;
  unavailable: Array<{ from: string; to: string }>;
  activeSchemes: string[];
  driversLicences: string[];
  maxDistanceKm: number | null;
  searchable: boolean;
  shareWithPool: boolean;
  /** Analysed terms with their field weight, e.g. [['truckcertifikat', 3], ['≈truckcertifikat', 3]]. */
  terms: Array<[string, number]>;
}

export interface CandidateRecord {
  id: string;
  jobcenter: string;
  externalId: string;
  /** Never holds the CPR: the Store keeps only a keyed hash of it, in a column of its own. */
  candidate: StoredCandidate;
  facts: CandidateSearchFacts;
  /** Required fields still missing (a CV document without ledighed, say): listed and editable, never shortlisted. */
  incomplete: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CandidateWrite {
  jobcenter: string;
  externalId: string;
  candidate: StoredCandidate;
  facts: CandidateSearchFacts;
  incomplete: string[];
  /** 10 digits, already validated; hashed by the Store with its key, never stored in clear. */
  cpr?: string | undefined;
}

export type WriteStatus = 'created' | 'updated' | 'unchanged';

export interface WriteResult {
  id: string;
  status: WriteStatus;
}

export interface JobOrderRecord {
  id: string;
  jobcenter: string;
  externalId: string;
  jobOrder: JobOrder;
  createdAt: string;
  updatedAt: string;
}

export interface CandidateFilter {
  jobcenter?: string;
  incomplete?: boolean;
  searchable?: boolean;
  benefit?: StoredCandidate['benefit'];
  /** Matches externalId or name, case-insensitive substring. */
  text?: string;
}

export type ShortlistStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ShortlistRecord {
  id: string;
  jobOrderId: string;
  status: ShortlistStatus;
  scope: ShortlistScope;
  size: number;
  strategy: 'fit-first' | 'weighted';
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

export interface ShortlistResult {
  candidatesConsidered: number;
  entries: ShortlistEntry[];
  nearMisses: NearMiss[];
  effectiveScope?: ShortlistScope | undefined;
  widened?: boolean | undefined;
}

export interface ImportRun {
  id: string;
  kind: 'candidates' | 'job-orders';
  source: string;
  startedAt: string;
  finishedAt: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  /** First rejections with file, line and reason (capped; the CLI prints them all as they happen). */
  errors: Array<{ file: string; line: number; reason: string }>;
}

export interface Store {
  /** Creates or upgrades the schema; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A cheap round trip for readiness checks. */
  ping(): Promise<void>;

  /** Upserts by (jobcenter, externalId) in one transaction: all of the batch lands, or none of it. */
  upsertCandidates(batch: CandidateWrite[]): Promise<WriteResult[]>;
  getCandidate(id: string): Promise<CandidateRecord | undefined>;
  findCandidate(jobcenter: string, externalId: string): Promise<CandidateRecord | undefined>;
  listCandidates(filter: CandidateFilter, page: Page): Promise<PageResult<CandidateRecord>>;
  countCandidates(filter?: CandidateFilter): Promise<number>;
  /** Erasure: the row goes, nothing of the person is kept. True when something was deleted. */
  deleteCandidate(id: string): Promise<boolean>;
  /** Every candidate in stable id order, in batches: the index rebuild reads this at start. */
  scanCandidates(batchSize: number): AsyncIterable<CandidateRecord[]>;
  /** True when a stored candidate has this CPR (compares keyed hashes). */
  hasCpr(jobcenter: string, cpr: string): Promise<boolean>;

  upsertJobOrders(batch: Array<{ jobOrder: JobOrder }>): Promise<WriteResult[]>;
  getJobOrder(id: string): Promise<JobOrderRecord | undefined>;
  findJobOrder(jobcenter: string, externalId: string): Promise<JobOrderRecord | undefined>;
  listJobOrders(filter: { jobcenter?: string }, page: Page): Promise<PageResult<JobOrderRecord>>;
  deleteJobOrder(id: string): Promise<boolean>;

  createShortlist(input: {
    jobOrderId: string;
    scope: ShortlistScope;
    size: number;
    strategy: 'fit-first' | 'weighted';
  }): Promise<ShortlistRecord>;
  markShortlistRunning(id: string): Promise<void>;
  /** Idempotent: completing a shortlist twice keeps one result (a retried job must not duplicate anything). */
  completeShortlist(id: string, result: ShortlistResult): Promise<void>;
  failShortlist(id: string, error: string): Promise<void>;
  getShortlist(id: string): Promise<ShortlistRecord | undefined>;
  listShortlists(jobOrderId: string): Promise<ShortlistRecord[]>;

  startImportRun(kind: ImportRun['kind'], source: string): Promise<ImportRun>;
  finishImportRun(run: ImportRun): Promise<void>;
  getImportRun(id: string): Promise<ImportRun | undefined>;
}
