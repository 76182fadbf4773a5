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
import type { PostgresDatabase } from './connection.ts';

/** 23505: unique_violation. */
const UNIQUE_VIOLATION = '23505';

const SQL = {
  insertJobcenter: 'INSERT INTO jobcentre (id, name, created_at) VALUES ($1, $2, $3)',
  getJobcenter: 'SELECT id, name, created_at FROM jobcentre WHERE id = $1',
  listJobcentre: 'SELECT id, name, created_at FROM jobcentre ORDER BY id',
  insertToken: `INSERT INTO api_tokens (id, token_hash, role, jobcenter, job_order_id, bundle_id, national_scope,
      label, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
  tokenByHash: `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1`,
  tokenById: `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1`,
  touch: 'UPDATE api_tokens SET last_used_at = $1 WHERE id = $2',
  revoke: 'UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
} as const;

/** Jobcentre and API tokens; a token only as its SHA-256 hash. */
export class PostgresAccessStore implements AccessStore {
  constructor(private readonly database: PostgresDatabase) {}

  async createJobcenter(input: { id: string; name: string }): Promise<Jobcenter> {
    const createdAt = new Date().toISOString();
    try {
      await this.database.db.query(SQL.insertJobcenter, [input.id, input.name, createdAt]);
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw new JobcenterExistsError(input.id);
      throw error;
    }
    return { id: input.id, name: input.name, createdAt };
  }

  async listJobcentre(): Promise<Jobcenter[]> {
    return (await this.database.db.query<JobcenterRow>(SQL.listJobcentre)).rows.map(toJobcenter);
  }

  async getJobcenter(id: string): Promise<Jobcenter | undefined> {
    const { rows } = await this.database.db.query<JobcenterRow>(SQL.getJobcenter, [id]);
    return rows[0] && toJobcenter(rows[0]);
  }

  async createToken(input: NewToken): Promise<{ token: string; record: TokenRecord }> {
    const { token, hash, record } = prepareToken(input);
    await this.database.db.query(SQL.insertToken, [
      record.id,
      hash,
      record.role,
      record.jobcenter,
      record.jobOrderId,
      record.bundleId,
      record.nationalScope,
      record.label,
      record.createdAt,
      record.expiresAt,
    ]);
    return { token, record };
  }

  async authenticate(token: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.database.db.query<TokenRow>(SQL.tokenByHash, [hashToken(token)]);
    const row = rows[0];
    const now = new Date();
    if (!row || !tokenWorks(row, now)) return undefined;
    if (dueForTouch(row, now)) {
      row.last_used_at = now.toISOString();
      await this.database.db.query(SQL.touch, [row.last_used_at, row.id]);
    }
    return toToken(row);
  }

  async getToken(id: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.database.db.query<TokenRow>(SQL.tokenById, [id]);
    return rows[0] && toToken(rows[0]);
  }

  async revokeToken(id: string): Promise<boolean> {
    const { rowCount } = await this.database.db.query(SQL.revoke, [new Date().toISOString(), id]);
    return (rowCount ?? 0) > 0;
  }

  async listTokens(filter: TokenFilter = {}): Promise<TokenRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.role !== undefined) add((p) => `role = ${p}`, filter.role);
    if (filter.jobcenter !== undefined) add((p) => `jobcenter = ${p}`, filter.jobcenter);
    if (filter.jobOrderId !== undefined) add((p) => `job_order_id = ${p}`, filter.jobOrderId);
    if (filter.bundleId !== undefined) add((p) => `bundle_id = ${p}`, filter.bundleId);
    if (!filter.includeInactive) {
      add(
        (p) => `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ${p})`,
        new Date().toISOString(),
      );
    }
    const sql = `SELECT ${TOKEN_COLUMNS} FROM api_tokens${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at, seq`;
    return (await this.database.db.query<TokenRow>(sql, params)).rows.map(toToken);
  }
}
