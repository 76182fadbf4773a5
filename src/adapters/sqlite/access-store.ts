import {
  type AccessStore,
  type Jobcenter,
  JobcenterExistsError,
  type NewToken,
  type TokenFilter,
  type TokenRecord,
} from '../../ports/access.ts';
import {
  dueForTouch,
  hashToken,
  type JobcenterRow,
  prepareToken,
  TOKEN_COLUMNS,
  type TokenRow,
  toJobcenter,
  tokenWorks,
  toToken,
} from '../shared/access-rows.ts';
import type { SqliteDatabase } from './connection.ts';

const SQL = {
  insertJobcenter: 'INSERT INTO jobcentre (id, name, created_at) VALUES (?, ?, ?)',
  getJobcenter: 'SELECT id, name, created_at FROM jobcentre WHERE id = ?',
  listJobcentre: 'SELECT id, name, created_at FROM jobcentre ORDER BY id',
  insertToken: `INSERT INTO api_tokens (id, token_hash, role, jobcenter, job_order_id, bundle_id, national_scope,
      label, created_at, expires_at)
    VALUES (@id, @hash, @role, @jobcenter, @jobOrderId, @bundleId, @national, @label, @createdAt, @expiresAt)`,
  tokenByHash: `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?`,
  tokenById: `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = ?`,
  touch: 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?',
  revoke: 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
} as const;

/** Jobcentre and API tokens in the shared SQLite file; a token only as its SHA-256 hash. */
export class SqliteAccessStore implements AccessStore {
  constructor(private readonly db: SqliteDatabase) {}

  async createJobcenter(input: { id: string; name: string }): Promise<Jobcenter> {
    const createdAt = new Date().toISOString();
    try {
      this.db.statement(SQL.insertJobcenter).run(input.id, input.name, createdAt);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new JobcenterExistsError(input.id);
      }
      throw error;
    }
    return { id: input.id, name: input.name, createdAt };
  }

  async listJobcentre(): Promise<Jobcenter[]> {
    return this.db.statement<[], JobcenterRow>(SQL.listJobcentre).all().map(toJobcenter);
  }

  async getJobcenter(id: string): Promise<Jobcenter | undefined> {
    const row = this.db.statement<[string], JobcenterRow>(SQL.getJobcenter).get(id);
    return row && toJobcenter(row);
  }

  async createToken(input: NewToken): Promise<{ token: string; record: TokenRecord }> {
    const { token, hash, record } = prepareToken(input);
    this.db
      .statement<[object]>(SQL.insertToken)
      .run({ ...record, national: record.nationalScope ? 1 : 0, hash });
    return { token, record };
  }

  async authenticate(token: string): Promise<TokenRecord | undefined> {
    const row = this.db.statement<[string], TokenRow>(SQL.tokenByHash).get(hashToken(token));
    const now = new Date();
    if (!row || !tokenWorks(row, now)) return undefined;
    if (dueForTouch(row, now)) {
      row.last_used_at = now.toISOString();
      this.db.statement(SQL.touch).run(row.last_used_at, row.id);
    }
    return toToken(row);
  }

  async getToken(id: string): Promise<TokenRecord | undefined> {
    const row = this.db.statement<[string], TokenRow>(SQL.tokenById).get(id);
    return row && toToken(row);
  }

  async revokeToken(id: string): Promise<boolean> {
    return this.db.statement(SQL.revoke).run(new Date().toISOString(), id).changes > 0;
  }

  async listTokens(filter: TokenFilter = {}): Promise<TokenRecord[]> {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.role !== undefined) {
      where.push('role = @role');
      params.role = filter.role;
    }
    if (filter.jobcenter !== undefined) {
      where.push('jobcenter = @jobcenter');
      params.jobcenter = filter.jobcenter;
    }
    if (filter.jobOrderId !== undefined) {
      where.push('job_order_id = @jobOrderId');
      params.jobOrderId = filter.jobOrderId;
    }
    if (filter.bundleId !== undefined) {
      where.push('bundle_id = @bundleId');
      params.bundleId = filter.bundleId;
    }
    if (!filter.includeInactive) {
      where.push('revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)');
      params.now = new Date().toISOString();
    }
    const sql = `SELECT ${TOKEN_COLUMNS} FROM api_tokens${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at, rowid`;
    return this.db.statement<[object], TokenRow>(sql).all(params).map(toToken);
  }
}
