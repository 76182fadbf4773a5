import type { ImportRejection, ImportRun } from '../../ports/import-runs.ts';
import { InvalidCursorError } from '../../ports/page.ts';

/**
 * The import_runs and import_rejections tables as every SQL store reads them. The JSON columns differ per database
 * (text to parse, or JSONB already parsed), so the mappers take them decoded.
 */

/** An import run keeps its first rejections only: a million bad rows must not become a 100 MB row. */
export const MAX_STORED_IMPORT_ERRORS = 1000;

export interface ImportRunRow<ErrorsJson> {
  id: string;
  kind: ImportRun['kind'];
  source: string;
  status: ImportRun['status'];
  jobcenter: string | null;
  owner: string | null;
  started_at: string;
  finished_at: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  errors_json: ErrorsJson;
}

export interface RejectionRow<Seq, ErrorsJson> {
  seq: Seq;
  file: string;
  line: number;
  external_id: string | null;
  reason: string;
  errors_json: ErrorsJson;
}

export function toImportRun(row: ImportRunRow<unknown>, errors: ImportRun['errors']): ImportRun {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    status: row.status,
    jobcenter: row.jobcenter,
    owner: row.owner,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    incomplete: row.incomplete,
    rejected: row.rejected,
    errors,
  };
}

export function toRejection(
  row: RejectionRow<unknown, unknown>,
  errors: ImportRejection['errors'],
): ImportRejection {
  return {
    file: row.file,
    line: row.line,
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    reason: row.reason,
    errors,
  };
}

/** The cursor of the rejection report is the position of the last rejection seen. */
export function encodeSeq(seq: number): string {
  return Buffer.from(`r${seq}`, 'utf8').toString('base64url');
}

export function decodeSeq(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^r([1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || encodeSeq(Number(m[1])) !== cursor) throw new InvalidCursorError();
  return Number(m[1]);
}
