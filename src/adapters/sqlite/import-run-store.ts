import type {
  ImportRejection,
  ImportRun,
  ImportRunStore,
  ImportRunTally,
  StartImportRun,
} from '../../ports/import-runs.ts';
import { InvalidCursorError, type Page, type PageResult } from '../../ports/page.ts';
import type { WriteResult } from '../../ports/upsert.ts';
import { checkLimit } from '../shared/cursor.ts';
import { newId } from '../shared/ids.ts';
import { parseJson } from '../shared/json.ts';
import { now, type SqliteDatabase } from './connection.ts';

/** An import run keeps its first rejections only: a million bad rows must not become a 100 MB row. */
const MAX_STORED_IMPORT_ERRORS = 1000;

interface ImportRunRow {
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
  errors_json: string;
}

interface RejectionRow {
  seq: number;
  file: string;
  line: number;
  external_id: string | null;
  reason: string;
  errors_json: string;
}

const SQL = {
  insert: `INSERT INTO import_runs (id, kind, source, started_at, status, jobcenter, owner)
    VALUES (?, ?, ?, ?, 'running', ?, ?)`,
  finish: `UPDATE import_runs SET finished_at = @finishedAt, imported = @imported, updated = @updated,
      unchanged = @unchanged, incomplete = @incomplete, rejected = @rejected, errors_json = @errors,
      status = 'finished'
    WHERE id = @id`,
  addCounts: `UPDATE import_runs SET imported = imported + @imported, updated = updated + @updated,
      unchanged = unchanged + @unchanged, incomplete = incomplete + @incomplete, rejected = rejected + @rejected
    WHERE id = @runId`,
  nextSeq: 'SELECT coalesce(max(seq), 0) AS seq FROM import_rejections WHERE run_id = ?',
  insertRejection: `INSERT INTO import_rejections (run_id, seq, file, line, external_id, reason, errors_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  rejections: `SELECT seq, file, line, external_id, reason, errors_json FROM import_rejections
    WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  get: 'SELECT * FROM import_runs WHERE id = ?',
  running: "SELECT id, owner FROM import_runs WHERE status = 'running'",
  interrupt: "UPDATE import_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'",
} as const;

function toImportRun(row: ImportRunRow): ImportRun {
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
    errors: parseJson<ImportRun['errors']>(row.errors_json),
  };
}

function toRejection(row: RejectionRow): ImportRejection {
  return {
    file: row.file,
    line: row.line,
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    reason: row.reason,
    errors: parseJson<ImportRejection['errors']>(row.errors_json),
  };
}

/** The cursor of the rejection report is the position of the last rejection seen. */
function encodeSeq(seq: number): string {
  return Buffer.from(`r${seq}`, 'utf8').toString('base64url');
}

function decodeSeq(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^r([1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || encodeSeq(Number(m[1])) !== cursor) throw new InvalidCursorError();
  return Number(m[1]);
}

/**
 * Adds a batch's results and rejections to its run. Called inside the transaction that writes the batch (by the
 * candidate and job order stores), so the run's counts never disagree with what landed.
 */
export function recordImportBatch(
  db: SqliteDatabase,
  tally: ImportRunTally,
  results: WriteResult[],
  isIncomplete: (i: number) => boolean,
): void {
  const counts = { imported: 0, updated: 0, unchanged: 0, incomplete: 0, rejected: tally.rejected };
  results.forEach((r, i) => {
    if (r.status === 'created') counts.imported++;
    else if (r.status === 'updated') counts.updated++;
    else counts.unchanged++;
    if (isIncomplete(i)) counts.incomplete++;
  });
  const { changes } = db.statement<[object]>(SQL.addCounts).run({ runId: tally.runId, ...counts });
  if (changes === 0) throw new Error(`import run ${tally.runId} does not exist`);
  if (tally.rejections.length === 0) return;
  const insert = db.statement<[string, number, string, number, string | null, string, string]>(
    SQL.insertRejection,
  );
  let { seq } = db.statement<[string], { seq: number }>(SQL.nextSeq).get(tally.runId)!;
  for (const r of tally.rejections) {
    insert.run(tally.runId, ++seq, r.file, r.line, r.externalId ?? null, r.reason, JSON.stringify(r.errors));
  }
}

export class SqliteImportRunStore implements ImportRunStore {
  constructor(private readonly db: SqliteDatabase) {}

  async start(kind: ImportRun['kind'], source: string, opts: StartImportRun = {}): Promise<ImportRun> {
    const insert = this.db.statement<[string, string, string, string, string | null, string | null]>(
      SQL.insert,
    );
    const id = newId();
    const startedAt = now();
    const jobcenter = opts.jobcenter ?? null;
    const owner = opts.owner ?? null;
    insert.run(id, kind, source, startedAt, jobcenter, owner);
    return {
      id,
      kind,
      source,
      status: 'running',
      jobcenter,
      owner,
      startedAt,
      finishedAt: null,
      imported: 0,
      updated: 0,
      unchanged: 0,
      incomplete: 0,
      rejected: 0,
      errors: [],
    };
  }

  async addRejections(tally: ImportRunTally): Promise<void> {
    this.db.transaction(() => recordImportBatch(this.db, tally, [], () => false))();
  }

  async finish(run: ImportRun): Promise<void> {
    const { changes } = this.db.statement<[object]>(SQL.finish).run({
      id: run.id,
      finishedAt: run.finishedAt ?? now(),
      imported: run.imported,
      updated: run.updated,
      unchanged: run.unchanged,
      incomplete: run.incomplete,
      rejected: run.rejected,
      errors: JSON.stringify(run.errors.slice(0, MAX_STORED_IMPORT_ERRORS)),
    });
    if (changes === 0) throw new Error(`import run ${run.id} does not exist`);
  }

  async get(id: string): Promise<ImportRun | undefined> {
    const row = this.db.statement<[string], ImportRunRow>(SQL.get).get(id);
    return row && toImportRun(row);
  }

  async rejections(runId: string, page: Page): Promise<PageResult<ImportRejection>> {
    checkLimit(page.limit, 'limit');
    const after = decodeSeq(page.after);
    const rows = this.db
      .statement<[string, number, number], RejectionRow>(SQL.rejections)
      .all(runId, after, page.limit + 1);
    const more = rows.length > page.limit;
    const kept = more ? rows.slice(0, page.limit) : rows;
    return { items: kept.map(toRejection), next: more ? encodeSeq(kept.at(-1)!.seq) : null };
  }

  async markInterrupted(isAlive: (owner: string) => boolean): Promise<string[]> {
    const running = this.db.statement<[], { id: string; owner: string | null }>(SQL.running).all();
    const dead = running.filter((r) => r.owner === null || !isAlive(r.owner)).map((r) => r.id);
    const interrupt = this.db.statement<[string]>(SQL.interrupt);
    this.db.transaction(() => {
      for (const id of dead) interrupt.run(id);
    })();
    return dead;
  }
}
