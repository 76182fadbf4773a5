import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CandidateSearchFacts } from '../../ports/candidates.ts';
import type { CandidateChange, CandidateChangeFeed } from '../../ports/change-feed.ts';
import { canonicalJson } from '../shared/json.ts';

function digestOf(factsJson: string): string {
  return createHash('sha1').update(factsJson).digest('base64');
}

interface ChangeRow {
  candidate_id: string;
  seq: number;
  jobcenter: string | null;
  external_id: string | null;
  facts_json: string | null;
  searchable: number | null;
  incomplete: number | null;
}

/**
 * Reads the feed the triggers of migrations-candidate-changes.ts write, joined to the candidates' current search
 * facts in the same read.
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

  head(): number {
    return this.headStatement.get()?.seq ?? 0;
  }

  since(seq: number, limit: number): CandidateChange[] {
    return this.sinceStatement.all(seq, limit).map((r) => {
      // The same rule as the import path and the rebuild: only complete, searchable candidates are indexed.
      const indexed = r.facts_json !== null && r.searchable === 1 && r.incomplete === 0;
      if (!indexed) return { candidateId: r.candidate_id, seq: r.seq, digest: null, document: () => null };
      const factsJson = r.facts_json!;
      return {
        candidateId: r.candidate_id,
        seq: r.seq,
        digest: digestOf(factsJson),
        document: () => ({
          id: r.candidate_id,
          jobcenter: r.jobcenter!,
          externalId: r.external_id!,
          facts: JSON.parse(factsJson) as CandidateSearchFacts,
        }),
      };
    });
  }

  /** The Store serialises facts canonically, so the digest of the stored JSON equals the digest of the facts. */
  digest(facts: CandidateSearchFacts): string {
    return digestOf(canonicalJson(facts));
  }
}
