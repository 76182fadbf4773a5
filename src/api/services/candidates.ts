import { writeCandidateBatch } from '../../../indexer/import.ts';
import { isPlainObject, jsonTypeName, parseJson } from '../../../indexer/sources/parse-json.ts';
import { toCandidateWrite } from '../../../indexer/validate.ts';
import type { AppContext } from '../../context.ts';
import { type Candidate, candidateInput } from '../../domain/candidate.ts';
import { type FieldError, fieldErrors } from '../../domain/errors.ts';
import { isCprFree } from '../../domain/text.ts';
import type { CandidateFilter, CandidateWrite } from '../../ports/candidates.ts';
import type { WriteStatus } from '../../ports/upsert.ts';
import { eraseCandidate as eraseCandidateEverywhere } from '../../privacy/erasure.ts';
import type { Principal } from '../auth.ts';
import { badRequest } from '../problem.ts';
import { assertMayWrite, listScope, visibleCandidate, writeRefusal } from './tenancy.ts';
import { candidateOut } from './views.ts';

type Deps = Pick<AppContext, 'stores' | 'index'>;

/** Upsert by (jobcenter, externalId), through the same write path as `vikar import` (Store, then index). */
export async function upsertCandidate(deps: Deps, principal: Principal, candidate: Candidate) {
  assertMayWrite(principal, candidate.jobcenter, 'candidates');
  const [result] = await writeCandidateBatch(deps, [toCandidateWrite(candidate)]);
  const stored = await deps.stores.candidates.get(result!.id);
  return { ...candidateOut(stored!), status: result!.status };
}

export async function getCandidate(deps: Deps, principal: Principal, id: string) {
  return candidateOut(await visibleCandidate(deps, principal, id));
}

export interface CandidateQuery {
  jobcenter?: string | undefined;
  searchable?: boolean | undefined;
  incomplete?: boolean | undefined;
  benefit?: CandidateFilter['benefit'];
  q?: string | undefined;
  limit: number;
  after?: string | undefined;
}

export async function listCandidates(deps: Deps, principal: Principal, query: CandidateQuery) {
  const filter: CandidateFilter = {};
  const jobcenter = listScope(principal, query.jobcenter, 'candidates');
  if (jobcenter !== undefined) filter.jobcenter = jobcenter;
  if (query.searchable !== undefined) filter.searchable = query.searchable;
  if (query.incomplete !== undefined) filter.incomplete = query.incomplete;
  if (query.benefit !== undefined) filter.benefit = query.benefit;
  if (query.q !== undefined) filter.text = query.q;
  // A cursor the store did not make throws InvalidCursorError: the error table answers it as a 400 on `after`.
  const page = await deps.stores.candidates.list(filter, { limit: query.limit, after: query.after });
  return { items: page.items.map(candidateOut), next: page.next };
}

/**
 * Erasure: the person leaves the Store (and its stored shortlists) and the index, and the workflow rows lose the
 * link to them (the statistics keep their counts).
 */
export async function eraseCandidate(deps: Deps, principal: Principal, id: string): Promise<void> {
  await visibleCandidate(deps, principal, id);
  await eraseCandidateEverywhere(deps, id);
}

export interface BulkLine {
  line: number;
  status: WriteStatus | 'rejected';
  id?: string;
  externalId?: string;
  errors?: FieldError[];
}

const BULK_BATCH = 500;

/**
 * NDJSON upload: each line is validated on its own; bad lines are reported by line number and the good ones land
 * in batches (one transaction each), exactly as `vikar import candidates file.ndjson` would store them.
 */
export async function bulkUpsertCandidates(deps: Deps, principal: Principal, body: string) {
  const text = body.startsWith('\uFEFF') ? body.slice(1) : body;
  if (text.trim() === '') {
    throw badRequest('the body has no NDJSON lines: send one candidate JSON object per line', [
      { field: '(root)', message: 'is empty' },
    ]);
  }
  const run = await deps.stores.importRuns.start('candidates', `api:bulk:token:${principal.tokenId}`);
  const lines: BulkLine[] = [];
  let pending: Array<{ report: BulkLine; write: CandidateWrite }> = [];
  const counts = { imported: 0, updated: 0, unchanged: 0, rejected: 0 };

  const flush = async () => {
    if (pending.length === 0) return;
    const results = await writeCandidateBatch(
      deps,
      pending.map((p) => p.write),
    );
    results.forEach((r, i) => {
      const report = pending[i]!.report;
      report.status = r.status;
      report.id = r.id;
      if (r.status === 'created') counts.imported++;
      else if (r.status === 'updated') counts.updated++;
      else counts.unchanged++;
    });
    pending = [];
  };

  const rawLines = text.split(/\r?\n/);
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const report: BulkLine = { line, status: 'rejected' };
    lines.push(report);
    const checked = validateLine(raw, line, principal, report);
    if ('errors' in checked) {
      report.errors = checked.errors;
      counts.rejected++;
      continue;
    }
    pending.push({ report, write: checked.write });
    if (pending.length >= BULK_BATCH) await flush();
  }
  await flush();
  await deps.stores.importRuns.finish({
    ...run,
    finishedAt: new Date().toISOString(),
    ...counts,
    incomplete: 0,
    errors: lines
      .filter((l) => l.errors)
      .slice(0, 1000)
      .map((l) => ({
        file: 'api',
        line: l.line,
        reason: l.errors!.map((e) => `${e.field}: ${e.message}`).join('; '),
      })),
  });
  return { runId: run.id, ...counts, lines };
}

/** V8 quotes the start of the text in some JSON errors; that text may be a CPR-nummer, so it is cut out. */
export function withoutQuotedInput(message: string): string {
  return message.replace(/, ".*" is not valid JSON/s, ' (not valid JSON)');
}

function validateLine(
  raw: string,
  line: number,
  principal: Principal,
  report: BulkLine,
): { errors: FieldError[] } | { write: CandidateWrite } {
  const parsed = parseJson(raw, line);
  if (!parsed.ok) return { errors: [{ field: '(root)', message: withoutQuotedInput(parsed.error) }] };
  if (!isPlainObject(parsed.value)) {
    return {
      errors: [{ field: '(root)', message: `line is ${jsonTypeName(parsed.value)}, not a JSON object` }],
    };
  }
  // A CPR sent as the id is refused below, and must not come back in the report either.
  if (typeof parsed.value.externalId === 'string' && isCprFree(parsed.value.externalId))
    report.externalId = parsed.value.externalId;
  const result = candidateInput.safeParse(parsed.value);
  if (!result.success) return { errors: fieldErrors(result.error) };
  if (principal.role !== 'admin' && principal.jobcenter !== result.data.jobcenter) {
    return {
      errors: [{ field: 'jobcenter', message: writeRefusal(principal, result.data.jobcenter, 'candidates') }],
    };
  }
  return { write: toCandidateWrite(result.data) };
}
