import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type FileHandle, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { importRecords, writeCandidateBatch } from '../../../indexer/import.ts';
import { readCsv } from '../../../indexer/sources/csv.ts';
import { readNdjson } from '../../../indexer/sources/ndjson.ts';
import type { SourceRecord } from '../../../indexer/sources/types.ts';
import { toCandidateWrite } from '../../../indexer/validate.ts';
import type { AppContext } from '../../context.ts';
import type { Candidate } from '../../domain/candidate.ts';
import type { FieldError } from '../../domain/errors.ts';
import type { CandidateFilter } from '../../ports/candidates.ts';
import type { WriteStatus } from '../../ports/upsert.ts';
import { eraseCandidate as eraseCandidateEverywhere } from '../../privacy/erasure.ts';
import type { Principal } from '../auth.ts';
import { badRequest, ProblemError } from '../problem.ts';
import { assertMayWrite, listScope, uploadTenancy, visibleCandidate } from './tenancy.ts';
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
  ledigSinceFrom?: string | undefined;
  ledigSinceTo?: string | undefined;
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
  if (query.ledigSinceFrom !== undefined) filter.unemployedSinceFrom = query.ledigSinceFrom;
  if (query.ledigSinceTo !== undefined) filter.unemployedSinceTo = query.ledigSinceTo;
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

export interface BulkLimits {
  /** Most records (non-blank lines) in one upload. */
  maxRecords: number;
  /** Longest line in UTF-8 bytes. */
  maxRecordBytes: number;
  /** Largest body in bytes. */
  maxBytes: number;
}

/** Lines listed in the answer, of each kind (stored and rejected); the rest are counted and in the run's report. */
export const BULK_REPORT_LINES = 100;
/**
 * Records per transaction. Small, so that a batch's validation and write stay well under the time the server
 * may spend away from other requests; the importer also yields to the event loop between stretches of work.
 */
const BULK_BATCH = 50;

export const rejectionsUrl = (runId: string) => `/v1/import-runs/${runId}/rejections`;

export type BulkFormat = 'ndjson' | 'csv';

/**
 * NDJSON or CSV upload, through the same importer (and for CSV the same reader) as `vikar import`: each line or row
 * is validated on its own; bad ones are reported by line number and the good ones land in batches (one transaction
 * each, the run's counts with them).
 *
 * The body is first copied to a file while its size and records are counted: an upload over a limit is refused
 * whole with a 413 before anything is written, and the import then streams from the file with one batch in memory.
 * An NDJSON file is unlinked at once (nothing is left behind if the process dies); the CSV reader opens its file by
 * name, so a CSV file stays until the import is done, and one left by a dead process is swept by a later upload.
 */
export async function bulkUpsertCandidates(
  deps: Deps & { config: Pick<AppContext['config'], 'DATA_DIR'> },
  principal: Principal,
  body: AsyncIterable<Buffer | string>,
  limits: BulkLimits,
  format: BulkFormat = 'ndjson',
) {
  const dir = await uploadsDir(deps.config.DATA_DIR);
  const path = join(dir, `${randomUUID()}.${format}`);
  const file = await open(path, 'w+', 0o600);
  try {
    if (format === 'ndjson') await unlink(path);
    // A CSV's header row is a line but no record.
    const headerLines = format === 'csv' ? 1 : 0;
    const records =
      (await spool(body, file, { ...limits, maxRecords: limits.maxRecords + headerLines })) - headerLines;
    if (records <= 0) {
      throw badRequest(
        format === 'csv'
          ? 'the body has no CSV rows: send a header row of field names, then one candidate per row'
          : 'the body has no NDJSON lines: send one candidate JSON object per line',
        [{ field: '(root)', message: 'is empty' }],
      );
    }
    const source =
      format === 'csv'
        ? relabel(readCsv(path), 'api')
        : readNdjson(withoutBom(file.createReadStream({ start: 0, encoding: 'utf8', autoClose: false })), {
            label: 'api',
            maxRecordBytes: limits.maxRecordBytes,
          });
    const stored: BulkLine[] = [];
    const rejected: BulkLine[] = [];
    const summary = await importRecords(source, 'candidates', deps, {
      source: `api:bulk:token:${principal.tokenId}`,
      ...uploadTenancy(principal, 'candidates'),
      batchSize: BULK_BATCH,
      onLanded: (landed) => {
        for (const l of landed) {
          if (stored.length >= BULK_REPORT_LINES) break;
          stored.push({ line: l.line, status: l.result.status, id: l.result.id, externalId: l.externalId });
        }
      },
      onRejected: (r) => {
        if (rejected.length >= BULK_REPORT_LINES) return;
        rejected.push({
          line: r.line,
          status: 'rejected',
          ...(r.externalId === undefined ? {} : { externalId: r.externalId }),
          errors: r.errors,
        });
      },
    });
    const lines = [...stored, ...rejected].sort((a, b) => a.line - b.line);
    const { runId, imported, updated, unchanged } = summary;
    return {
      runId,
      status: 'finished' as const,
      imported,
      updated,
      unchanged,
      rejected: summary.rejected,
      lines,
      truncated: lines.length < imported + updated + unchanged + summary.rejected,
      rejectionsUrl: rejectionsUrl(runId),
    };
  } finally {
    await file.close();
    await unlink(path).catch(() => {});
  }
}

/** Where uploads are spooled; files there older than a day were left by a process that died, and go. */
export async function uploadsDir(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'uploads');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const before = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const full = join(dir, name);
    const old = await stat(full).then(
      (s) => s.mtimeMs < before,
      () => false,
    );
    if (old) await rm(full, { recursive: true, force: true }).catch(() => {});
  }
  return dir;
}

/** The records with the name rejections show as their file: never a path on the server. */
export async function* relabel(
  records: AsyncIterable<SourceRecord>,
  file: string,
): AsyncGenerator<SourceRecord> {
  for await (const record of records) yield { ...record, file };
}

function tooLarge(detail: string, limit: string, value: number): ProblemError {
  return new ProblemError({ code: 'payload-too-large', detail, extra: { limit, max: value } });
}

export function bodyTooLarge(maxBytes: number): ProblemError {
  return tooLarge(
    `the body is larger than ${maxBytes} bytes: split the upload, or use \`vikar import\` for big files`,
    'maxBytes',
    maxBytes,
  );
}

/**
 * Copies the body to the file, counting bytes and records (lines with something other than white space), and
 * stops at the first limit crossed. Returns the number of records.
 *
 * Past the record limit the rest of the body is still read (and dropped, up to the byte limit): a client still
 * sending when the answer comes would otherwise see its connection reset instead of the 413.
 */
export async function spool(
  body: AsyncIterable<Buffer | string>,
  file: FileHandle,
  limits: BulkLimits,
): Promise<number> {
  let bytes = 0;
  let records = 0;
  let inRecord = false;
  try {
    for await (const piece of body) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      bytes += chunk.length;
      if (bytes > limits.maxBytes) throw bodyTooLarge(limits.maxBytes);
      if (records > limits.maxRecords) continue;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x0a) {
          if (inRecord) records++;
          inRecord = false;
        } else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) inRecord = true;
      }
      if (records <= limits.maxRecords) await file.write(chunk);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (
      code === 'ECONNRESET' ||
      code === 'ERR_STREAM_PREMATURE_CLOSE' ||
      (error as Error).message === 'aborted'
    ) {
      // The client went away mid-upload: nothing was imported yet.
      throw badRequest('the upload was cut off before its end: nothing was stored');
    }
    throw error;
  }
  if (inRecord) records++;
  if (records > limits.maxRecords) {
    throw tooLarge(
      `the upload has more than ${limits.maxRecords} records (BULK_MAX_RECORDS): split it into smaller uploads, or use \`vikar import\``,
      'BULK_MAX_RECORDS',
      limits.maxRecords,
    );
  }
  return records;
}

async function* withoutBom(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of chunks) {
    let text = String(chunk);
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text !== '') yield text;
  }
}
