import type {
  ImportRejection,
  ImportRun,
  ImportRunStore,
  ImportRunTally,
  StartImportRun,
} from '../../ports/import-runs.ts';
import type { Page, PageResult } from '../../ports/page.ts';
import type { WriteResult } from '../../ports/upsert.ts';
import { checkLimit } from '../shared/cursor.ts';
import { newId } from '../shared/ids.ts';
import {
  decodeSeq,
  encodeSeq,
  type ImportRunRow,
  MAX_STORED_IMPORT_ERRORS,
  type RejectionRow,
  toImportRun,
  toRejection,
} from '../shared/import-run-rows.ts';
import { parseJson } from '../shared/json.ts';
import { now, type SqliteDatabase } from './connection.ts';

type SqliteImportRunRow = ImportRunRow<string>;
type SqliteRejectionRow = RejectionRow<number, string>;

const runOf = (row: SqliteImportRunRow) => toImportRun(row, parseJson<ImportRun['errors']>(row.errors_json));
const rejectionOf = (row: SqliteRejectionRow) =>
  toRejection(row, parseJson<ImportRejection['errors']>(row.errors_json));

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
    const row = this.db.statement<[string], SqliteImportRunRow>(SQL.get).get(id);
    return row && runOf(row);
  }

  async rejections(runId: string, page: Page): Promise<PageResult<ImportRejection>> {
    checkLimit(page.limit, 'limit');
    const after = decodeSeq(page.after);
    const rows = this.db
      .statement<[string, number, number], SqliteRejectionRow>(SQL.rejections)
      .all(runId, after, page.limit + 1);
    const more = rows.length > page.limit;
    const kept = more ? rows.slice(0, page.limit) : rows;
    return { items: kept.map(rejectionOf), next: more ? encodeSeq(kept.at(-1)!.seq) : null };
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
