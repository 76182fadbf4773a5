import type { CandidateConcept } from '../../scoring/concepts/types.ts';
import type { StoredCandidate } from '../domain/candidate.ts';
import type { UpsertOptions } from './import-runs.ts';
import type { Page, PageResult } from './page.ts';
import type { WriteResult } from './upsert.ts';

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
  /** The taxonomy concepts the candidate holds, each with its best evidence; absent in facts stored before them. */
  concepts?: CandidateConcept[];
  /** The taxonomy the concepts were found with: under another one they are stale and re-derived. */
  taxonomyVersion?: string;
}

export interface CandidateRecord {
  id: string;
  jobcenter: string;
  externalId: string;
  /** Never holds the CPR: the store keeps only a keyed hash of it, in a column of its own. */
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
  /** 10 digits, already validated; hashed by the store with its key, never stored in clear. */
  cpr?: string | undefined;
}

/**
 * A write with everything that does not depend on the stored row already computed (the JSON columns, their digest,
 * the keyed CPR hash), so a bulk import can do that work off the thread that holds the write lock.
 */
export interface PreparedCandidateWrite {
  jobcenter: string;
  externalId: string;
  externalIdFold: string;
  nameFold: string | null;
  benefit: string | null;
  searchable: boolean;
  incomplete: boolean;
  candidateJson: string;
  factsJson: string;
  incompleteJson: string;
  /** Digest of the three JSON columns; the CPR hash is mixed in once the stored row is known. */
  bodyDigest: string;
  /** undefined = the write carries no CPR: keep the stored hash. */
  cprHash: string | undefined;
}

export interface CandidateFilter {
  jobcenter?: string;
  incomplete?: boolean;
  searchable?: boolean;
  benefit?: StoredCandidate['benefit'];
  /** Matches externalId or name, case-insensitive substring. */
  text?: string;
  /** Ledig since this day or later (YYYY-MM-DD, inclusive); a candidate without the date never matches. */
  unemployedSinceFrom?: string;
  /** Ledig since this day or earlier (YYYY-MM-DD, inclusive). */
  unemployedSinceTo?: string;
}

/**
 * The candidates (CVs of ledige), the system of record the index is built from. Methods are async because the
 * server adapters are; the SQLite adapter answers synchronously inside.
 */
export interface CandidateStore {
  /**
   * Upserts by (jobcenter, externalId) in one transaction: all of the batch lands, or none of it. A write without
   * a CPR keeps the hash already stored; a write whose content (and CPR) did not change reports 'unchanged'.
   * With `importRun`, that run's counts move in the same transaction.
   */
  upsert(batch: CandidateWrite[], options?: UpsertOptions): Promise<WriteResult[]>;
  /**
   * The same upsert for writes prepared elsewhere (with the same key the store hashes CPRs with); a store that does
   * not offer it is written through `upsert`.
   */
  upsertPrepared?(batch: PreparedCandidateWrite[], options?: UpsertOptions): Promise<WriteResult[]>;
  get(id: string): Promise<CandidateRecord | undefined>;
  /**
   * The records of those of `ids` that exist, keyed by id, in one query: a bruttoliste reads every entry's record for
   * its evidence, and one round trip per entry costs more than the ranking on a busy host.
   */
  getMany(ids: readonly string[]): Promise<Map<string, CandidateRecord>>;
  find(jobcenter: string, externalId: string): Promise<CandidateRecord | undefined>;
  list(filter: CandidateFilter, page: Page): Promise<PageResult<CandidateRecord>>;
  count(filter?: CandidateFilter): Promise<number>;
  /**
   * Erasure: the row goes, and with it the person's entries in every stored shortlist (an entry names and scores
   * them). True when something was deleted.
   */
  delete(id: string): Promise<boolean>;
  /** Every candidate in stable id order, in batches: the index rebuild reads this at start. */
  scan(batchSize: number): AsyncIterable<CandidateRecord[]>;
  /**
   * The names of those of `ids` whose home jobcenter is `jobcenter`, in one query: a bruttoliste shows names read
   * now, never copies kept in the list. Ids of other jobcentre or unknown ids are absent from the map; a draft
   * without a name maps to null.
   */
  namesIn(jobcenter: string, ids: readonly string[]): Promise<Map<string, string | null>>;
  /** True when a stored candidate of this jobcenter has this CPR (compares keyed hashes). */
  hasCpr(jobcenter: string, cpr: string): Promise<boolean>;
}
