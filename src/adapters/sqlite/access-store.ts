import { createHash, randomBytes } from 'node:crypto';
import {
  type AccessStore,
  type Jobcenter,
  JobcenterExistsError,
  type NewToken,
  type Role,
  type TokenFilter,
  type TokenRecord,
} from '../../ports/access.ts';
import { newId } from '../shared/ids.ts';
import type { SqliteDatabase } from './connection.ts';

interface TokenRow {
  id: string;
  role: Role;
  jobcenter: string | null;
  job_order_id: string | null;
  bundle_id: string | null;
  national_scope: number;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

interface JobcenterRow {
  id: string;
  name: string;
  created_at: string;
}

/** Recording every use would turn each API read into a write; once a minute per token says enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

const TOKEN_COLUMNS =
  'id, role, jobcenter, job_order_id, bundle_id, national_scope, label, created_at, expires_at, revoked_at, last_used_at';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes; the prefix lets secret scanners and people recognise a Vikarmatch token. */
export function newToken(): string {
  return `vm_${randomBytes(32).toString('base64url')}`;
}

function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: row.role,
    jobcenter: row.jobcenter,
    jobOrderId: row.job_order_id,
    bundleId: row.bundle_id,
    nationalScope: row.national_scope === 1,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

const toJobcenter = (row: JobcenterRow): Jobcenter => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

const SQL = {
  insertJobcenter: 'INSERT INTO jobcentre (id, name, created_at) VALUES (?, ?, ?)',
  getJobcenter: 'SELECT * FROM jobcentre WHERE id = ?',
  listJobcentre: 'SELECT * FROM jobcentre ORDER BY id',
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
    if (input.role === 'konsulent' && !input.jobcenter) {
      throw new RangeError('a konsulent token needs a jobcenter');
    }
    if (input.role === 'virksomhed' && !input.jobOrderId) {
      throw new RangeError('a virksomhed token needs a job order');
    }
    if (input.nationalScope && input.role !== 'konsulent') {
      throw new RangeError('only a konsulent token can be granted national scope');
    }
    if (input.bundleId && input.role !== 'virksomhed') {
      throw new RangeError('only a virksomhed token is bound to a bundle');
    }
    const token = newToken();
    const record: TokenRecord = {
      id: newId(),
      role: input.role,
      jobcenter: input.jobcenter ?? null,
      jobOrderId: input.jobOrderId ?? null,
      bundleId: input.bundleId ?? null,
      nationalScope: input.nationalScope === true,
      label: input.label,
      createdAt: new Date().toISOString(),
      // Normalised, so expiry is a plain string comparison with another toISOString().
      expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      revokedAt: null,
      lastUsedAt: null,
    };
    this.db
      .statement<[object]>(SQL.insertToken)
      .run({ ...record, national: record.nationalScope ? 1 : 0, hash: hashToken(token) });
    return { token, record };
  }

  async authenticate(token: string): Promise<TokenRecord | undefined> {
    const row = this.db.statement<[string], TokenRow>(SQL.tokenByHash).get(hashToken(token));
    if (!row || row.revoked_at !== null) return undefined;
    const now = new Date();
    if (row.expires_at !== null && row.expires_at <= now.toISOString()) return undefined;
    if (
      row.last_used_at === null ||
      now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS
    ) {
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
