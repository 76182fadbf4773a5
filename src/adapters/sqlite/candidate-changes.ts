import type Database from 'better-sqlite3';
import type { CandidateSearchFacts } from '../../ports/candidates.ts';
import type { CandidateChange, CandidateChangeFeed } from '../../ports/change-feed.ts';
import { digestFacts, toCandidateChange } from '../shared/candidate-changes.ts';

interface ChangeRow {
  candidate_id: string;
  seq: number;
  jobcenter: string | null;
  external_id: string | null;
  facts_json: string | null;
  searchable: number | null;
  incomplete: number | null;
}

const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);

/**
 * Reads the feed the triggers of migrations-candidate-changes.ts write, joined to the candidates' current search
 * facts in the same read. No watch: processes sharing one SQLite file are on one host and catch up on demand.
 */
export class SqliteCandidateChanges implements CandidateChangeFeed {
  private readonly headStatement: Database.Statement<[], { seq: number | null }>;
  private readonly sinceStatement: Database.Statement<[number, number], ChangeRow>;

  constructor(db: Database.Database) {
    this.headStatement = db.prepare('SELECT max(seq) AS seq FROM candidate_changes');
    this.sinceStatement = db.prepare(
      `SELECT ch.candidate_id, ch.seq, c.jobcenter, c.external_id, c.facts_json, c.searchable, c.incomplete
       FROM candidate_changes ch LEFT JOIN candidates c ON c.id = ch.candidate_id
       WHERE ch.seq > ? ORDER BY ch.seq LIMIT ?`,
    );
  }

  async head(): Promise<number> {
    return this.headStatement.get()?.seq ?? 0;
  }

  async since(seq: number, limit: number): Promise<CandidateChange[]> {
    return this.sinceStatement
      .all(seq, limit)
      .map((r) =>
        toCandidateChange({ ...r, searchable: flag(r.searchable), incomplete: flag(r.incomplete) }),
      );
  }

  digest(facts: CandidateSearchFacts): string {
    return digestFacts(facts);
  }
}
