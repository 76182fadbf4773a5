import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { redactCprInText } from '../src/domain/cpr.ts';
import { describeFieldErrors, type FieldError } from '../src/domain/errors.ts';
import type { JobOrder } from '../src/domain/job-order.ts';
import { isCprFree } from '../src/domain/text.ts';
import type { CandidateIndex, IndexDocument } from '../src/ports/candidate-index.ts';
import type { CandidateWrite } from '../src/ports/candidates.ts';
import type { ImportRejection, ImportRun, UpsertOptions } from '../src/ports/import-runs.ts';
import type { Stores } from '../src/ports/stores.ts';
import type { WriteResult } from '../src/ports/upsert.ts';
import { ruleSetProblem } from '../src/rulesets/load.ts';
import { PROCESS_OWNER } from './import-runs.ts';
import { readRecords } from './sources/index.ts';
import { withoutQuotedInput } from './sources/parse-json.ts';
import type { RecordKind, SourceRecord } from './sources/types.ts';
import { checkCandidate, checkCandidateDraft, checkJobOrder } from './validate.ts';

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
}

export interface RecordImportOptions extends Omit<ImportOptions, 'jobcenter'> {
  /** What the import run names as its source (a path or an upload). */
  source: string;
  /** The tenant that owns the run (a konsulent's upload); null or absent for an admin or the CLI. */
  tenant?: string | null;
  /** A refusal message when the records of this jobcenter may not be written by whoever imports. */
  refuse?: (jobcenter: string) => string | undefined;
}

export interface ImportDeps {
  stores: Pick<Stores, 'candidates' | 'jobOrders' | 'importRuns'>;
  index: CandidateIndex;
  /** Rule sets a job order may name; without it (tests of the candidate path) the name is not checked. */
  loadRuleSet?: (name: string) => unknown;
}

/** Kept in memory for the API and CLI summary; a 1M-line file with many bad rows stays bounded. */
const MAX_KEPT_REJECTIONS = 1000;
/** Kept with the run for the per-line report; past this only the count grows. */
export const MAX_STORED_REJECTIONS = 100_000;
/** Errors listed per rejected record: a 64 KiB line of bad array items must not become a 10 MB report. */
const MAX_ERRORS_PER_RECORD = 20;
/** Longest externalId echoed in a rejection. */
const MAX_ECHOED_ID = 200;
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
  const upserts: IndexDocument[] = [];
  const removals: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'unchanged') return;
    const w = batch[i]!;
    if (w.incomplete.length > 0 || !w.facts.searchable) removals.push(r.id);
    else upserts.push(toIndexDocument(r.id, w));
  });
  if (removals.length > 0) await deps.index.remove(removals);
  if (upserts.length > 0) await deps.index.upsert(upserts);
  return results;
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
  const { jobcenter, ...rest } = options;
  return importRecords(readRecords(path, { kind, jobcenter }), kind, deps, {
    ...rest,
    source: redactCprInText(path),
  });
}

/**
 * The importer under `vikar import` and the bulk upload: reads records one at a time, validates them and writes
 * them in batches. Each batch moves the run's counts in its own transaction, so a process killed mid-import
 * leaves a run whose counts are what landed (marked interrupted at the next start).
 */
export async function importRecords(
  records: AsyncIterable<SourceRecord>,
  kind: RecordKind,
  deps: ImportDeps,
  options: RecordImportOptions,
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
  let orders: JobOrder[] = [];
  let origins: Array<{ file: string; line: number; externalId: string }> = [];

  const flush = async () => {
    const importRun = takeTally();
    const results =
      kind === 'candidates'
        ? await writeCandidateBatch(deps, candidates, { importRun })
        : await deps.stores.jobOrders.upsert(
            orders.map((jobOrder) => ({ jobOrder })),
            { importRun },
          );
    results.forEach((r, i) => {
      if (r.status === 'created') summary.imported++;
      else if (r.status === 'updated') summary.updated++;
      else summary.unchanged++;
      if (kind === 'candidates' && candidates[i]!.incomplete.length > 0) summary.incomplete++;
    });
    options.onLanded?.(results.map((result, i) => ({ ...origins[i]!, result })));
    candidates = [];
    orders = [];
    origins = [];
    options.onProgress?.(read);
  };

  let sliceStart = performance.now();
  for await (const record of records) {
    read++;
    const accepted = accept(record, kind, options.refuse, deps.loadRuleSet);
    if (!accepted.ok) {
      // Case systems name exported files after the person's CPR; the report and the import run must not keep it.
      reject(rejection(record, accepted.errors, accepted.reason));
    } else {
      if (kind === 'candidates') candidates.push(accepted.value as CandidateWrite);
      else orders.push(accepted.value as JobOrder);
      origins.push({ file: record.file, line: record.line, externalId: accepted.value.externalId });
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

type Accepted =
  | { ok: true; value: CandidateWrite | JobOrder }
  | { ok: false; reason?: string; errors: FieldError[] };

function accept(
  record: SourceRecord,
  kind: RecordKind,
  refuse: RecordImportOptions['refuse'],
  loadRuleSet: ImportDeps['loadRuleSet'],
): Accepted {
  if (!record.ok) {
    const reason = withoutQuotedInput(record.error);
    return { ok: false, reason, errors: [{ field: '(root)', message: reason }] };
  }
  const validated =
    kind === 'job-orders'
      ? checkJobOrder(record.value)
      : record.incomplete && record.incomplete.length > 0
        ? checkCandidateDraft(record.value, record.incomplete)
        : checkCandidate(record.value);
  if (!validated.ok) return { ok: false, errors: validated.errors };
  if (kind === 'job-orders' && loadRuleSet) {
    const problem = ruleSetProblem((validated.value as JobOrder).ruleSet, loadRuleSet);
    if (problem) return { ok: false, errors: [{ field: 'ruleSet', message: problem }] };
  }
  const refusal = refuse?.(validated.value.jobcenter);
  if (refusal !== undefined) return { ok: false, errors: [{ field: 'jobcenter', message: refusal }] };
  return validated;
}

function rejection(record: SourceRecord, all: FieldError[], reason: string | undefined): Rejection {
  const errors = all.slice(0, MAX_ERRORS_PER_RECORD);
  if (all.length > errors.length) {
    errors.push({ field: '(root)', message: `and ${all.length - errors.length} more errors` });
  }
  const out: Rejection = {
    file: redactCprInText(record.file),
    line: record.line,
    reason: reason ?? describeFieldErrors(errors),
    errors,
  };
  // A CPR sent as the id is refused by validation, and must not come back in the report either.
  const id = record.ok ? record.value.externalId : undefined;
  if (typeof id === 'string' && id.length <= MAX_ECHOED_ID && isCprFree(id)) out.externalId = id;
  return out;
}
