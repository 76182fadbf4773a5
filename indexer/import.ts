import { redactCprInText } from '../src/domain/cpr.ts';
import type { JobOrder } from '../src/domain/job-order.ts';
import type { CandidateIndex, IndexDocument } from '../src/ports/candidate-index.ts';
import type { CandidateWrite } from '../src/ports/candidates.ts';
import type { ImportRun } from '../src/ports/import-runs.ts';
import type { Stores } from '../src/ports/stores.ts';
import { ruleSetProblem } from '../src/rulesets/load.ts';
import { readRecords } from './sources/index.ts';
import type { RecordKind, SourceRecord } from './sources/types.ts';
import { validateCandidate, validateCandidateDraft, validateJobOrder } from './validate.ts';

export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

export interface ImportSummary {
  runId: string;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  rejections: Rejection[];
}

export interface ImportOptions {
  /** Required for CV documents, which name no jobcenter themselves. */
  jobcenter?: string | undefined;
  batchSize?: number;
  /** Called after each batch lands, with the number of records read so far. */
  onProgress?: (recordsRead: number) => void;
  onRejected?: (rejection: Rejection) => void;
}

export interface ImportDeps {
  stores: Pick<Stores, 'candidates' | 'jobOrders' | 'importRuns'>;
  index: CandidateIndex;
  /** Rule sets a job order may name; without it (tests of the candidate path) the name is not checked. */
  loadRuleSet?: (name: string) => unknown;
}

/** Kept in memory and in the import run for the API and CLI; a 1M-line file with many bad rows stays bounded. */
const MAX_KEPT_REJECTIONS = 1000;

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
export async function writeCandidateBatch(deps: ImportDeps, batch: CandidateWrite[]) {
  const results = await deps.stores.candidates.upsert(batch);
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

async function writeJobOrderBatch(deps: ImportDeps, batch: JobOrder[]) {
  return deps.stores.jobOrders.upsert(batch.map((jobOrder) => ({ jobOrder })));
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
  const batchSize = options.batchSize ?? 1000;
  const run = await deps.stores.importRuns.start(kind, redactCprInText(path));
  const summary: ImportSummary = {
    runId: run.id,
    imported: 0,
    updated: 0,
    unchanged: 0,
    incomplete: 0,
    rejected: 0,
    rejections: [],
  };
  const reject = (rejection: Rejection) => {
    summary.rejected++;
    if (summary.rejections.length < MAX_KEPT_REJECTIONS) summary.rejections.push(rejection);
    options.onRejected?.(rejection);
  };
  let read = 0;
  let candidates: CandidateWrite[] = [];
  let orders: JobOrder[] = [];

  const flush = async () => {
    const results =
      kind === 'candidates'
        ? await writeCandidateBatch(deps, candidates)
        : await writeJobOrderBatch(deps, orders);
    results.forEach((r, i) => {
      if (r.status === 'created') summary.imported++;
      else if (r.status === 'updated') summary.updated++;
      else summary.unchanged++;
      if (kind === 'candidates' && candidates[i]!.incomplete.length > 0) summary.incomplete++;
    });
    candidates = [];
    orders = [];
    options.onProgress?.(read);
  };

  for await (const record of readRecords(path, { kind, jobcenter: options.jobcenter })) {
    read++;
    const accepted = accept(record, kind, deps.loadRuleSet);
    if (!accepted.ok) {
      // Case systems name exported files after the person's CPR; the report and the import run must not keep it.
      reject({ file: redactCprInText(record.file), line: record.line, reason: accepted.reason });
      continue;
    }
    if (kind === 'candidates') candidates.push(accepted.value as CandidateWrite);
    else orders.push(accepted.value as JobOrder);
    if (candidates.length + orders.length >= batchSize) await flush();
  }
  if (candidates.length + orders.length > 0) await flush();
  else options.onProgress?.(read);

  const finished: ImportRun = {
    ...run,
    finishedAt: new Date().toISOString(),
    imported: summary.imported,
    updated: summary.updated,
    unchanged: summary.unchanged,
    incomplete: summary.incomplete,
    rejected: summary.rejected,
    errors: summary.rejections,
  };
  await deps.stores.importRuns.finish(finished);
  return summary;
}

function accept(record: SourceRecord, kind: RecordKind, loadRuleSet: ImportDeps['loadRuleSet']) {
  if (!record.ok) return { ok: false as const, reason: record.error };
  if (kind === 'job-orders') {
    const order = validateJobOrder(record.value);
    const problem = order.ok && loadRuleSet ? ruleSetProblem(order.value.ruleSet, loadRuleSet) : undefined;
    return problem ? { ok: false as const, reason: `ruleSet: ${problem}` } : order;
  }
  if (record.incomplete && record.incomplete.length > 0) {
    return validateCandidateDraft(record.value, record.incomplete);
  }
  return validateCandidate(record.value);
}
