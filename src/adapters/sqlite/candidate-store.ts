import type Database from 'better-sqlite3';
import { normaliseCpr } from '../../domain/cpr.ts';
import type { NearMiss, ShortlistEntry } from '../../domain/shortlist.ts';
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
import { parseJson } from '../shared/json.ts';
import type { SqliteDatabase } from './connection.ts';
import { now } from './connection.ts';
import { recordImportBatch } from './import-run-store.ts';

const SQL = {
  key: 'SELECT id, content_hash, cpr_hash FROM candidates WHERE jobcenter = ? AND external_id = ?',
  update: `UPDATE candidates SET external_id_fold = ?, name_fold = ?, benefit = ?, searchable = ?, incomplete = ?,
      candidate_json = ?, facts_json = ?, incomplete_json = ?, content_hash = ?, cpr_hash = ?, updated_at = ?
    WHERE id = ?`,
  get: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id = ?`,
  getMany: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id IN (SELECT value FROM json_each(?))`,
  find: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE jobcenter = ? AND external_id = ?`,
  scan: `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE id > ? ORDER BY id LIMIT ?`,
  delete: 'DELETE FROM candidates WHERE id = ?',
  hasCpr: 'SELECT 1 AS found FROM candidates WHERE cpr_hash = ? AND jobcenter = ? LIMIT 1',
  namesIn: `SELECT id, json_extract(candidate_json, '$.name') AS name FROM candidates
    WHERE jobcenter = ? AND id IN (SELECT value FROM json_each(?))`,
  shortlistsMentioning: `SELECT id, entries_json, near_misses_json FROM shortlists
    WHERE instr(entries_json, ?) > 0 OR instr(near_misses_json, ?) > 0`,
  rewriteShortlist: 'UPDATE shortlists SET entries_json = ?, near_misses_json = ? WHERE id = ?',
} as const;

const UNEMPLOYED_SINCE = "json_extract(candidate_json, '$.unemployedSince')";

function candidateWhere(filter: CandidateFilter) {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.jobcenter !== undefined) {
    where.push('jobcenter = @jobcenter');
    params.jobcenter = filter.jobcenter;
  }
  if (filter.incomplete !== undefined) {
    where.push('incomplete = @incomplete');
    params.incomplete = filter.incomplete ? 1 : 0;
  }
  if (filter.searchable !== undefined) {
    where.push('searchable = @searchable');
    params.searchable = filter.searchable ? 1 : 0;
  }
  if (filter.benefit !== undefined) {
    where.push('benefit = @benefit');
    params.benefit = filter.benefit;
  }
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    where.push("(external_id_fold LIKE @text ESCAPE '\\' OR name_fold LIKE @text ESCAPE '\\')");
    params.text = `%${escapeLike(text)}%`;
  }
  // ISO dates compare as text; a draft without the date yields NULL and so never matches.
  if (filter.unemployedSinceFrom !== undefined) {
    where.push(`${UNEMPLOYED_SINCE} >= @unemployedSinceFrom`);
    params.unemployedSinceFrom = filter.unemployedSinceFrom;
  }
  if (filter.unemployedSinceTo !== undefined) {
    where.push(`${UNEMPLOYED_SINCE} <= @unemployedSinceTo`);
    params.unemployedSinceTo = filter.unemployedSinceTo;
  }
  return { where, params };
}

const INSERT_COLUMNS = `id, jobcenter, external_id, external_id_fold, name_fold, benefit, searchable, incomplete,
  candidate_json, facts_json, incomplete_json, content_hash, cpr_hash, created_at, updated_at`;
const ROW_PARAMS = 15;
/**
 * New rows go in this many to a statement: on an import into an empty store, positional multi-row INSERTs took
 * 48 µs of CPU a row against 68 µs for one named-parameter INSERT a row (the key lookup, hash and trigger included).
 */
const ROWS_PER_INSERT = 100;
const insertSql = (rows: number) =>
  `INSERT INTO candidates (${INSERT_COLUMNS}) VALUES ${Array.from({ length: rows }, () => `(${'?,'.repeat(ROW_PARAMS - 1)}?)`).join(',')}`;

/** One new row's parameters, in INSERT_COLUMNS order (SQLite stores booleans as 0 and 1). */
function pushInsert(
  params: unknown[],
  p: PreparedCandidate,
  id: string,
  cprHash: string | null,
  contentHash: string,
  at: string,
) {
  params.push(
    id,
    p.jobcenter,
    p.externalId,
    p.externalIdFold,
    p.nameFold,
    p.benefit,
    p.searchable ? 1 : 0,
    p.incomplete ? 1 : 0,
    p.candidateJson,
    p.factsJson,
    p.incompleteJson,
    contentHash,
    cprHash,
    at,
    at,
  );
}

/** Candidates in the shared SQLite file; the CPR only ever as a keyed hash in a column of its own. */
export class SqliteCandidateStore implements CandidateStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly cprKey: Buffer,
  ) {
    assertCprKey(cprKey);
  }

  /**
   * One transaction for the batch; items are applied in order, so a key repeated in the batch ends with its last
   * version (reported 'created' then 'updated'). A write without a CPR keeps the hash already stored: the CPR is
   * never returned, so a caller editing a candidate it read back cannot send it again, and must not erase it.
   */
  async upsert(batch: CandidateWrite[], options: UpsertOptions = {}): Promise<WriteResult[]> {
    // JSON and hashing happen before the transaction, so the write lock is held only for the SQL.
    return this.upsertPrepared(
      batch.map((w) => this.prepare(w)),
      options,
    );
  }

  async upsertPrepared(prepared: PreparedCandidate[], options: UpsertOptions = {}): Promise<WriteResult[]> {
    const key = this.db.statement<
      [string, string],
      { id: string; content_hash: string; cpr_hash: string | null }
    >(SQL.key);
    const insertMany = this.db.statement<unknown[]>(insertSql(ROWS_PER_INSERT));
    const insertOne = this.db.statement<unknown[]>(insertSql(1));
    const update = this.db.statement<unknown[]>(SQL.update);
    const write = this.db.transaction((items: PreparedCandidate[]) => {
      const at = now();
      // New rows wait here for a full multi-row INSERT; a key seen again in the batch lands them first.
      let pending: unknown[] = [];
      const pendingKeys = new Set<string>();
      const landPending = () => {
        for (let i = 0; i < pending.length; i += ROW_PARAMS) insertOne.run(pending.slice(i, i + ROW_PARAMS));
        pending = [];
        pendingKeys.clear();
      };
      const results = items.map((p): WriteResult => {
        const pendingKey = `${p.jobcenter}\u0000${p.externalId}`;
        if (pendingKeys.has(pendingKey)) landPending();
        const existing = key.get(p.jobcenter, p.externalId);
        const cprHash = p.cprHash ?? existing?.cpr_hash ?? null;
        const contentHash = candidateContentHash(p, cprHash);
        if (!existing) {
          const id = newId();
          pushInsert(pending, p, id, cprHash, contentHash, at);
          pendingKeys.add(pendingKey);
          if (pending.length === ROWS_PER_INSERT * ROW_PARAMS) {
            insertMany.run(pending);
            pending = [];
            pendingKeys.clear();
          }
          return { id, status: 'created' };
        }
        if (existing.content_hash === contentHash) return { id: existing.id, status: 'unchanged' };
        update.run(
          p.externalIdFold,
          p.nameFold,
          p.benefit,
          p.searchable ? 1 : 0,
          p.incomplete ? 1 : 0,
          p.candidateJson,
          p.factsJson,
          p.incompleteJson,
          contentHash,
          cprHash,
          at,
          existing.id,
        );
        return { id: existing.id, status: 'updated' };
      });
      landPending();
      if (options.importRun) {
        recordImportBatch(this.db, options.importRun, results, (i) => items[i]!.incomplete);
      }
      return results;
    });
    return write(prepared);
  }

  private prepare(w: CandidateWrite): PreparedCandidate {
    return prepareCandidate(w, this.cprKey);
  }

  async get(id: string): Promise<CandidateRecord | undefined> {
    const row = this.db.statement<[string], CandidateRow>(SQL.get).get(id);
    return row && toCandidateRecord(row);
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CandidateRecord>> {
    const records = new Map<string, CandidateRecord>();
    if (ids.length === 0) return records;
    const rows = this.db.statement<[string], CandidateRow>(SQL.getMany).all(JSON.stringify(ids));
    for (const row of rows) records.set(row.id, toCandidateRecord(row));
    return records;
  }

  async find(jobcenter: string, externalId: string): Promise<CandidateRecord | undefined> {
    const row = this.db.statement<[string, string], CandidateRow>(SQL.find).get(jobcenter, externalId);
    return row && toCandidateRecord(row);
  }

  async list(filter: CandidateFilter, page: Page): Promise<PageResult<CandidateRecord>> {
    checkLimit(page.limit, 'page.limit');
    const { where, params } = candidateWhere(filter);
    const after = decodeCursor(page.after);
    const sql = `SELECT ${CANDIDATE_COLUMNS} FROM candidates WHERE ${[...where, 'id > @after'].join(' AND ')}
      ORDER BY id LIMIT @limit`;
    const rows = this.db
      .statement<[object], CandidateRow>(sql)
      .all({ ...params, after, limit: page.limit + 1 });
    return toPage(rows, page.limit, toCandidateRecord);
  }

  async count(filter: CandidateFilter = {}): Promise<number> {
    const { where, params } = candidateWhere(filter);
    const sql = `SELECT count(*) AS n FROM candidates${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return this.db.statement<[object], { n: number }>(sql).get(params)!.n;
  }

  async delete(id: string): Promise<boolean> {
    const remove = this.db.statement<[string]>(SQL.delete);
    const mentioning = this.db.statement<
      [string, string],
      { id: string; entries_json: string; near_misses_json: string }
    >(SQL.shortlistsMentioning);
    const rewrite = this.db.statement<[string, string, string]>(SQL.rewriteShortlist);
    const erase = this.db.transaction(() => {
      if (remove.run(id).changes === 0) return false;
      // Erasure reaches the stored shortlists too: an entry names the person and scores them.
      for (const row of mentioning.all(id, id)) {
        const entries = parseJson<ShortlistEntry[]>(row.entries_json).filter((e) => e.candidateId !== id);
        const nearMisses = parseJson<NearMiss[]>(row.near_misses_json).filter((n) => n.candidateId !== id);
        rewrite.run(JSON.stringify(entries), JSON.stringify(nearMisses), row.id);
      }
      return true;
    });
    return erase();
  }

  async *scan(batchSize: number): AsyncIterable<CandidateRecord[]> {
    checkLimit(batchSize, 'batchSize');
    const scan: Database.Statement<[string, number], CandidateRow> = this.db.statement(SQL.scan);
    let after = '';
    for (;;) {
      const rows = scan.all(after, batchSize);
      if (rows.length === 0) return;
      after = rows.at(-1)!.id;
      yield rows.map(toCandidateRecord);
      if (rows.length < batchSize) return;
    }
  }

  async namesIn(jobcenter: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    const names = new Map<string, string | null>();
    if (ids.length === 0) return names;
    // One statement for the whole list; json_each takes the ids as one parameter, however many there are.
    const rows = this.db
      .statement<[string, string], { id: string; name: string | null }>(SQL.namesIn)
      .all(jobcenter, JSON.stringify(ids));
    for (const row of rows) names.set(row.id, row.name);
    return names;
  }

  async hasCpr(jobcenter: string, cpr: string): Promise<boolean> {
    const statement = this.db.statement<[string, string], { found: number }>(SQL.hasCpr);
    if (!normaliseCpr(cpr)) return false;
    return statement.get(hashCpr(this.cprKey, cpr), jobcenter) !== undefined;
  }
}
