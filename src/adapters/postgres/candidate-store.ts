import { normaliseCpr } from '../../domain/cpr.ts';
import type {
  CandidateFilter,
  CandidateRecord,
  CandidateStore,
  CandidateWrite,
} from '../../ports/candidates.ts';
import type { UpsertOptions } from '../../ports/import-runs.ts';
import type { Page, PageResult } from '../../ports/page.ts';
import type { WriteResult } from '../../ports/upsert.ts';
import {
  CANDIDATE_COLUMNS,
  type CandidateRow,
  candidateContentHash,
  escapeLike,
  type PreparedCandidate,
  prepareCandidate,
  toCandidateRecord,
} from '../shared/candidate-rows.ts';
import { assertCprKey, hashCpr } from '../shared/cpr-hash.ts';
import { checkLimit, decodeCursor, toPage } from '../shared/cursor.ts';
import { newId } from '../shared/ids.ts';
import { writeCandidateBatch } from './candidate-batch.ts';
import { recordCandidateChanges } from './candidate-changes.ts';
import { now, type PostgresDatabase, type Queryable } from './connection.ts';
import { recordImportBatch } from './import-run-store.ts';

const SQL = {
  // FOR UPDATE: a concurrent upsert of the same key waits instead of both comparing against the old hash.
  key: 'SELECT id, content_hash, cpr_hash FROM candidates WHERE jobcenter = $1 AND external_id = $2 FOR UPDATE',
  // DO NOTHING: when another transaction inserted the key meanwhile, the row is re-read and compared instead.
  insert: `INSERT INTO candidates (id, jobcenter, external_id, external_id_fold, name_fold, benefit, searchable,
      incomplete, candidate_json, facts_json, incomplete_json, content_hash, cpr_hash, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
    ON CONFLICT (jobcenter, external_id) DO NOTHING`,
  update: `UPDATE candidates SET external_id_fold = $2, name_fold = $3, benefit = $4, searchable = $5,
      incomplete = $6, candidate_json = $7, facts_json = $8, incomplete_json = $9, content_hash = $10,
      cpr_hash = $11, updated_at = $12
    WHERE id = $1`,
  get: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id = $1`,
  getMany: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id = ANY($1::text[])`,
  find: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE jobcenter = $1 AND external_id = $2`,
  scan: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id > $1 ORDER BY id LIMIT $2`,
  delete: 'DELETE FROM candidates WHERE id = $1',
  hasCpr: 'SELECT 1 AS found FROM candidates WHERE cpr_hash = $1 AND jobcenter = $2 LIMIT 1',
  namesIn: `SELECT id, (candidate_json::json)->>'name' AS name FROM candidates
    WHERE jobcenter = $1 AND id = ANY($2::text[])`,
  // Erasure reaches the stored shortlists too: an entry names the person and scores them. Order is kept.
  eraseFromShortlists: `UPDATE shortlists SET
      entries_json = coalesce((SELECT jsonb_agg(e ORDER BY i) FROM jsonb_array_elements(entries_json)
        WITH ORDINALITY AS x(e, i) WHERE e->>'candidateId' IS DISTINCT FROM $1), '[]'::jsonb),
      near_misses_json = coalesce((SELECT jsonb_agg(e ORDER BY i) FROM jsonb_array_elements(near_misses_json)
        WITH ORDINALITY AS x(e, i) WHERE e->>'candidateId' IS DISTINCT FROM $1), '[]'::jsonb)
    WHERE entries_json @> $2::jsonb OR near_misses_json @> $2::jsonb`,
} as const;

// COLLATE "C": byte order, so the comparison is the same as SQLite's whatever the database's locale.
const UNEMPLOYED_SINCE = `((candidate_json::json)->>'unemployedSince') COLLATE "C"`;

function candidateWhere(filter: CandidateFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.jobcenter !== undefined) add((p) => `jobcenter = ${p}`, filter.jobcenter);
  if (filter.incomplete !== undefined) add((p) => `incomplete = ${p}`, filter.incomplete);
  if (filter.searchable !== undefined) add((p) => `searchable = ${p}`, filter.searchable);
  if (filter.benefit !== undefined) add((p) => `benefit = ${p}`, filter.benefit);
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    add(
      (p) => `(external_id_fold LIKE ${p} ESCAPE '\\' OR name_fold LIKE ${p} ESCAPE '\\')`,
      `%${escapeLike(text)}%`,
    );
  }
  // ISO dates compare as text; a draft without the date yields NULL and so never matches.
  if (filter.unemployedSinceFrom !== undefined)
    add((p) => `${UNEMPLOYED_SINCE} >= ${p}`, filter.unemployedSinceFrom);
  if (filter.unemployedSinceTo !== undefined)
    add((p) => `${UNEMPLOYED_SINCE} <= ${p}`, filter.unemployedSinceTo);
  return { where, params };
}

/** Candidates on PostgreSQL; the CPR only ever as a keyed hash in a column of its own. */
export class PostgresCandidateStore implements CandidateStore {
  constructor(
    private readonly database: PostgresDatabase,
    private readonly cprKey: Buffer,
  ) {
    assertCprKey(cprKey);
  }

  /**
   * One transaction for the batch, items applied in order (a key repeated in the batch reports 'created' then
   * 'updated'). A write without a CPR keeps the hash already stored, as on SQLite.
   */
  async upsert(batch: CandidateWrite[], options: UpsertOptions = {}): Promise<WriteResult[]> {
    const prepared = batch.map((w) => this.prepare(w));
    return this.database.transaction(async (client) => {
      const at = now();
      const results = await this.write(client, prepared, at);
      if (options.importRun) {
        await recordImportBatch(client, options.importRun, results, (i) => prepared[i]!.incomplete);
      }
      // Last: it holds the feed's counter lock until commit.
      await recordCandidateChanges(
        client,
        results.filter((r) => r.status !== 'unchanged').map((r) => r.id),
      );
      return results;
    });
  }

  /**
   * A batch in a few multi-row statements; one item, or a batch that raced another transaction inserting the same
   * new key, row by row (the savepoint undoes the batch's partial writes).
   */
  private async write(client: Queryable, prepared: PreparedCandidate[], at: string): Promise<WriteResult[]> {
    if (prepared.length > 1) {
      await client.query('SAVEPOINT candidate_batch');
      const results = await writeCandidateBatch(client, prepared, at);
      if (results) {
        await client.query('RELEASE SAVEPOINT candidate_batch');
        return results;
      }
      await client.query('ROLLBACK TO SAVEPOINT candidate_batch');
    }
    return this.writeRowByRow(client, prepared, at);
  }

  private async writeRowByRow(
    client: Queryable,
    prepared: PreparedCandidate[],
    at: string,
  ): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const p of prepared) {
      const keyOf = async () =>
        (
          await client.query<{ id: string; content_hash: string; cpr_hash: string | null }>(SQL.key, [
            p.jobcenter,
            p.externalId,
          ])
        ).rows[0];
      let existing = await keyOf();
      if (!existing) {
        const id = newId();
        const cprHash = p.cprHash ?? null;
        const contentHash = candidateContentHash(p, cprHash);
        const inserted = await client.query(SQL.insert, [
          id,
          p.jobcenter,
          p.externalId,
          p.externalIdFold,
          p.nameFold,
          p.benefit,
          p.searchable,
          p.incomplete,
          p.candidateJson,
          p.factsJson,
          p.incompleteJson,
          contentHash,
          cprHash,
          at,
        ]);
        if (inserted.rowCount === 1) {
          results.push({ id, status: 'created' });
          continue;
        }
        existing = (await keyOf())!;
      }
      const cprHash = p.cprHash ?? existing.cpr_hash ?? null;
      const contentHash = candidateContentHash(p, cprHash);
      if (existing.content_hash === contentHash) {
        results.push({ id: existing.id, status: 'unchanged' });
        continue;
      }
      await client.query(SQL.update, [
        existing.id,
        p.externalIdFold,
        p.nameFold,
        p.benefit,
        p.searchable,
        p.incomplete,
        p.candidateJson,
        p.factsJson,
        p.incompleteJson,
        contentHash,
        cprHash,
        at,
      ]);
      results.push({ id: existing.id, status: 'updated' });
    }
    return results;
  }

  private prepare(w: CandidateWrite): PreparedCandidate {
    return prepareCandidate(w, this.cprKey);
  }

  async get(id: string): Promise<CandidateRecord | undefined> {
    const { rows } = await this.database.db.query<CandidateRow>(SQL.get, [id]);
    return rows[0] && toCandidateRecord(rows[0]);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CandidateRecord>> {
    const records = new Map<string, CandidateRecord>();
    if (ids.length === 0) return records;
    const { rows } = await this.database.db.query<CandidateRow>(SQL.getMany, [ids]);
    for (const row of rows) records.set(row.id, toCandidateRecord(row));
    return records;
  }

  async find(jobcenter: string, externalId: string): Promise<CandidateRecord | undefined> {
    const { rows } = await this.database.db.query<CandidateRow>(SQL.find, [jobcenter, externalId]);
    return rows[0] && toCandidateRecord(rows[0]);
  }

  async list(filter: CandidateFilter, page: Page): Promise<PageResult<CandidateRecord>> {
    checkLimit(page.limit, 'page.limit');
    const { where, params } = candidateWhere(filter);
    const after = decodeCursor(page.after);
    const n = params.length;
    const sql = `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE ${[...where, `id > $${n + 1}`].join(' AND ')}
      ORDER BY id LIMIT $${n + 2}`;
    const { rows } = await this.database.db.query<CandidateRow>(sql, [...params, after, page.limit + 1]);
    return toPage(rows, page.limit, toCandidateRecord);
  }

  async count(filter: CandidateFilter = {}): Promise<number> {
    const { where, params } = candidateWhere(filter);
    const sql = `SELECT count(*)::int AS n FROM candidates${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return (await this.database.db.query<{ n: number }>(sql, params)).rows[0]!.n;
  }

  async delete(id: string): Promise<boolean> {
    return this.database.transaction(async (client) => {
      if ((await client.query(SQL.delete, [id])).rowCount === 0) return false;
      await client.query(SQL.eraseFromShortlists, [id, JSON.stringify([{ candidateId: id }])]);
      await recordCandidateChanges(client, [id]);
      return true;
    });
  }

  async *scan(batchSize: number): AsyncIterable<CandidateRecord[]> {
    checkLimit(batchSize, 'batchSize');
    let after = '';
    for (;;) {
      const { rows } = await this.database.db.query<CandidateRow>(SQL.scan, [after, batchSize]);
      if (rows.length === 0) return;
      after = rows.at(-1)!.id;
      yield rows.map(toCandidateRecord);
      if (rows.length < batchSize) return;
    }
  }

  async namesIn(jobcenter: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    const names = new Map<string, string | null>();
    if (ids.length === 0) return names;
    const { rows } = await this.database.db.query<{ id: string; name: string | null }>(SQL.namesIn, [
      jobcenter,
      ids,
    ]);
    for (const row of rows) names.set(row.id, row.name);
    return names;
  }

  async hasCpr(jobcenter: string, cpr: string): Promise<boolean> {
    const db = this.database.db;
    if (!normaliseCpr(cpr)) return false;
    const { rows } = await db.query(SQL.hasCpr, [hashCpr(this.cprKey, cpr), jobcenter]);
    return rows.length > 0;
  }
}
