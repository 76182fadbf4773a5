import type { ContactReleaseStore } from '../../ports/contact-releases.ts';
import { now, type SqliteDatabase } from './connection.ts';

const SQL = {
  release: `INSERT INTO contact_releases (candidate_id, to_jobcenter, released_by, released_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (candidate_id, to_jobcenter) DO NOTHING`,
  released: 'SELECT 1 FROM contact_releases WHERE candidate_id = ? AND to_jobcenter = ?',
} as const;

export class SqliteContactReleaseStore implements ContactReleaseStore {
  constructor(private readonly db: SqliteDatabase) {}

  async release(input: { candidateId: string; toJobcenter: string; releasedBy: string }): Promise<void> {
    this.db.statement(SQL.release).run(input.candidateId, input.toJobcenter, input.releasedBy, now());
  }

  async isReleased(candidateId: string, toJobcenter: string): Promise<boolean> {
    return this.db.statement(SQL.released).get(candidateId, toJobcenter) !== undefined;
  }
}
