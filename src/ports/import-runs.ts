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

/** One row per bulk import, with its counts and first rejections. */
export interface ImportRunStore {
  start(kind: ImportRun['kind'], source: string): Promise<ImportRun>;
  /** Stores the run's counts; rejects when the run does not exist. */
  finish(run: ImportRun): Promise<void>;
  get(id: string): Promise<ImportRun | undefined>;
}
