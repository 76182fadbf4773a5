import type { NewSession, SessionRecord, SessionStore } from '../../ports/sessions.ts';
import { newSessionRecord, type SessionRow, toSession } from '../shared/session-rows.ts';
import type { SqliteDatabase } from './connection.ts';

const SQL = {
  insert: `INSERT INTO sessions (id_hash, token_id, csrf_token, created_at, last_seen_at, expires_at, idle_expires_at)
    VALUES (@idHash, @tokenId, @csrfToken, @createdAt, @lastSeenAt, @expiresAt, @idleExpiresAt)`,
  get: 'SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ? AND idle_expires_at > ?',
  touch: `UPDATE sessions SET last_seen_at = @now, idle_expires_at = min(@idle, expires_at)
    WHERE id_hash = @idHash`,
  delete: 'DELETE FROM sessions WHERE id_hash = ?',
  deleteByToken: 'DELETE FROM sessions WHERE token_id = ?',
  purge: 'DELETE FROM sessions WHERE expires_at <= ? OR idle_expires_at <= ?',
} as const;

/** Sessions in the shared SQLite file; timestamps are ISO strings, so expiry is a string comparison. */
export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: SqliteDatabase) {}

  async create(input: NewSession): Promise<SessionRecord> {
    const record = newSessionRecord(input);
    this.db.statement<[object]>(SQL.insert).run(record);
    return record;
  }

  async get(idHash: string, now = new Date()): Promise<SessionRecord | undefined> {
    const t = now.toISOString();
    const row = this.db.statement<[string, string, string], SessionRow>(SQL.get).get(idHash, t, t);
    return row && toSession(row);
  }

  async touch(idHash: string, idleExpiresAt: string, now = new Date()): Promise<void> {
    this.db
      .statement<[object]>(SQL.touch)
      .run({ idHash, idle: new Date(idleExpiresAt).toISOString(), now: now.toISOString() });
  }

  async delete(idHash: string): Promise<boolean> {
    return this.db.statement(SQL.delete).run(idHash).changes > 0;
  }

  async deleteByToken(tokenId: string): Promise<number> {
    return this.db.statement(SQL.deleteByToken).run(tokenId).changes;
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const t = now.toISOString();
    return this.db.statement(SQL.purge).run(t, t).changes;
  }
}
