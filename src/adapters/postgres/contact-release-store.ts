import type { ContactReleaseStore } from '../../ports/contact-releases.ts';
import { now, type PostgresDatabase } from './connection.ts';

const SQL = {
  release: `INSERT INTO contact_releases (candidate_id, to_jobcenter, released_by, released_at)
    VALUES ($1, $2, $3, $4)
    ON CONFLICT (candidate_id, to_jobcenter) DO NOTHING`,
  released: 'SELECT 1 FROM contact_releases WHERE candidate_id = $1 AND to_jobcenter = $2',
} as const;

export class PostgresContactReleaseStore implements ContactReleaseStore {
  constructor(private readonly database: PostgresDatabase) {}

  async release(input: { candidateId: string; toJobcenter: string; releasedBy: string }): Promise<void> {
    await this.database.db.query(SQL.release, [
      input.candidateId,
      input.toJobcenter,
      input.releasedBy,
      now(),
    ]);
  }

  async isReleased(candidateId: string, toJobcenter: string): Promise<boolean> {
    return (await this.database.db.query(SQL.released, [candidateId, toJobcenter])).rows.length > 0;
  }
}
