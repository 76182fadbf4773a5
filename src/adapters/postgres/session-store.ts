import type { NewSession, SessionRecord, SessionStore } from '../../ports/sessions.ts';
import { newSessionRecord, type SessionRow, toSession } from '../shared/session-rows.ts';
import type { PostgresDatabase } from './connection.ts';

const SQL = {
  insert: `INSERT INTO sessions (id_hash, token_id, csrf_token, created_at, last_seen_at, expires_at, idle_expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  get: 'SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2 AND idle_expires_at > $2',
  // One statement: a touch racing another host's touch still never moves the idle expiry past the absolute one.
  touch: `UPDATE sessions SET last_seen_at = $3, idle_expires_at = LEAST($2::text COLLATE "C", expires_at)
    WHERE id_hash = $1`,
  delete: 'DELETE FROM sessions WHERE id_hash = $1',
  deleteByToken: 'DELETE FROM sessions WHERE token_id = $1',
  purge: 'DELETE FROM sessions WHERE expires_at <= $1 OR idle_expires_at <= $1',
} as const;

/** Sessions in the shared database, so a cookie set by one API host opens the session on every other. */
export class PostgresSessionStore implements SessionStore {
  constructor(private readonly database: PostgresDatabase) {}

  async create(input: NewSession): Promise<SessionRecord> {
    const r = newSessionRecord(input);
    await this.database.db.query(SQL.insert, [
      r.idHash,
      r.tokenId,
      r.csrfToken,
      r.createdAt,
      r.lastSeenAt,
      r.expiresAt,
      r.idleExpiresAt,
    ]);
    return r;
  }

  async get(idHash: string, now = new Date()): Promise<SessionRecord | undefined> {
    const { rows } = await this.database.db.query<SessionRow>(SQL.get, [idHash, now.toISOString()]);
    return rows[0] && toSession(rows[0]);
  }

  async touch(idHash: string, idleExpiresAt: string, now = new Date()): Promise<void> {
    await this.database.db.query(SQL.touch, [
      idHash,
      new Date(idleExpiresAt).toISOString(),
      now.toISOString(),
    ]);
  }

  async delete(idHash: string): Promise<boolean> {
    return ((await this.database.db.query(SQL.delete, [idHash])).rowCount ?? 0) > 0;
  }

  async deleteByToken(tokenId: string): Promise<number> {
    return (await this.database.db.query(SQL.deleteByToken, [tokenId])).rowCount ?? 0;
  }

  async purgeExpired(now = new Date()): Promise<number> {
    return (await this.database.db.query(SQL.purge, [now.toISOString()])).rowCount ?? 0;
  }
}
