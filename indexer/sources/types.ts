export type RecordKind = 'candidates' | 'job-orders';

/**
 * One raw record read from a file, not yet validated. `line` is the 1-based line where the record starts (1 for a
 * document or a whole-file problem) so a rejection can point the user at the right spot.
 */
export type SourceRecord =
  | {
      ok: true;
      file: string;
      line: number;
      value: Record<string, unknown>;
      /** Documents only: required Candidate fields that could not be found; stored as an incomplete draft. */
      incomplete?: string[];
    }
  | { ok: false; file: string; line: number; error: string };

export interface ReadOptions {
  kind: RecordKind;
  /** Required for .pdf/.docx: a CV document carries no jobcenter. */
  jobcenter?: string;
}
