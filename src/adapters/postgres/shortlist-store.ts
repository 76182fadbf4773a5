import type { NearMiss, ShortlistEntry } from '../../domain/shortlist.ts';
import { InvalidCursorError, type Page, type PageResult } from '../../ports/page.ts';
import type {
  ShortlistRecord,
  ShortlistResult,
  ShortlistStore,
  ShortlistStrategy,
  ShortlistSummary,
} from '../../ports/shortlists.ts';
import { checkLimit, decodeCursor, toPage } from '../shared/cursor.ts';
import { newId } from '../shared/ids.ts';
import { type ShortlistColumns, shortlistHeader } from '../shared/shortlist-rows.ts';
import { now, type PostgresDatabase } from './connection.ts';

interface ShortlistRow extends ShortlistColumns {
  entries_json: ShortlistEntry[];
  near_misses_json: NearMiss[];
  widened: boolean | null;
}

const RECORD_COLUMNS = `id, job_order_id, status, scope, size, strategy, created_at, started_at, completed_at,
  candidates_considered, error, effective_scope, widened`;

const SQL = {
  insert: `INSERT INTO shortlists (id, job_order_id, status, scope, size, strategy, created_at)
    VALUES ($1, $2, 'queued', $3, $4, $5, $6)`,
  markRunning: `UPDATE shortlists SET status = 'running', started_at = $1
    WHERE id = $2 AND status IN ('queued', 'running')`,
  // A finished list is never overwritten: a retried or duplicated job keeps the first result.
  complete: `UPDATE shortlists SET status = 'done', completed_at = $2, candidates_considered = $3,
      entries_json = $4, near_misses_json = $5, error = NULL, effective_scope = $6, widened = $7
    WHERE id = $1 AND status <> 'done'`,
  fail: `UPDATE shortlists SET status = 'failed', error = $1, completed_at = $2 WHERE id = $3 AND status <> 'done'`,
  get: `SELECT ${RECORD_COLUMNS}, entries_json, near_misses_json FROM shortlists WHERE id = $1`,
  // seq breaks ties between lists created in the same millisecond.
  list: `SELECT ${RECORD_COLUMNS}, entries_json, near_misses_json FROM shortlists WHERE job_order_id = $1
    ORDER BY created_at DESC, seq DESC`,
  cursorRow: 'SELECT job_order_id, created_at, seq FROM shortlists WHERE id = $1',
  // The counts come from the JSONB: a page of summaries never ships a list's entries to JavaScript.
  summaries: `SELECT ${RECORD_COLUMNS},
      jsonb_array_length(entries_json) AS entry_count, jsonb_array_length(near_misses_json) AS near_miss_count
    FROM shortlists
    WHERE job_order_id = $1
      AND ($2::text IS NULL OR (created_at, seq) < ($2::text, $3::bigint))
    ORDER BY created_at DESC, seq DESC
    LIMIT $4`,
  countInFlight: `SELECT count(*)::int AS n FROM shortlists
    WHERE job_order_id = $1 AND status IN ('queued', 'running')`,
  unfinished: `SELECT id, status, created_at FROM shortlists WHERE status IN ('queued', 'running')
    ORDER BY created_at, seq LIMIT $1`,
} as const;

type SummaryRow = Omit<ShortlistRow, 'entries_json' | 'near_misses_json'> & {
  entry_count: number;
  near_miss_count: number;
};

function toSummary(row: SummaryRow): ShortlistSummary {
  return {
    ...shortlistHeader(row, row.widened),
    entryCount: row.entry_count,
    nearMissCount: row.near_miss_count,
  };
}

function toRecord(row: ShortlistRow): ShortlistRecord {
  return {
    ...shortlistHeader(row, row.widened),
    entries: row.entries_json,
    nearMisses: row.near_misses_json,
  };
}

/** 23503: foreign_key_violation. */
const FOREIGN_KEY_VIOLATION = '23503';

export class PostgresShortlistStore implements ShortlistStore {
  constructor(private readonly database: PostgresDatabase) {}

  async create(input: {
    jobOrderId: string;
    scope: ShortlistRecord['scope'];
    size: number;
    strategy: ShortlistStrategy;
  }): Promise<ShortlistRecord> {
    const id = newId();
    const at = now();
    try {
      await this.database.db.query(SQL.insert, [
        id,
        input.jobOrderId,
        input.scope,
        input.size,
        input.strategy,
        at,
      ]);
    } catch (error) {
      if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) {
        throw new Error(`job order ${input.jobOrderId} does not exist`, { cause: error });
      }
      throw error;
    }
    return {
      id,
      jobOrderId: input.jobOrderId,
      status: 'queued',
      scope: input.scope,
      size: input.size,
      strategy: input.strategy,
      createdAt: at,
      startedAt: null,
      completedAt: null,
      candidatesConsidered: 0,
      entries: [],
      nearMisses: [],
    };
  }

  /** No effect on a finished list or an unknown id; a retry restamps started_at. */
  async markRunning(id: string): Promise<void> {
    await this.database.db.query(SQL.markRunning, [now(), id]);
  }

  async complete(id: string, result: ShortlistResult): Promise<void> {
    await this.database.db.query(SQL.complete, [
      id,
      now(),
      result.candidatesConsidered,
      JSON.stringify(result.entries),
      JSON.stringify(result.nearMisses),
      result.effectiveScope ?? null,
      result.widened ?? null,
    ]);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.database.db.query(SQL.fail, [error, now(), id]);
  }

  async get(id: string): Promise<ShortlistRecord | undefined> {
    const { rows } = await this.database.db.query<ShortlistRow>(SQL.get, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async list(jobOrderId: string): Promise<ShortlistRecord[]> {
    return (await this.database.db.query<ShortlistRow>(SQL.list, [jobOrderId])).rows.map(toRecord);
  }

  async listSummaries(jobOrderId: string, page: Page): Promise<PageResult<ShortlistSummary>> {
    checkLimit(page.limit, 'page.limit');
    const db = this.database.db;
    let createdAt: string | null = null;
    let seq: string | null = null;
    if (page.after !== undefined) {
      const { rows } = await db.query<{ job_order_id: string; created_at: string; seq: string }>(
        SQL.cursorRow,
        [decodeCursor(page.after)],
      );
      const at = rows[0];
      if (!at || at.job_order_id !== jobOrderId) throw new InvalidCursorError();
      createdAt = at.created_at;
      seq = at.seq;
    }
    const { rows } = await db.query<SummaryRow>(SQL.summaries, [jobOrderId, createdAt, seq, page.limit + 1]);
    return toPage(rows, page.limit, toSummary);
  }

  async countInFlight(jobOrderId: string): Promise<number> {
    return (await this.database.db.query<{ n: number }>(SQL.countInFlight, [jobOrderId])).rows[0]!.n;
  }

  async unfinished(limit: number): Promise<Array<Pick<ShortlistRecord, 'id' | 'status' | 'createdAt'>>> {
    const { rows } = await this.database.db.query<Pick<ShortlistRow, 'id' | 'status' | 'created_at'>>(
      SQL.unfinished,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at }));
  }
}
