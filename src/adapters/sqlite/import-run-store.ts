import type { ImportRun, ImportRunStore } from '../../ports/import-runs.ts';
import { now, type SqliteDatabase } from './connection.ts';
import { newId } from './ids.ts';
import { parseJson } from './json.ts';

/** An import run keeps its first rejections only: a million bad rows must not become a 100 MB row. */
const MAX_STORED_IMPORT_ERRORS = 1000;

interface ImportRunRow {
  id: string;
  kind: ImportRun['kind'];
  source: string;
  started_at: string;
  finished_at: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  incomplete: number;
  rejected: number;
  errors_json: string;
}

const SQL = {
  insert: 'INSERT INTO import_runs (id, kind, source, started_at) VALUES (?, ?, ?, ?)',
  finish: `UPDATE import_runs SET finished_at = @finishedAt, imported = @imported, updated = @updated,
      unchanged = @unchanged, incomplete = @incomplete, rejected = @rejected, errors_json = @errors
    WHERE id = @id`,
  get: 'SELECT * FROM import_runs WHERE id = ?',
} as const;

function toImportRun(row: ImportRunRow): ImportRun {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
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

export class SqliteImportRunStore implements ImportRunStore {
  constructor(private readonly db: SqliteDatabase) {}

  async start(kind: ImportRun['kind'], source: string): Promise<ImportRun> {
    const insert = this.db.statement<[string, string, string, string]>(SQL.insert);
    const id = newId();
    const startedAt = now();
    insert.run(id, kind, source, startedAt);
    return {
      id,
      kind,
      source,
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
}
