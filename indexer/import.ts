import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { redactCprInText } from '../src/domain/cpr.ts';
import type { JobOrder } from '../src/domain/job-order.ts';
import type { CandidateIndex, IndexDocument } from '../src/ports/candidate-index.ts';
import type {
  CandidateSearchFacts,
  CandidateWrite,
  PreparedCandidateWrite,
} from '../src/ports/candidates.ts';
import type { ImportRejection, ImportRun, UpsertOptions } from '../src/ports/import-runs.ts';
import type { Stores } from '../src/ports/stores.ts';
import type { WriteResult } from '../src/ports/upsert.ts';
import { type Origin, type Outcome, outcomeOf, type Refuse } from './accept.ts';
import { PROCESS_OWNER } from './import-runs.ts';
import { type IngestThreads, threadedOutcomes, threadsCanRead } from './ingest-pool.ts';
import { readRecords } from './sources/index.ts';
import type { RecordKind, SourceRecord } from './sources/types.ts';

export type Rejection = ImportRejection;

export interface ImportSummary {
  runId: string;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  /** The first rejections (capped); the import run keeps many more, paged. */
  rejections: Rejection[];
}

/** Where a written record came from, and what the upsert did with it. */
export interface Landed {
  file: string;
  line: number;
  externalId: string;
  result: WriteResult;
}

export interface ImportOptions {
  /** Required for CV documents, which name no jobcenter themselves. */
  jobcenter?: string | undefined;
  batchSize?: number;
  /** Called after each batch lands, with the number of records read so far. */
  onProgress?: (recordsRead: number) => void;
  onRejected?: (rejection: Rejection) => void;
  /** Called with each batch's records once they landed. */
  onLanded?: (landed: Landed[]) => void;
  /**
   * Parse, validate and analyse an NDJSON file of candidates in worker threads, the Store written from this thread
   * alone; absent or 0 threads = all in this thread. Other formats are always read in this thread.
   */
  threads?: IngestThreads | undefined;
}

export interface RecordImportOptions extends Omit<ImportOptions, 'jobcenter'> {
  /** What the import run names as its source (a path or an upload). */
  source: string;
  /** The tenant that owns the run (a konsulent's upload); null or absent for an admin or the CLI. */
  tenant?: string | null;
  /** A refusal message when the records of this jobcenter may not be written by whoever imports. */
  refuse?: Refuse;
}

export interface ImportDeps {
  stores: Pick<Stores, 'candidates' | 'jobOrders' | 'importRuns'>;
  /**
   * The index the import brings in line after each batch; absent when nothing in this process reads one (the CLI
   * importer next to an embedded index: whoever serves shortlists follows the Store's change feed).
   */
  index?: CandidateIndex | undefined;
  /** Rule sets a job order may name; without it (tests of the candidate path) the name is not checked. */
  loadRuleSet?: (name: string) => unknown;
}

/** Kept in memory for the API and CLI summary; a 1M-line file with many bad rows stays bounded. */
const MAX_KEPT_REJECTIONS = 1000;
/** Kept with the run for the per-line report; past this only the count grows. */
export const MAX_STORED_REJECTIONS = 100_000;
/**
 * Longest stretch of parsing and validation before the event loop gets a turn: a server importing an upload keeps
 * answering its other requests (and its liveness probe) in between.
 */
const SLICE_MS = 10;

export function summaryLine(s: ImportSummary): string {
  const extra = [
    s.unchanged > 0 ? `unchanged ${s.unchanged}` : '',
    s.incomplete > 0 ? `incomplete ${s.incomplete}` : '',
  ].filter(Boolean);
  return `imported ${s.imported}, updated ${s.updated}, rejected ${s.rejected}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export function toIndexDocument(id: string, w: CandidateWrite): IndexDocument {
  return { id, jobcenter: w.jobcenter, externalId: w.externalId, facts: w.facts };
}

/**
 * Writes one batch to the Store in a single transaction, then brings the index in line. The Store is the
 * system of record: if the process dies between the two, the index is rebuilt from the Store at start.
 */
export async function writeCandidateBatch(
  deps: ImportDeps,
  batch: CandidateWrite[],
  options?: UpsertOptions,
) {
  const results = await deps.stores.candidates.upsert(batch, options);
  await bringIndexInLine(deps.index, results, (i) => batch[i]!);
  return results;
}

/** The same for writes prepared in a worker thread; a store that takes no prepared writes cannot be given them. */
async function writePreparedBatch(
  deps: ImportDeps,
  batch: PreparedCandidateWrite[],
  options?: UpsertOptions,
) {
  const store = deps.stores.candidates;
  if (!store.upsertPrepared) throw new Error('this candidate store takes no prepared writes');
  const results = await store.upsertPrepared(batch, options);
  await bringIndexInLine(deps.index, results, (i) => {
    const p = batch[i]!;
    return {
      jobcenter: p.jobcenter,
      externalId: p.externalId,
      incomplete: p.incomplete ? [''] : [],
      // Read back only for the rows that changed, and only when an index in this process wants them.
      facts: JSON.parse(p.factsJson) as CandidateSearchFacts,
    };
  });
  return results;
}

async function bringIndexInLine(
  index: CandidateIndex | undefined,
  results: WriteResult[],
  written: (i: number) => Pick<CandidateWrite, 'jobcenter' | 'externalId' | 'facts' | 'incomplete'>,
) {
  if (!index) return;
  const upserts: IndexDocument[] = [];
  const removals: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'unchanged') return;
    const w = written(i);
    if (w.incomplete.length > 0 || !w.facts.searchable) removals.push(r.id);
    else upserts.push({ id: r.id, jobcenter: w.jobcenter, externalId: w.externalId, facts: w.facts });
  });
  if (removals.length > 0) await index.remove(removals);
  if (upserts.length > 0) await index.upsert(upserts);
}

/**
 * Imports a file or directory of candidates or job orders: streaming, in batches of `batchSize` records, each
 * batch one transaction. A bad record is reported by file and line and the good ones still land; importing the
 * same file again changes nothing (every record comes back 'unchanged').
 */
export async function importPath(
  path: string,
  kind: RecordKind,
  deps: ImportDeps,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { jobcenter, threads, ...rest } = options;
  const source = redactCprInText(path);
  if (kind === 'candidates' && threads && threads.count > 0 && deps.stores.candidates.upsertPrepared) {
    if (await threadsCanRead(path))
      return importOutcomes(threadedOutcomes(path, threads), kind, deps, { ...rest, source });
  }
  return importRecords(readRecords(path, { kind, jobcenter }), kind, deps, { ...rest, source });
}

/**
 * The importer under `vikar import` and the bulk upload: reads records one at a time, validates them and writes
 * them in batches. Each batch moves the run's counts in its own transaction, so a process killed mid-import
 * leaves a run whose counts are what landed (marked interrupted at the next start).
 */
export function importRecords(
  records: AsyncIterable<SourceRecord>,
  kind: RecordKind,
  deps: ImportDeps,
  options: RecordImportOptions,
): Promise<ImportSummary> {
  return importOutcomes(validated(records, kind, options.refuse, deps.loadRuleSet), kind, deps, options);
}

async function* validated(
  records: AsyncIterable<SourceRecord>,
  kind: RecordKind,
  refuse: Refuse | undefined,
  loadRuleSet: ImportDeps['loadRuleSet'],
): AsyncGenerator<Outcome> {
  for await (const record of records) yield outcomeOf(record, kind, refuse, loadRuleSet);
}

/**
 * The writer: takes validated records in read order, however they were produced, and lands them in batches. Each
 * batch and the run's counts move in one transaction.
 */
async function importOutcomes(
  outcomes: AsyncIterable<Outcome>,
  kind: RecordKind,
  deps: ImportDeps,
  options: Omit<RecordImportOptions, 'refuse'>,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 1000;
  const run = await deps.stores.importRuns.start(kind, options.source, {
    jobcenter: options.tenant ?? null,
    owner: PROCESS_OWNER,
  });
  const summary: ImportSummary = {
    runId: run.id,
    imported: 0,
    updated: 0,
    unchanged: 0,
    incomplete: 0,
    rejected: 0,
    rejections: [],
  };
  let stored = 0;
  let pendingRejected = 0;
  let pendingRejections: Rejection[] = [];
  const reject = (rejection: Rejection) => {
    summary.rejected++;
    pendingRejected++;
    if (summary.rejections.length < MAX_KEPT_REJECTIONS) summary.rejections.push(rejection);
    if (stored < MAX_STORED_REJECTIONS) {
      stored++;
      pendingRejections.push(rejection);
    }
    options.onRejected?.(rejection);
  };
  const takeTally = () => {
    const tally = { runId: run.id, rejected: pendingRejected, rejections: pendingRejections };
    pendingRejected = 0;
    pendingRejections = [];
    return tally;
  };
  let read = 0;
  let candidates: CandidateWrite[] = [];
  let prepared: PreparedCandidateWrite[] = [];
  let orders: JobOrder[] = [];
  let origins: Origin[] = [];

  const flush = async () => {
    const importRun = takeTally();
    // A batch is all prepared or all not: one source feeds the writer.
    const results =
      kind === 'job-orders'
        ? await deps.stores.jobOrders.upsert(
            orders.map((jobOrder) => ({ jobOrder })),
            { importRun },
          )
        : prepared.length > 0
          ? await writePreparedBatch(deps, prepared, { importRun })
          : await writeCandidateBatch(deps, candidates, { importRun });
    results.forEach((r, i) => {
      if (r.status === 'created') summary.imported++;
      else if (r.status === 'updated') summary.updated++;
      else summary.unchanged++;
      if (kind === 'candidates' && (prepared[i]?.incomplete || candidates[i]?.incomplete.length))
        summary.incomplete++;
    });
    options.onLanded?.(results.map((result, i) => ({ ...origins[i]!, result })));
    candidates = [];
    prepared = [];
    orders = [];
    origins = [];
    options.onProgress?.(read);
  };

  let sliceStart = performance.now();
  for await (const outcome of outcomes) {
    read++;
    if (!outcome.ok) reject(outcome.rejection);
    else {
      if (outcome.prepared) prepared.push(outcome.prepared);
      else if (kind === 'candidates') candidates.push(outcome.value as CandidateWrite);
      else orders.push(outcome.value as JobOrder);
      origins.push(outcome.origin);
      if (origins.length >= batchSize) await flush();
    }
    // Bad records are kept with the run in batches too, so a file of nothing but bad lines stays bounded.
    if (pendingRejections.length >= batchSize) await deps.stores.importRuns.addRejections(takeTally());
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  if (origins.length > 0) await flush();
  else options.onProgress?.(read);
  if (pendingRejected > 0) await deps.stores.importRuns.addRejections(takeTally());

  const finished: ImportRun = {
    ...run,
    status: 'finished',
    finishedAt: new Date().toISOString(),
    imported: summary.imported,
    updated: summary.updated,
    unchanged: summary.unchanged,
    incomplete: summary.incomplete,
    rejected: summary.rejected,
    errors: summary.rejections.map(({ file, line, reason }) => ({ file, line, reason })),
  };
  await deps.stores.importRuns.finish(finished);
  return summary;
}
