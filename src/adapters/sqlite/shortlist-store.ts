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
import { parseJson } from '../shared/json.ts';
import { type ShortlistColumns, shortlistHeader } from '../shared/shortlist-rows.ts';
import { now, type SqliteDatabase } from './connection.ts';

interface ShortlistRow extends ShortlistColumns {
  entries_json: string;
  near_misses_json: string;
  widened: number | null;
}

const SQL = {
  insert: `INSERT INTO shortlists (id, job_order_id, status, scope, size, strategy, created_at)
    VALUES (@id, @jobOrderId, 'queued', @scope, @size, @strategy, @now)`,
  markRunning: `UPDATE shortlists SET status = 'running', started_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
  // A finished list is never overwritten: a retried or duplicated job keeps the first result.
  complete: `UPDATE shortlists SET status = 'done', completed_at = @now, candidates_considered = @considered,
      entries_json = @entries, near_misses_json = @nearMisses, error = NULL,
      effective_scope = @effectiveScope, widened = @widened
    WHERE id = @id AND status <> 'done'`,
  fail: `UPDATE shortlists SET status = 'failed', error = ?, completed_at = ? WHERE id = ? AND status <> 'done'`,
  get: 'SELECT * FROM shortlists WHERE id = ?',
  // rowid breaks ties between lists created in the same millisecond.
  list: 'SELECT * FROM shortlists WHERE job_order_id = ? ORDER BY created_at DESC, rowid DESC',
  cursorRow: 'SELECT job_order_id, created_at, rowid AS row FROM shortlists WHERE id = ?',
  // The counts come from the JSON in SQLite: a page of summaries never parses a list's entries in JavaScript.
  summaries: `SELECT id, job_order_id, status, scope, size, strategy, created_at, started_at, completed_at,
      candidates_considered, error, effective_scope, widened,
      json_array_length(entries_json) AS entry_count, json_array_length(near_misses_json) AS near_miss_count
    FROM shortlists
    WHERE job_order_id = @jobOrderId
      AND (@row IS NULL OR created_at < @createdAt OR (created_at = @createdAt AND rowid < @row))
    ORDER BY created_at DESC, rowid DESC
    LIMIT @limit`,
  countInFlight: `SELECT count(*) AS n FROM shortlists WHERE job_order_id = ? AND status IN ('queued', 'running')`,
  unfinished: `SELECT id, status, created_at FROM shortlists WHERE status IN ('queued', 'running')
    ORDER BY created_at, rowid LIMIT ?`,
} as const;

type SummaryRow = Omit<ShortlistRow, 'entries_json' | 'near_misses_json'> & {
  entry_count: number;
  near_miss_count: number;
};

/** SQLite keeps the flag as 0 or 1. */
const widenedOf = (widened: number | null) => (widened === null ? null : widened === 1);

function toSummary(row: SummaryRow): ShortlistSummary {
  return {
    ...shortlistHeader(row, widenedOf(row.widened)),
    entryCount: row.entry_count,
    nearMissCount: row.near_miss_count,
  };
}

function toRecord(row: ShortlistRow): ShortlistRecord {
  return {
    ...shortlistHeader(row, widenedOf(row.widened)),
    entries: parseJson<ShortlistEntry[]>(row.entries_json),
    nearMisses: parseJson<NearMiss[]>(row.near_misses_json),
  };
}

export class SqliteShortlistStore implements ShortlistStore {
  constructor(private readonly db: SqliteDatabase) {}

  async create(input: {
    jobOrderId: string;
    scope: ShortlistRecord['scope'];
    size: number;
    strategy: ShortlistStrategy;
  }): Promise<ShortlistRecord> {
    const insert = this.db.statement<[object]>(SQL.insert);
    const id = newId();
    const at = now();
    try {
      insert.run({ ...input, id, now: at });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
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

  /**
   * No effect on a finished list or an unknown id (its job order may have been deleted under a running job).
   * A retry restamps started_at: the latest attempt is what a stuck-job check needs.
   */
  async markRunning(id: string): Promise<void> {
    this.db.statement<[string, string]>(SQL.markRunning).run(now(), id);
  }

  async complete(id: string, result: ShortlistResult): Promise<void> {
    this.db.statement<[object]>(SQL.complete).run({
      id,
      now: now(),
      considered: result.candidatesConsidered,
      entries: JSON.stringify(result.entries),
      nearMisses: JSON.stringify(result.nearMisses),
      effectiveScope: result.effectiveScope ?? null,
      widened: result.widened === undefined ? null : result.widened ? 1 : 0,
    });
  }

  async fail(id: string, error: string): Promise<void> {
    this.db.statement<[string, string, string]>(SQL.fail).run(error, now(), id);
  }

  async get(id: string): Promise<ShortlistRecord | undefined> {
    const row = this.db.statement<[string], ShortlistRow>(SQL.get).get(id);
    return row && toRecord(row);
  }

  async list(jobOrderId: string): Promise<ShortlistRecord[]> {
    return this.db.statement<[string], ShortlistRow>(SQL.list).all(jobOrderId).map(toRecord);
  }

  async listSummaries(jobOrderId: string, page: Page): Promise<PageResult<ShortlistSummary>> {
    checkLimit(page.limit, 'page.limit');
    let createdAt: string | null = null;
    let row: number | null = null;
    if (page.after !== undefined) {
      const at = this.db
        .statement<[string], { job_order_id: string; created_at: string; row: number }>(SQL.cursorRow)
        .get(decodeCursor(page.after));
      if (!at || at.job_order_id !== jobOrderId) throw new InvalidCursorError();
      createdAt = at.created_at;
      row = at.row;
    }
    const rows = this.db
      .statement<[object], SummaryRow>(SQL.summaries)
      .all({ jobOrderId, createdAt, row, limit: page.limit + 1 });
    return toPage(rows, page.limit, toSummary);
  }

  async countInFlight(jobOrderId: string): Promise<number> {
    return this.db.statement<[string], { n: number }>(SQL.countInFlight).get(jobOrderId)!.n;
  }

  async unfinished(limit: number): Promise<Array<Pick<ShortlistRecord, 'id' | 'status' | 'createdAt'>>> {
    return this.db
      .statement<[number], Pick<ShortlistRow, 'id' | 'status' | 'created_at'>>(SQL.unfinished)
      .all(limit)
      .map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at }));
  }
}
