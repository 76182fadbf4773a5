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
import { now, type PostgresDatabase, type Queryable } from './connection.ts';

type PgImportRunRow = ImportRunRow<ImportRun['errors']>;
/** BIGINT seq arrives as text. */
type PgRejectionRow = RejectionRow<string, ImportRejection['errors']>;

const runOf = (row: PgImportRunRow) => toImportRun(row, row.errors_json);
const rejectionOf = (row: PgRejectionRow) => toRejection(row, row.errors_json);

const SQL = {
  insert: `INSERT INTO import_runs (id, kind, source, started_at, status, jobcenter, owner)
    VALUES ($1, $2, $3, $4, 'running', $5, $6)`,
  finish: `UPDATE import_runs SET finished_at = $2, imported = $3, updated = $4, unchanged = $5, incomplete = $6,
      rejected = $7, errors_json = $8, status = 'finished'
    WHERE id = $1`,
  addCounts: `UPDATE import_runs SET imported = imported + $2, updated = updated + $3,
      unchanged = unchanged + $4, incomplete = incomplete + $5, rejected = rejected + $6
    WHERE id = $1`,
  nextSeq: 'SELECT coalesce(max(seq), 0) AS seq FROM import_rejections WHERE run_id = $1',
  // One statement for the batch's rejections: parallel arrays unnested into rows, numbered from the run's last.
  insertRejections: `INSERT INTO import_rejections (run_id, seq, file, line, external_id, reason, errors_json)
    SELECT $1, $2::bigint + r.n, r.file, r.line, r.external_id, r.reason, r.errors_json::jsonb
    FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
      WITH ORDINALITY AS r(file, line, external_id, reason, errors_json, n)`,
  rejections: `SELECT seq, file, line, external_id, reason, errors_json FROM import_rejections
    WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
  get: 'SELECT * FROM import_runs WHERE id = $1',
  running: "SELECT id, owner FROM import_runs WHERE status = 'running'",
  interrupt:
    "UPDATE import_runs SET status = 'interrupted' WHERE id = ANY($1::text[]) AND status = 'running'",
} as const;

/**
 * Adds a batch's results and rejections to its run, on the client of the transaction that writes the batch, so
 * the run's counts never disagree with what landed. The UPDATE locks the run's row first, so two batches of one
 * run cannot number their rejections alike.
 */
export async function recordImportBatch(
  client: Queryable,
  tally: ImportRunTally,
  results: WriteResult[],
  isIncomplete: (i: number) => boolean,
): Promise<void> {
  const counts = { imported: 0, updated: 0, unchanged: 0, incomplete: 0 };
  results.forEach((r, i) => {
    if (r.status === 'created') counts.imported++;
    else if (r.status === 'updated') counts.updated++;
    else counts.unchanged++;
    if (isIncomplete(i)) counts.incomplete++;
  });
  const { rowCount } = await client.query(SQL.addCounts, [
    tally.runId,
    counts.imported,
    counts.updated,
    counts.unchanged,
    counts.incomplete,
    tally.rejected,
  ]);
  if (rowCount === 0) throw new Error(`import run ${tally.runId} does not exist`);
  if (tally.rejections.length === 0) return;
  const { rows } = await client.query<{ seq: string }>(SQL.nextSeq, [tally.runId]);
  const r = tally.rejections;
  await client.query(SQL.insertRejections, [
    tally.runId,
    rows[0]!.seq,
    r.map((x) => x.file),
    r.map((x) => x.line),
    r.map((x) => x.externalId ?? null),
    r.map((x) => x.reason),
    r.map((x) => JSON.stringify(x.errors)),
  ]);
}

export class PostgresImportRunStore implements ImportRunStore {
  constructor(private readonly database: PostgresDatabase) {}

  async start(kind: ImportRun['kind'], source: string, opts: StartImportRun = {}): Promise<ImportRun> {
    const id = newId();
    const startedAt = now();
    const jobcenter = opts.jobcenter ?? null;
    const owner = opts.owner ?? null;
    await this.database.db.query(SQL.insert, [id, kind, source, startedAt, jobcenter, owner]);
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
    await this.database.transaction((client) => recordImportBatch(client, tally, [], () => false));
  }

  async finish(run: ImportRun): Promise<void> {
    const { rowCount } = await this.database.db.query(SQL.finish, [
      run.id,
      run.finishedAt ?? now(),
      run.imported,
      run.updated,
      run.unchanged,
      run.incomplete,
      run.rejected,
      JSON.stringify(run.errors.slice(0, MAX_STORED_IMPORT_ERRORS)),
    ]);
    if (rowCount === 0) throw new Error(`import run ${run.id} does not exist`);
  }

  async get(id: string): Promise<ImportRun | undefined> {
    const { rows } = await this.database.db.query<PgImportRunRow>(SQL.get, [id]);
    return rows[0] && runOf(rows[0]);
  }

  async rejections(runId: string, page: Page): Promise<PageResult<ImportRejection>> {
    checkLimit(page.limit, 'limit');
    const after = decodeSeq(page.after);
    const { rows } = await this.database.db.query<PgRejectionRow>(SQL.rejections, [
      runId,
      after,
      page.limit + 1,
    ]);
    const more = rows.length > page.limit;
    const kept = more ? rows.slice(0, page.limit) : rows;
    return { items: kept.map(rejectionOf), next: more ? encodeSeq(Number(kept.at(-1)!.seq)) : null };
  }

  async markInterrupted(isAlive: (owner: string) => boolean): Promise<string[]> {
    const { rows } = await this.database.db.query<{ id: string; owner: string | null }>(SQL.running);
    const dead = rows.filter((r) => r.owner === null || !isAlive(r.owner)).map((r) => r.id);
    if (dead.length > 0) await this.database.db.query(SQL.interrupt, [dead]);
    return dead;
  }
}
